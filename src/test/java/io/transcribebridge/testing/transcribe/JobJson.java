package io.transcribebridge.testing.transcribe;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The TranscriptionJob and TranscriptionJobSummary shapes of the API model, as seen at a moment. */
final class JobJson {

    /** Request members AWS echoes back unchanged in TranscriptionJob. */
    private static final List<String> ECHOED = List.of("ModelSettings", "JobExecutionSettings", "ContentRedaction",
            "LanguageOptions", "LanguageIdSettings", "Tags", "ToxicityDetection");

    private JobJson() {
    }

    static ObjectNode job(TranscriptionJob job, Instant now, String status) {
        StartJobRequest request = job.request();
        boolean started = !"QUEUED".equals(status);
        boolean terminal = "COMPLETED".equals(status) || "FAILED".equals(status);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("TranscriptionJobName", job.name());
        node.put("TranscriptionJobStatus", status);
        if (job.languageCode() != null && (terminal || request.languageCode() != null)) {
            node.put("LanguageCode", job.languageCode());
        }
        if (started) {
            node.put("MediaSampleRateHertz", job.sampleRateHertz());
        }
        if (job.mediaFormat() != null && (started || request.mediaFormat() != null)) {
            node.put("MediaFormat", job.mediaFormat());
        }
        node.putObject("Media").put("MediaFileUri", request.mediaFileUri());
        ObjectNode transcript = node.putObject("Transcript");
        if ("COMPLETED".equals(status)) {
            if (!job.redacted() || job.unredactedToo()) {
                transcript.put("TranscriptFileUri", job.output().transcriptFileUri(now).toString());
            }
            if (job.redacted()) {
                transcript.put("RedactedTranscriptFileUri", job.output().redacted().transcriptFileUri(now).toString());
            }
        }
        if (started) {
            node.put("StartTime", epochSeconds(job.startTime()));
        }
        node.put("CreationTime", epochSeconds(job.created()));
        if (terminal) {
            node.put("CompletionTime", epochSeconds(job.completionTime()));
        }
        if ("FAILED".equals(status)) {
            node.put("FailureReason", job.outcome().failureReason());
        }
        node.set("Settings", settings(request.settings()));
        ECHOED.forEach(field -> copy(request.raw(), node, field));
        if (request.identifyLanguage()) {
            node.put("IdentifyLanguage", true);
            if (terminal && job.outcome().isCompleted()) {
                node.put("IdentifiedLanguageScore", 0.98f);
            }
        }
        if (request.identifyMultipleLanguages()) {
            node.put("IdentifyMultipleLanguages", true);
        }
        return node;
    }

    static ObjectNode summary(TranscriptionJob job, Instant now) {
        String status = job.status(now);
        StartJobRequest request = job.request();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("TranscriptionJobName", job.name());
        node.put("CreationTime", epochSeconds(job.created()));
        job.startTimeSeen(now).ifPresent(time -> node.put("StartTime", epochSeconds(time)));
        job.completionTimeSeen(now).ifPresent(time -> node.put("CompletionTime", epochSeconds(time)));
        if (job.languageCode() != null && (job.isTerminal(now) || request.languageCode() != null)) {
            node.put("LanguageCode", job.languageCode());
        }
        node.put("TranscriptionJobStatus", status);
        if ("FAILED".equals(status)) {
            node.put("FailureReason", job.outcome().failureReason());
        }
        node.put("OutputLocationType", job.output().locationType());
        copy(request.raw(), node, "ContentRedaction");
        copy(request.raw(), node, "ModelSettings");
        if (request.identifyLanguage()) {
            node.put("IdentifyLanguage", true);
        }
        if (request.identifyMultipleLanguages()) {
            node.put("IdentifyMultipleLanguages", true);
        }
        return node;
    }

    /** Timestamps go over the wire as epoch seconds, with milliseconds as the fraction. */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /** Real responses always carry these two flags in Settings. */
    private static ObjectNode settings(JsonNode requested) {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        if (requested != null) {
            settings.setAll((ObjectNode) requested.deepCopy());
        }
        if (!settings.has("ChannelIdentification")) {
            settings.put("ChannelIdentification", false);
        }
        if (!settings.has("ShowAlternatives")) {
            settings.put("ShowAlternatives", false);
        }
        return settings;
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(field, value.deepCopy());
        }
    }
}
