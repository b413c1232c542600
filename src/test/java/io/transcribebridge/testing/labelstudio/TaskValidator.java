package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LS {@code tasks/validation.py::TaskValidator}: task shape and data keys. Errors come back as a list aligned
 * with the input (an error string per bad item, {@code {}} per good one), capped at 100 entries.
 */
final class TaskValidator {

    /** The validated items, each wrapped as a full task ({@code {"data": ...}} for flat items). */
    record Validated(List<ObjectNode> tasks) {
    }

    private static final int MAX_ERRORS = 100;
    private static final String DICT_OR_LIST = "(<class 'dict'>, <class 'list'>)";
    private static final String LIST = "<class 'list'>";
    /** LS {@code _DATA_TYPES} as Python type names; unlisted tags such as Audio accept str only. */
    private static final Map<String, List<String>> DATA_TYPES = Map.ofEntries(
            Map.entry("Text", List.of("str", "int", "float")),
            Map.entry("Header", List.of("str", "int", "float")),
            Map.entry("HyperText", List.of("str")),
            Map.entry("Image", List.of("str", "list")),
            Map.entry("Paragraphs", List.of("list", "str")),
            Map.entry("Table", List.of("dict", "str")),
            Map.entry("TimeSeries", List.of("dict", "list", "str")),
            Map.entry("List", List.of("list")));

    private final LabelConfig config;

    TaskValidator(LabelConfig config) {
        this.config = config;
    }

    Validated validate(ArrayNode items) {
        List<ObjectNode> tasks = new ArrayList<>();
        ArrayNode errors = Json.array();
        boolean failed = false;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            try {
                tasks.add(validateItem(item));
                errors.addObject();
            } catch (ItemError e) {
                failed = true;
                errors.add("Error at item " + i + ": " + e.getMessage() + " :: " + PythonRepr.str(item));
                if (errors.size() >= MAX_ERRORS) {
                    errors.set(MAX_ERRORS - 1, Json.MAPPER.getNodeFactory().textNode("..."));
                    break;
                }
            }
        }
        if (failed) {
            throw Errors.nonFieldErrors(errors);
        }
        return new Validated(tasks);
    }

    private ObjectNode validateItem(JsonNode item) {
        if (!item.isObject()) {
            throw new ItemError("Task root must be dict with \"data\", \"meta\", \"annotations\", \"predictions\" fields");
        }
        if (!item.has("data")) {
            checkData(item, " [assume: item as is = task root with values] ");
            ObjectNode wrapped = Json.object();
            wrapped.set("data", item.deepCopy());
            return wrapped;
        }
        JsonNode data = item.get("data");
        if (!data.isObject() && !data.isArray()) {
            throw new ItemError("Task[data] must be " + DICT_OR_LIST);
        }
        checkData(data, " [assume: item[\"data\"] = task root with values]");
        checkAnnotations(item);
        checkPredictions(item);
        if (item.has("meta") && !item.get("meta").isObject() && !item.get("meta").isArray()) {
            throw new ItemError("Task[meta] must be " + DICT_OR_LIST);
        }
        return (ObjectNode) item.deepCopy();
    }

    private void checkData(JsonNode data, String assumption) {
        for (Map.Entry<String, String> entry : config.dataTypes().entrySet()) {
            String key = entry.getKey();
            String objectTag = entry.getValue();
            boolean isArray = key.contains("[");
            String dataKey = isArray ? key.substring(0, key.indexOf('[')) : key;
            JsonNode value = lookup(data, dataKey);
            if (value == null) {
                throw new ItemError("\"" + dataKey + "\" key is expected in task data" + assumption);
            }
            List<String> expected = isArray ? List.of("list")
                    : DATA_TYPES.getOrDefault(objectTag, List.of("str"));
            String actual = PythonRepr.typeName(value);
            if (!expected.contains(actual)) {
                throw new ItemError("data['" + dataKey + "']=" + PythonRepr.str(value) + " is of type '" + actual
                        + "', but the object tag " + objectTag + " expects the following types: "
                        + PythonRepr.repr(Json.MAPPER.valueToTree(expected)) + assumption);
            }
        }
    }

    /** Dotted keys ({@code meta.url}) are looked up as nested dicts, like LS does with reduce(getitem). */
    private static JsonNode lookup(JsonNode data, String dataKey) {
        JsonNode current = data;
        for (String part : dataKey.split("\\.")) {
            if (current == null || !current.isObject() || !current.has(part)) {
                return null;
            }
            current = current.get(part);
        }
        return current;
    }

    private static void checkAnnotations(JsonNode item) {
        if (!item.has("annotations")) {
            return;
        }
        if (!item.get("annotations").isArray()) {
            throw new ItemError("Task[annotations] must be " + LIST);
        }
        for (JsonNode annotation : item.get("annotations")) {
            if (!annotation.isObject()) {
                continue;
            }
            if (!annotation.has("result")) {
                throw new ItemError("Annotation must have \"result\" fields");
            }
            if (!annotation.get("result").isArray()) {
                throw new ItemError("\"result\" field in annotation must be list");
            }
        }
    }

    /** LS only logs non-dict predictions here; they are skipped when saving. */
    private static void checkPredictions(JsonNode item) {
        if (!item.has("predictions")) {
            return;
        }
        if (!item.get("predictions").isArray()) {
            throw new ItemError("Task[predictions] must be " + LIST);
        }
        for (JsonNode prediction : item.get("predictions")) {
            if (prediction.isObject() && !prediction.has("result")) {
                throw new ItemError("Prediction must have \"result\" fields");
            }
        }
    }

    private static final class ItemError extends RuntimeException {
        ItemError(String message) {
            super(message, null, false, false);
        }
    }
}
