package io.transcribebridge;

import java.util.Optional;
import java.util.Set;

/**
 * LOG_FORMAT chooses the console appender logback.xml includes ({@code logback/text.xml} or {@code logback/json.xml});
 * an unknown name would leave the service silent, so it is refused before anything else happens.
 */
final class LogFormat {

    static final Set<String> FORMATS = Set.of("text", "json");

    private LogFormat() {
    }

    /**
     * Why {@code value} (LOG_FORMAT, null when unset) cannot be used, if it cannot. Empty counts as a value: logback
     * uses its default only for an unset variable.
     */
    static Optional<String> problem(String value) {
        if (value == null || FORMATS.contains(value)) {
            return Optional.empty();
        }
        return Optional.of("LOG_FORMAT must be text or json, not '" + value + "'");
    }
}
