package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** What LS keeps of an imported prediction: result, score (float or null) and model_version. */
record StoredPrediction(int id, int taskId, int projectId, JsonNode result, Double score, String modelVersion,
                        Instant createdAt) {
}
