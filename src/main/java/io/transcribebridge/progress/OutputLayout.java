package io.transcribebridge.progress;

/**
 * Where the service writes in the output bucket, all under {@code OUTPUT_PREFIX}: {@code transcripts/} (Transcribe's
 * output), {@code done/} (completion markers), {@code failed/} (failure records) and {@code claims/} (which replica
 * works on an object version, only while it does), each {@code <jobName>.json}.
 */
public record OutputLayout(String bucket, String prefix) {

    public String transcriptsPrefix() {
        return prefix + "transcripts/";
    }

    public String transcriptKey(String jobName) {
        return transcriptsPrefix() + jobName + ".json";
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
}
