package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A task row with its predictions and annotations (cancelled ones included, in creation order). JSON fields are
 * never mutated after commit; an annotation change replaces the record and moves {@code updatedAt}.
 */
record StoredTask(int id, int projectId, int innerId, JsonNode data, JsonNode meta,
                  List<StoredPrediction> predictions, List<StoredAnnotation> annotations, Instant createdAt,
                  Instant updatedAt) {

    StoredTask withAnnotations(List<StoredAnnotation> newAnnotations, Instant at) {
        return new StoredTask(id, projectId, innerId, data, meta, predictions, List.copyOf(newAnnotations), createdAt,
                at);
    }

    /** The task's {@code total_annotations} counter: annotations that were not cancelled. */
    int totalAnnotations() {
        return (int) annotations.stream().filter(a -> !a.wasCancelled()).count();
    }

    int cancelledAnnotations() {
        return (int) annotations.stream().filter(StoredAnnotation::wasCancelled).count();
    }

    /** {@code Task.is_labeled} with overlap 1 and skip_queue REQUEUE_FOR_OTHERS: one finished annotation. */
    boolean isLabeled() {
        return annotations.stream().anyMatch(StoredAnnotation::finished);
    }
}
