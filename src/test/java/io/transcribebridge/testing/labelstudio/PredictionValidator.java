package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SDK's {@code LabelInterface.validate_prediction(prediction, return_errors=True)} for the control tags an
 * audio transcription project uses (TextArea, Labels, Choices, Rating, Number); other control types accept any
 * dict value. Messages follow the SDK text. Two checks are emulator additions that the SDK version read does
 * not make: region {@code score} within [0, 1] and region {@code origin} in the editor's enum.
 */
final class PredictionValidator {

    private static final List<String> ORIGINS = List.of("prediction", "prediction-changed", "manual");
    private static final Map<String, String> VALUE_CLASSES = Map.of(
            "textarea", "TextAreaValue", "labels", "LabelsValue", "choices", "ChoicesValue",
            "rating", "RatingValue", "number", "NumberValue");

    private final LabelConfig config;

    PredictionValidator(LabelConfig config) {
        this.config = config;
    }

    List<String> validate(JsonNode prediction) {
        List<String> errors = new ArrayList<>();
        if (!prediction.isObject() || !prediction.has("result")) {
            errors.add("Missing required field 'result'");
            return errors;
        }
        JsonNode result = prediction.get("result");
        if (!result.isArray()) {
            errors.add("'result' must be a list");
            return errors;
        }
        scoreError(prediction.get("score")).ifPresent(errors::add);
        try {
            for (int i = 0; i < result.size(); i++) {
                JsonNode region = result.get(i);
                if (!region.isObject()) {
                    errors.add("Region must be a dictionary. Got <class '" + PythonRepr.typeName(region) + "'>: "
                            + PythonRepr.str(region));
                } else if (!"relation".equals(region.path("type").asText(null))) {
                    errors.addAll(validateRegion(region, i));
                }
            }
        } catch (UnexpectedError e) {
            errors.add("Unexpected error during validation: " + e.getMessage());
        }
        return errors;
    }

    private List<String> validateRegion(JsonNode region, int index) {
        String prefix = "Region " + index + ": ";
        List<String> errors = new ArrayList<>();
        for (String field : List.of("from_name", "to_name", "type", "value")) {
            if (!region.has(field)) {
                errors.add(prefix + "Missing required field '" + field + "'");
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        String fromName = PythonRepr.str(region.get("from_name"));
        String toName = PythonRepr.str(region.get("to_name"));
        LabelConfig.ControlTag control = region.get("from_name").isTextual() ? config.controls().get(fromName) : null;
        if (control == null) {
            return List.of(prefix + "'from_name' '" + fromName + "' not found in configuration");
        }
        if (!region.get("to_name").isTextual() || !config.objects().containsKey(toName)) {
            return List.of(prefix + "'to_name' '" + toName + "' not found in configuration");
        }
        if (!region.get("type").isTextual()) {
            throw new UnexpectedError("'" + PythonRepr.typeName(region.get("type")) + "' object has no attribute 'lower'");
        }
        String actualType = region.get("type").textValue().toLowerCase(Locale.ROOT);
        if (!actualType.equals(control.type())) {
            errors.add(prefix + "Type '" + actualType + "' does not match expected type '" + control.type()
                    + "' for control '" + fromName + "'");
        }
        if (!control.toName().contains(toName)) {
            errors.add(prefix + "'to_name' '" + toName + "' is not valid for control '" + fromName
                    + "'. Valid options: " + PythonRepr.repr(Json.MAPPER.valueToTree(control.toName())));
        }
        if (!ControlValues.isValid(control, region.get("value"))) {
            errors.add(prefix + "Invalid value for control '" + fromName + "'. Got: "
                    + PythonRepr.str(region.get("value")) + ". Valid options: " + validOptions(control));
        }
        scoreError(region.get("score")).ifPresent(e -> errors.add(prefix + e));
        JsonNode origin = region.get("origin");
        if (origin != null && !(origin.isTextual() && ORIGINS.contains(origin.textValue()))) {
            errors.add(prefix + "Invalid origin '" + PythonRepr.str(origin) + "'. Valid options: "
                    + PythonRepr.repr(Json.MAPPER.valueToTree(ORIGINS)));
        }
        return errors;
    }

    private static String validOptions(LabelConfig.ControlTag control) {
        if (!control.labels().isEmpty()) {
            return PythonRepr.repr(Json.MAPPER.valueToTree(control.labelValues()));
        }
        String valueClass = VALUE_CLASSES.get(control.type());
        return valueClass == null ? "no specific validation rules" : "expected structure: " + valueClass;
    }

    /** Python {@code float(score)} then the [0, 1] range check; null means "no score". */
    static Optional<String> scoreError(JsonNode score) {
        if (score == null || score.isNull()) {
            return Optional.empty();
        }
        Optional<Double> value = pythonFloat(score);
        if (value.isEmpty()) {
            return Optional.of("Score must be a valid number, got " + PythonRepr.str(score));
        }
        double d = value.get();
        if (!(d >= 0.0 && d <= 1.0)) {
            return Optional.of("Score must be between 0.00 and 1.00 inclusive, got " + PythonRepr.floatRepr(d));
        }
        return Optional.empty();
    }

    /** What Python's {@code float(x)} accepts from JSON: numbers, booleans, numeric strings. */
    static Optional<Double> pythonFloat(JsonNode node) {
        if (node.isNumber()) {
            return Optional.of(node.doubleValue());
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue() ? 1.0 : 0.0);
        }
        if (node.isTextual()) {
            String text = node.textValue().strip().toLowerCase(Locale.ROOT);
            if (text.matches("[+-]?(inf|infinity|nan)")) {
                return Optional.of(text.contains("nan") ? Double.NaN
                        : text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
            if (text.matches("[+-]?(\\d[\\d_]*)?\\.?\\d*([eE][+-]?\\d+)?") && text.matches(".*\\d.*")) {
                return Optional.of(Double.parseDouble(text.replace("_", "")));
            }
        }
        return Optional.empty();
    }

    private static final class UnexpectedError extends RuntimeException {
        UnexpectedError(String message) {
            super(message, null, false, false);
        }
    }
}
