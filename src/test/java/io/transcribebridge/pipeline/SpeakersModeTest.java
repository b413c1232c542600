package io.transcribebridge.pipeline;

import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpeakersModeTest extends PredictionModeTestSupport {

    @Override
    protected String shippedConfig() {
        return "segments-speakers.xml";
    }

    @Override
    protected void settings(Properties p) {
        p.setProperty("transcribe.speaker-labels.max", "2");
        p.setProperty("label-studio.speaker-labels", "spk_0=Agent,spk_1=Customer");
        p.setProperty("label-studio.default-label", "Other");
    }

    @Test
    void regionsAreLabelledWithWhoSpeaks() {
        JsonNode prediction = importedPrediction("modes/call.wav", """
                spk_0: Thanks for calling, how can I help?
                spk_1: My order arrived damaged|0.38.
                spk_0: I am sorry to hear that.
                """);

        List<JsonNode[]> regions = regions(prediction);
        assertThat(labelsOf(regions)).containsExactly("Agent", "Customer", "Agent");
        assertThat(joinedText(regions)).isEqualTo(
                "Thanks for calling, how can I help? My order arrived damaged. I am sorry to hear that.");
        JsonNode customer = prediction.path("result").get(2);
        assertThat(customer.path("meta").path("text").get(0).asText()).contains("damaged (0.38)");
        assertThat(customer.path("score").asDouble()).isLessThan(prediction.path("result").get(0).path("score").asDouble());
    }
}
