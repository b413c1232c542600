package io.transcribebridge.pipeline;

import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionModeTest extends PredictionModeTestSupport {

    @Override
    protected String shippedConfig() {
        return "segments-speakers.xml";
    }

    @Override
    protected void settings(Properties p) {
        p.setProperty("transcribe.redact-pii", "true");
        p.setProperty("transcribe.speaker-labels.max", "2");
        p.setProperty("label-studio.speaker-labels", "spk_0=Agent,spk_1=Customer");
    }

    @Test
    void reviewersGetTheRedactedTranscriptAndPiiDoesNotLowerTheScore() {
        JsonNode prediction = importedPrediction("modes/redacted.wav", """
                spk_0: Thanks for calling, this is Dana|PII:NAME.
                spk_1: My card is 4111|PII:CREDIT_DEBIT_NUMBER.
                """);

        List<JsonNode[]> regions = regions(prediction);
        assertThat(labelsOf(regions)).containsExactly("Agent", "Customer");
        assertThat(joinedText(regions)).isEqualTo("Thanks for calling, this is [PII]. My card is [PII].")
                .doesNotContain("Dana").doesNotContain("4111");
        assertThat(prediction.path("score").asDouble()).isGreaterThan(0.9);
    }
}
