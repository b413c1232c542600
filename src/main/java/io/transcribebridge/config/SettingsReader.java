package io.transcribebridge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import static io.transcribebridge.config.BridgeSettings.environmentName;

/**
 * Reads settings from Camel's properties and collects every problem (named by its environment variable) instead of
 * stopping at the first, so one start-up message lists them all. Each capability's settings record uses one.
 */
public final class SettingsReader {

    private final Function<String, Optional<String>> properties;
    private final List<String> missing = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public SettingsReader(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    public String required(String key) {
        Optional<String> value = properties.apply(key).map(String::strip).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            missing.add(environmentName(key) + " (" + key + ")");
        }
        return value.orElse(null);
    }

    public String optional(String key, String defaultValue) {
        return properties.apply(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(defaultValue);
    }

    public int count(String key, int defaultValue, int max) {
        String value = optional(key, Integer.toString(defaultValue));
        try {
            int number = Integer.parseInt(value);
            if (number <= 0 || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            problems.add(environmentName(key) + " must be a whole number from 1 to " + max + ", got '" + value + "'");
            return defaultValue;
        }
    }

    public boolean bool(String key) {
        String value = optional(key, "false").toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            problems.add(environmentName(key) + " must be true or false, got '" + value + "'");
        }
        return value.equals("true");
    }

    public int integer(String key, int defaultValue) {
        String value = optional(key, Integer.toString(defaultValue));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.add(environmentName(key) + " must be a whole number, got '" + value + "'");
            return defaultValue;
        }
    }

    /** Within [min, max] if {@code inclusive}, else above min (max is then only an upper bound). */
    public double decimal(String key, double defaultValue, double min, double max, boolean inclusive) {
        String value = optional(key, Double.toString(defaultValue));
        try {
            double number = Double.parseDouble(value);
            boolean ok = inclusive ? number >= min && number <= max : number > min && number <= max;
            if (!ok || Double.isNaN(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            problems.add(environmentName(key) + " must be " + (inclusive ? "a number from " + format(min) + " to "
                    + format(max) : "a number above " + format(min)) + ", got '" + value + "'");
            return defaultValue;
        }
    }

    /** A comma-separated list without empty entries, optionally upper-cased. */
    public List<String> list(String key, boolean upperCase) {
        String value = optional(key, "");
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(entry -> upperCase ? entry.toUpperCase(Locale.ROOT) : entry)
                .distinct()
                .toList();
    }

    private static String format(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }

    public Duration millis(String key, long defaultValue) {
        String value = optional(key, Long.toString(defaultValue));
        try {
            long number = Long.parseLong(value);
            if (number <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(number);
        } catch (NumberFormatException e) {
            problems.add(environmentName(key) + " must be a positive number of milliseconds, got '" + value + "'");
            return Duration.ofMillis(defaultValue);
        }
    }

    public List<String> missing() {
        return missing;
    }

    public List<String> problems() {
        return problems;
    }

    /** Throws a {@link ConfigurationException} listing every problem found so far, if there is any. */
    public void requireNoProblems() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }
}
