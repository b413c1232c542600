package io.transcribebridge.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WholeFileModeTest extends PredictionModeTestSupport {

    @Override
    protected String shippedConfig() {
        return "whole-file.xml";
    }

    @Test
    void oneTextAreaWithTheWholeTranscriptAndTheWorstWordsInMeta() {
        JsonNode prediction = importedPrediction("modes/whole.wav",
                "Good morning. The witness|0.41 is sworn in.");

        JsonNode result = prediction.path("result");
        assertThat(result).hasSize(1);
        assertThat(result.get(0).path("type").asText()).isEqualTo("textarea");
        assertThat(result.get(0).path("value").path("text").get(0).asText())
                .isEqualTo("Good morning. The witness is sworn in.");
        assertThat(prediction.path("score").asDouble()).isBetween(0.8, 0.99);
        JsonNode meta = task("modes/whole.wav").meta();
        assertThat(meta.path("low_confidence_words").asInt()).isEqualTo(1);
        assertThat(meta.path("low_confidence").get(0).path("word").asText()).isEqualTo("witness");
    }
}
