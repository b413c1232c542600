package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code ControlTag.validate_value} for the control types the SDK validates with a pydantic value class.
 * The audio extras (numeric start/end with start <= end, integer channel >= 0) follow the SDK after PR #629
 * as the brief describes it.
 */
final class ControlValues {

    private ControlValues() {
    }

    static boolean isValid(LabelConfig.ControlTag control, JsonNode value) {
        if (value == null || !value.isObject()) {
            return false;
        }
        // The SDK accepts the payload nested under the control name, e.g. {"transcription": {"text": [...]}}.
        JsonNode nested = value.get(control.name());
        JsonNode v = nested != null && nested.isObject() ? nested : value;
        return switch (control.type()) {
            case "textarea" -> isStringList(v.get("text")) && optionalSpanIsValid(v);
            case "labels" -> isStringList(v.get("labels")) && isSubset(v.get("labels"), control)
                    && requiredSpanIsValid(v);
            case "choices" -> isStringList(v.get("choices")) && isSubset(v.get("choices"), control);
            case "rating" -> isIntegerInRange(v.get("rating"), 0,
                    Integer.parseInt(control.attributes().getOrDefault("maxRating", "5")));
            case "number" -> isIntegerInRange(v.get("number"), 0, Long.MAX_VALUE);
            default -> true;
        };
    }

    private static boolean isStringList(JsonNode node) {
        if (node == null || !node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** SDK {@code _validate_labels}: an empty selection, or a control without labels, always passes. */
    private static boolean isSubset(JsonNode selected, LabelConfig.ControlTag control) {
        List<String> defined = control.labelValues();
        if (defined.isEmpty()) {
            return true;
        }
        for (JsonNode label : selected) {
            if (!defined.contains(label.textValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean requiredSpanIsValid(JsonNode v) {
        return v.has("start") && v.has("end") && optionalSpanIsValid(v);
    }

    private static boolean optionalSpanIsValid(JsonNode v) {
        JsonNode start = v.get("start");
        JsonNode end = v.get("end");
        if (start != null && !start.isNumber() || end != null && !end.isNumber()) {
            return false;
        }
        if (start != null && end != null && start.doubleValue() > end.doubleValue()) {
            return false;
        }
        JsonNode channel = v.get("channel");
        return channel == null || isIntegerInRange(channel, 0, Long.MAX_VALUE);
    }

    /** pydantic int in lax mode: integral numbers, including 3.0, but not 3.5 or booleans. */
    private static boolean isIntegerInRange(JsonNode node, long min, long max) {
        if (node == null || !node.isNumber()) {
            return false;
        }
        double d = node.doubleValue();
        return d == Math.rint(d) && d >= min && d <= max;
    }
}
