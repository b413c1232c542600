package io.transcribebridge.pipeline;

import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelsModeTest extends PredictionModeTestSupport {

    @Override
    protected String shippedConfig() {
        return "segments-speakers.xml";
    }

    @Override
    protected void settings(Properties p) {
        p.setProperty("transcribe.channel-identification", "true");
        p.setProperty("label-studio.speaker-labels", "ch_0=Agent,ch_1=Customer");
    }

    @Test
    void eachPartyOnItsChannel() {
        JsonNode prediction = importedPrediction("modes/stereo.wav", """
                ch_0: Support, this is Sam.
                ch_1: Hello, I need a refund.
                """);

        List<JsonNode[]> regions = regions(prediction);
        assertThat(labelsOf(regions)).containsExactly("Agent", "Customer");
        assertThat(regions).extracting(r -> r[0].path("channel").asInt()).containsExactly(0, 1);
        assertThat(joinedText(regions)).isEqualTo("Support, this is Sam. Hello, I need a refund.");
    }
}
