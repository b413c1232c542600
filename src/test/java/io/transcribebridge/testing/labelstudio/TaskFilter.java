package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The Data Manager's {@code query} parameter, limited to filters on task data fields
 * ({@code filter:tasks:data.<key>}) with operators equal, not_equal, contains, not_contains and empty.
 * Anything else is rejected with a 400 so that a test never silently gets an unfiltered list.
 */
final class TaskFilter {

    private static final String DATA_PREFIX = "filter:tasks:data.";

    private TaskFilter() {
    }

    static Predicate<StoredTask> parse(String query) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(query);
        } catch (IOException e) {
            throw Errors.detail(400, "LabelStudioEmulator: query is not JSON: " + e.getMessage());
        }
        JsonNode filters = root.path("filters");
        if (filters.isMissingNode() || filters.isNull()) {
            return t -> true;
        }
        List<Predicate<StoredTask>> items = new ArrayList<>();
        for (JsonNode item : filters.path("items")) {
            items.add(item(item));
        }
        boolean or = "or".equals(filters.path("conjunction").asText("and"));
        return task -> items.isEmpty() || (or ? items.stream().anyMatch(p -> p.test(task))
                : items.stream().allMatch(p -> p.test(task)));
    }

    private static Predicate<StoredTask> item(JsonNode item) {
        String filter = item.path("filter").asText();
        String operator = item.path("operator").asText();
        JsonNode expected = item.path("value");
        if (!filter.startsWith(DATA_PREFIX)) {
            throw unsupported("filter", filter);
        }
        String[] path = filter.substring(DATA_PREFIX.length()).split("\\.");
        return switch (operator) {
            case "equal" -> task -> matches(value(task, path), expected);
            case "not_equal" -> task -> !matches(value(task, path), expected);
            case "contains" -> task -> contains(value(task, path), expected);
            case "not_contains" -> task -> !contains(value(task, path), expected);
            case "empty" -> task -> isEmpty(value(task, path)) == expected.asBoolean();
            default -> throw unsupported("operator", operator);
        };
    }

    private static JsonNode value(StoredTask task, String[] path) {
        JsonNode current = task.data();
        for (String part : path) {
            current = current.path(part);
        }
        return current;
    }

    private static boolean matches(JsonNode actual, JsonNode expected) {
        if (actual.isMissingNode()) {
            return false;
        }
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        return actual.equals(expected);
    }

    private static boolean contains(JsonNode actual, JsonNode expected) {
        return actual.isValueNode() && actual.asText().toLowerCase(Locale.ROOT)
                .contains(expected.asText().toLowerCase(Locale.ROOT));
    }

    private static boolean isEmpty(JsonNode actual) {
        return actual.isMissingNode() || actual.isNull() || actual.isTextual() && actual.textValue().isEmpty();
    }

    private static ApiError unsupported(String what, String value) {
        return Errors.detail(400, "LabelStudioEmulator does not support the Data Manager " + what + " '" + value
                + "'; supported: filter:tasks:data.<key> with equal, not_equal, contains, not_contains, empty");
    }
}
