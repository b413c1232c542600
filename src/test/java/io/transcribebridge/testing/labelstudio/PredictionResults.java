package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * {@code Prediction.prepare_prediction_result}: a list of dicts is kept; a dict is wrapped under the first
 * control whose type key it contains; a string or integer goes into the first single-valued control as
 * {@code {"<type>": [value]}}; anything else is stored as null. Only reachable with strict validation off,
 * since strict validation already rejects results that are not lists.
 */
final class PredictionResults {

    private static final Map<String, String> SINGLE_VALUED = Map.of(
            "choices", "str", "rating", "int", "number", "int", "textarea", "str");

    private PredictionResults() {
    }

    static JsonNode normalise(JsonNode result, LabelConfig config) {
        if (result.isArray()) {
            for (JsonNode item : result) {
                if (!item.isObject()) {
                    throw Errors.nonFieldError("Each item in prediction result should be dict");
                }
            }
            return result.deepCopy();
        }
        if (result.isObject()) {
            for (LabelConfig.ControlTag control : config.controls().values()) {
                if (result.has(control.type())) {
                    return wrap(control, result.deepCopy());
                }
            }
            return NullNode.getInstance();
        }
        if (result.isTextual() || result.isIntegralNumber()) {
            String pythonType = result.isTextual() ? "str" : "int";
            for (LabelConfig.ControlTag control : config.controls().values()) {
                if (pythonType.equals(SINGLE_VALUED.get(control.type()))) {
                    ObjectNode value = Json.object();
                    value.putArray(control.type()).add(result);
                    return wrap(control, value);
                }
            }
        }
        return NullNode.getInstance();
    }

    private static ArrayNode wrap(LabelConfig.ControlTag control, JsonNode value) {
        ArrayNode wrapped = Json.array();
        ObjectNode region = wrapped.addObject();
        region.put("from_name", control.name());
        region.put("to_name", String.join(",", control.toName()));
        region.put("type", control.type());
        region.set("value", value);
        return wrapped;
    }
}
