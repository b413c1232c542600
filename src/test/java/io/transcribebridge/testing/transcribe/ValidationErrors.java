package io.transcribebridge.testing.transcribe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects model-constraint violations and reports them the way AWS's request validation does:
 * {@code 1 validation error detected: Value 'x' at 'path' failed to satisfy constraint: Member must ...},
 * several joined with "; ".
 */
final class ValidationErrors {

    private final List<String> violations = new ArrayList<>();

    void notNull(Object value, String path) {
        required(value != null, path);
    }

    void required(boolean present, String path) {
        if (!present) {
            add(null, path, "Member must not be null");
        }
    }

    void length(String value, String path, int min, int max) {
        if (value == null) {
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            add(value, path, "Member must have length greater than or equal to " + min);
        } else if (length > max) {
            add(value, path, "Member must have length less than or equal to " + max);
        }
    }

    /** {@code shownPattern} is the pattern as the API model spells it; {@code fullMatch} is what is enforced. */
    void pattern(String value, String path, Pattern fullMatch, String shownPattern) {
        if (value != null && !fullMatch.matcher(value).matches()) {
            add(value, path, "Member must satisfy regular expression pattern: " + shownPattern);
        }
    }

    void range(Integer value, String path, int min, int max) {
        if (value == null) {
            return;
        }
        if (value < min) {
            add(value, path, "Member must have value greater than or equal to " + min);
        } else if (value > max) {
            add(value, path, "Member must have value less than or equal to " + max);
        }
    }

    void oneOf(String value, String path, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(value, path, "Member must satisfy enum value set: " + allowed);
        }
    }

    /** A list of enum values, reported as AWS does: the whole list as the value, the enum as a nested constraint. */
    void oneOfEach(List<String> values, String path, List<String> allowed, int maxItems) {
        if (values.isEmpty()) {
            return;
        }
        if (values.size() > maxItems) {
            add(values, path, "Member must have length less than or equal to " + maxItems);
        } else if (!allowed.containsAll(values)) {
            add(values, path, "Member must satisfy constraint: [Member must satisfy enum value set: " + allowed + "]");
        }
    }

    void throwIfAny() {
        if (violations.isEmpty()) {
            return;
        }
        int count = violations.size();
        String header = count + (count == 1 ? " validation error detected: " : " validation errors detected: ");
        throw TranscribeError.of("BadRequestException", header + String.join("; ", violations));
    }

    private void add(Object value, String path, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        violations.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }
}
