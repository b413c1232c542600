package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A stored task as a test sees it. {@code predictions} are the prediction objects as the API serves them
 * ({@code id, model_version, result, score, task, project, ...}). All nodes are copies. {@code createdAt} is when the
 * import that created the task committed it (the API's {@code created_at}).
 */
public record Task(int id, int projectId, JsonNode data, List<JsonNode> predictions, JsonNode meta,
                   Instant createdAt) {
}
