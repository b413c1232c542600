package io.transcribebridge.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Settings as tests need them: the four required values, plus whatever a test adds to the map. */
public final class TestSettings {

    private TestSettings() {
    }

    /** A new, modifiable map with only the required settings. */
    public static Map<String, String> required() {
        return new HashMap<>(Map.of(
                "source.bucket", "audio",
                "label-studio.url", "http://label-studio:8080/",
                "label-studio.api-key", "0123456789abcdef0123456789abcdef01234567",
                "label-studio.project-id", "7"));
    }

    public static BridgeSettings load(Map<String, String> values) {
        return BridgeSettings.load(key -> Optional.ofNullable(values.get(key)));
    }
}
