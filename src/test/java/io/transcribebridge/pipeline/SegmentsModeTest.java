package io.transcribebridge.pipeline;

import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentsModeTest extends PredictionModeTestSupport {

    @Override
    protected String shippedConfig() {
        return "segments.xml";
    }

    @Override
    protected void settings(Properties p) {
        p.setProperty("segments.max-seconds", "4");
    }

    @Test
    void oneLabelledRegionPerSegmentAndNoWordLost() {
        String speech = "We are on the record at nine fifteen. Please state your name for the record. "
                        + "My name is Jordan Lee. Thank you.";
        JsonNode prediction = importedPrediction("modes/segments.wav", speech);

        List<JsonNode[]> regions = regions(prediction);
        assertThat(regions).hasSizeGreaterThan(1);
        assertThat(labelsOf(regions)).containsOnly("Speech");
        assertThat(joinedText(regions)).isEqualTo(speech.strip());
        double previousStart = -1;
        for (JsonNode[] region : regions) {
            double start = region[0].path("start").asDouble();
            assertThat(start).isGreaterThan(previousStart);
            assertThat(region[0].path("end").asDouble() - start).isLessThanOrEqualTo(4.0);
            previousStart = start;
        }
    }
}
