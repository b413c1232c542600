package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A validated, normalised task ready to be committed. */
record NewTask(JsonNode data, JsonNode meta, List<Prediction> predictions, List<JsonNode> annotations) {

    /** {@code modelVersion} is null only when the client sent an explicit JSON null. */
    record Prediction(JsonNode result, Double score, String modelVersion) {
    }
}
