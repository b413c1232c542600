package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A task row with its predictions and annotations. JSON fields are never mutated after commit. */
record StoredTask(int id, int projectId, int innerId, JsonNode data, JsonNode meta,
                  List<StoredPrediction> predictions, List<JsonNode> annotations, Instant createdAt) {
}
