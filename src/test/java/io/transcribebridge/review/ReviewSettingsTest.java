package io.transcribebridge.review;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.transcribebridge.config.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewSettingsTest {

    private static final String SECRET = "0123456789abcdef0123";

    private static ReviewSettings load(Map<String, String> values) {
        return ReviewSettings.load(key -> Optional.ofNullable(values.get(key)));
    }

    private static Map<String, String> enabled(String... more) {
        Map<String, String> values = new HashMap<>(Map.of("review.enabled", "true", "review.webhook-secret", SECRET));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return values;
    }

    @Test
    void offByDefaultAndNeedsNothing() {
        ReviewSettings settings = load(Map.of());
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.webhookPort()).isEqualTo(9090);
        assertThat(settings.reconcileInterval().toMinutes()).isEqualTo(10);
        assertThat(settings.vocabularyMinFiles()).isEqualTo(2);
    }

    @Test
    void enabledNeedsALongSecretAndNeverShowsIt() {
        assertThatThrownBy(() -> load(Map.of("review.enabled", "true")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("REVIEW_WEBHOOK_SECRET");
        assertThatThrownBy(() -> load(Map.of("review.enabled", "true", "review.webhook-secret", "short-secret")))
                .hasMessageContaining("at least 16").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> load(Map.of("review.enabled", "true", "review.webhook-secret",
                "has spaces in it, long enough"))).hasMessageContaining("spaces")
                .hasMessageNotContaining("has spaces in it");
        assertThat(load(enabled()).toString()).doesNotContain(SECRET);
    }

    @Test
    void aWebhookHostWithoutADotIsRefusedAsLabelStudioWould() {
        assertThatThrownBy(() -> load(enabled("review.webhook-url",
                "http://transcribe-bridge:9090/label-studio/webhook")))
                .hasMessageContaining("without a dot")
                .hasMessageContaining("transcribe-bridge.internal");
        assertThat(load(enabled("review.webhook-url", "http://transcribe-bridge.internal:9090/label-studio/webhook"))
                .webhookUrl()).isPresent();
        assertThat(load(enabled("review.webhook-url", "http://localhost:9090/label-studio/webhook")).webhookUrl())
                .isPresent();
        assertThat(load(enabled("review.webhook-url", "http://10.0.0.7:9090/label-studio/webhook")).webhookUrl())
                .isPresent();
        assertThatThrownBy(() -> load(enabled("review.webhook-url", "http://bridge.example.com:9090/hook")))
                .hasMessageContaining("/label-studio/webhook");
        assertThatThrownBy(() -> load(enabled("review.webhook-url", "ftp://bridge.example.com/label-studio/webhook")))
                .hasMessageContaining("http");
    }

    @Test
    void applyingAVocabularyNeedsItsName() {
        assertThatThrownBy(() -> load(enabled("review.vocabulary-apply", "true")))
                .hasMessageContaining("REVIEW_VOCABULARY_NAME");
        assertThatThrownBy(() -> load(enabled("review.vocabulary-name", "bad name")))
                .hasMessageContaining("REVIEW_VOCABULARY_NAME");
        ReviewSettings settings = load(enabled("review.vocabulary-apply", "true", "review.vocabulary-name",
                "depositions-v2"));
        assertThat(settings.vocabularyName()).contains("depositions-v2");
        assertThat(settings.vocabularyApply()).isTrue();
    }
}
