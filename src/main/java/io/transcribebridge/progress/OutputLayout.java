package io.transcribebridge.progress;

/**
 * Where the service writes in the output bucket, all under {@code OUTPUT_PREFIX}: {@code transcripts/} (Transcribe's
 * output), {@code done/} (completion markers), {@code failed/} (failure records) and {@code claims/} (which replica
 * works on an object version, only while it does), each {@code <jobName>.json}; after the review
 * {@code reviewed/<jobName>.json|.txt|.srt|.vtt} (deliverables), {@code reports/accuracy.json},
 * {@code vocabulary/<language>.txt|.json}, and the review loop's own {@code review-inbox/} (webhooks accepted, not yet
 * settled) and {@code review-index/} (which task an annotation belongs to).
 */
public record OutputLayout(String bucket, String prefix) {

    public String transcriptsPrefix() {
        return prefix + "transcripts/";
    }

    public String transcriptKey(String jobName) {
        return transcriptsPrefix() + jobName + ".json";
    }

    /** Where Transcribe writes the transcript of a job with PII redaction (RedactionOutput {@code redacted}). */
    public String redactedTranscriptKey(String jobName) {
        return transcriptsPrefix() + "redacted-" + jobName + ".json";
    }

    public String donePrefix() {
        return prefix + "done/";
    }

    public String doneKey(String jobName) {
        return donePrefix() + jobName + ".json";
    }

    public String failedPrefix() {
        return prefix + "failed/";
    }

    public String failedKey(String jobName) {
        return failedPrefix() + jobName + ".json";
    }

    public String claimsPrefix() {
        return prefix + "claims/";
    }

    public String claimKey(String jobName) {
        return claimsPrefix() + jobName + ".json";
    }

    public String reviewedPrefix() {
        return prefix + "reviewed/";
    }

    /** {@code extension} with its dot: {@code .json}, {@code .txt}, {@code .srt}, {@code .vtt}. */
    public String reviewedKey(String jobName, String extension) {
        return reviewedPrefix() + jobName + extension;
    }

    public String accuracyReportKey() {
        return prefix + "reports/accuracy.json";
    }

    public String vocabularyKey(String language, String extension) {
        return prefix + "vocabulary/" + language + extension;
    }

    public String reviewInboxPrefix() {
        return prefix + "review-inbox/";
    }

    public String reviewIndexKey(long annotationId) {
        return prefix + "review-index/annotations/" + annotationId + ".json";
    }
}
