package io.transcribebridge.review;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.transcribebridge.labelstudio.LabelStudioTasks;

/**
 * The current review of one task, as Label Studio has it: which annotation counts and which prediction it is measured
 * against. Only tasks this service created count (they carry {@code data.transcribe_job}); cancelled (skipped)
 * annotations don't count; of several, the most recently updated ground-truth one wins, else the most recently
 * updated one (ties: the higher id).
 */
public record TaskReview(long taskId, String jobName, String sourceUri, Optional<String> language,
                         Optional<Double> audioSeconds, Optional<Annotation> annotation,
                         Optional<Prediction> prediction, List<Long> countedAnnotationIds) {

    /** The annotation that counts. */
    public record Annotation(long id, Instant updatedAt, String updatedAtText, boolean groundTruth,
                             Transcription transcription) {
    }

    /** The prediction the annotation is measured against: the task's latest. */
    public record Prediction(String modelVersion, Double score, Transcription transcription) {
    }

    /**
     * How annotations rank: ground truth first, then the most recently updated, then the higher id. Decides the
     * annotation that counts, and whether a stored record is of a later state than one read now.
     */
    public record Rank(boolean groundTruth, Instant updatedAt, long id) implements Comparable<Rank> {

        private static final Comparator<Rank> ORDER = Comparator.comparing(Rank::groundTruth)
                .thenComparing(Rank::updatedAt).thenComparingLong(Rank::id);

        @Override
        public int compareTo(Rank other) {
            return ORDER.compare(this, other);
        }
    }

    private static final Comparator<JsonNode> WINNER = Comparator.comparing(a -> new Rank(
            a.path("ground_truth").asBoolean(false), instant(a.path("updated_at").asText("")).orElse(Instant.EPOCH),
            a.path("id").asLong()));

    /** Empty when the task was not created by this service (no {@code data.transcribe_job}). */
    public static Optional<TaskReview> of(JsonNode task) {
        String jobName = task.path("data").path(LabelStudioTasks.JOB_NAME_FIELD).asText("");
        if (jobName.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> counted = new ArrayList<>();
        task.path("annotations").forEach(annotation -> {
            if (annotation.isObject() && !annotation.path("was_cancelled").asBoolean(false)) {
                counted.add(annotation);
            }
        });
        Optional<Annotation> winner = counted.stream().max(WINNER).map(a -> new Annotation(a.path("id").asLong(),
                instant(a.path("updated_at").asText("")).orElse(Instant.EPOCH), a.path("updated_at").asText(""),
                a.path("ground_truth").asBoolean(false), Transcription.of(a.path("result"))));
        Optional<Prediction> prediction = latestPrediction(task.path("predictions"));
        JsonNode data = task.path("data");
        JsonNode seconds = task.path("meta").path("audio_seconds");
        return Optional.of(new TaskReview(task.path("id").asLong(), jobName, data.path("source_uri").asText(""),
                Optional.ofNullable(data.path("language").textValue()).filter(code -> !code.isBlank()),
                seconds.isNumber() ? Optional.of(seconds.asDouble()) : Optional.empty(), winner, prediction,
                counted.stream().map(a -> a.path("id").asLong()).sorted().toList()));
    }

    private static Optional<Prediction> latestPrediction(JsonNode predictions) {
        JsonNode latest = null;
        for (JsonNode prediction : predictions) {
            if (prediction.isObject() && (latest == null || prediction.path("id").asLong()
                                                            >= latest.path("id").asLong())) {
                latest = prediction;
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        JsonNode score = latest.path("score");
        return Optional.of(new Prediction(latest.path("model_version").asText(""),
                score.isNumber() ? score.asDouble() : null, Transcription.of(latest.path("result"))));
    }

    static Optional<Instant> instant(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
