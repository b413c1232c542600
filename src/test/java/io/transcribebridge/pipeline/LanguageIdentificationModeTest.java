package io.transcribebridge.pipeline;

import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageIdentificationModeTest extends PredictionModeTestSupport {

    @Override
    protected String shippedConfig() {
        return "whole-file.xml";
    }

    @Override
    protected void settings(Properties p) {
        p.setProperty("transcribe.identify-language", "true");
        p.setProperty("transcribe.language-options", "en-US,es-US");
    }

    @Test
    void theDetectedLanguageIsInTheTaskAndTheModelVersion() {
        JsonNode prediction = importedPrediction("modes/espanol.wav", "#language es-US\nBuenos días a todos.");

        assertThat(task("modes/espanol.wav").data().path("language").asText()).isEqualTo("es-US");
        assertThat(prediction.path("model_version").asText()).isEqualTo("amazon-transcribe/es-US");
        assertThat(prediction.path("result").get(0).path("value").path("text").get(0).asText())
                .isEqualTo("Buenos días a todos.");
    }
}
