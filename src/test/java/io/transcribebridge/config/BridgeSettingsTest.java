package io.transcribebridge.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BridgeSettingsTest {

    private final Map<String, String> values = new HashMap<>(Map.of(
            "source.bucket", "audio",
            "label-studio.url", "http://label-studio:8080/",
            "label-studio.api-key", "0123456789abcdef0123456789abcdef01234567",
            "label-studio.project-id", "7"));

    private BridgeSettings load() {
        return BridgeSettings.load(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaults() {
        BridgeSettings settings = load();
        assertThat(settings.outputBucket()).isEqualTo("audio");
        assertThat(settings.outputPrefix()).isEqualTo("transcribe-bridge/");
        assertThat(settings.sourcePrefix()).isEmpty();
        assertThat(settings.languageCode()).isEqualTo("en-US");
        assertThat(settings.transcribePolling().firstPoll()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.transcribePolling().maxInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.transcribeMaxRunningJobs()).isEqualTo(100);
        assertThat(settings.s3KeysPerRequest()).isEqualTo(1000);
        assertThat(settings.labelStudioProjectId()).isEqualTo(7);
        assertThat(settings.taskLayout().fromName()).isEqualTo("transcription");
        assertThat(settings.taskLayout().audioVariable()).isEqualTo("audio");
        assertThat(settings.transcribeMaxWait()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void intervalsMustBePositiveNumbers() {
        values.put("transcribe.max-wait-ms", "lots");
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TRANSCRIBE_MAX_WAIT_MS must be a positive number of milliseconds, got 'lots'");
    }

    @Test
    void namesEveryMissingRequiredVariableInOneMessage() {
        values.clear();
        values.put("label-studio.project-id", " ");
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SOURCE_BUCKET")
                .hasMessageContaining("LABEL_STUDIO_URL")
                .hasMessageContaining("LABEL_STUDIO_API_KEY")
                .hasMessageContaining("LABEL_STUDIO_PROJECT_ID");
    }

    @Test
    void reportsInvalidValuesWithoutEchoingTheApiKey() {
        values.put("label-studio.project-id", "seven");
        values.put("output.prefix", "out put/");
        values.put("transcribe.poll-interval-ms", "-5");
        values.put("label-studio.url", "label-studio:8080");
        assertThatThrownBy(this::load)
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(4))
                .hasMessageContaining("LABEL_STUDIO_PROJECT_ID")
                .hasMessageContaining("OUTPUT_PREFIX")
                .hasMessageContaining("TRANSCRIBE_POLL_INTERVAL_MS")
                .hasMessageContaining("LABEL_STUDIO_URL")
                .hasMessageNotContaining("0123456789abcdef");
        assertThat(load_safeToString()).doesNotContain("0123456789abcdef");
    }

    private String load_safeToString() {
        values.put("label-studio.project-id", "7");
        values.put("output.prefix", "out/");
        values.put("transcribe.poll-interval-ms", "5");
        values.put("label-studio.url", "http://ls");
        return load().toString();
    }

    @Test
    void outputPrefixGetsATrailingSlash() {
        values.put("output.prefix", "bridge");
        assertThat(load().outputPrefix()).isEqualTo("bridge/");
    }

    @Test
    void environmentNamesFollowCamelsRule() {
        assertThat(BridgeSettings.environmentName("label-studio.api-key")).isEqualTo("LABEL_STUDIO_API_KEY");
        assertThat(BridgeSettings.environmentName("s3.poll-interval-ms")).isEqualTo("S3_POLL_INTERVAL_MS");
    }
}
