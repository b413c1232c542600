package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An annotation row. {@code prediction} is the model field LS fills at creation with the serialized prediction of
 * the project's current model_version (an empty object when there is none); it is never refreshed afterwards.
 * {@code result} is null only for an imported annotation that had none. Immutable: updates replace the record.
 */
record StoredAnnotation(int id, int taskId, int projectId, JsonNode result, boolean wasCancelled, boolean groundTruth,
                        Double leadTime, JsonNode prediction, int completedBy, Instant createdAt, Instant updatedAt,
                        String lastAction) {

    StoredAnnotation updated(JsonNode newResult, boolean cancelled, boolean truth, Double newLeadTime, Instant at) {
        return new StoredAnnotation(id, taskId, projectId, newResult, cancelled, truth, newLeadTime, prediction,
                completedBy, createdAt, at, lastAction);
    }

    StoredAnnotation withGroundTruth(boolean truth) {
        return new StoredAnnotation(id, taskId, projectId, result, wasCancelled, truth, leadTime, prediction,
                completedBy, createdAt, updatedAt, lastAction);
    }

    /** LS's {@code Q_finished_annotations}: counts towards is_labeled. */
    boolean finished() {
        return !wasCancelled && result != null && !result.isNull();
    }
}
