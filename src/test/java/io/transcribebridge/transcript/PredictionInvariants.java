package io.transcribebridge.transcript;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every converted task must satisfy, whatever the transcript: no word lost or duplicated, regions in order and
 * on the audio, ids unique and shared by exactly one labels/textarea pair, labels the project allows, scores in
 * [0, 1].
 */
final class PredictionInvariants {

    private PredictionInvariants() {
    }

    static void check(String what, Transcript transcript, String expectedText, OutputPlan plan, JsonNode task) {
        JsonNode prediction = task.path("predictions").path(0);
        if (prediction.has("score")) {
            assertThat(prediction.path("score").asDouble()).as("%s: prediction score", what).isBetween(0.0, 1.0);
        }
        JsonNode result = prediction.path("result");
        if (plan.mode() == OutputPlan.Mode.WHOLE_FILE) {
            if (expectedText.isBlank()) {
                // silence: an empty result, so that the editor offers an empty input box
                assertThat(result).as("%s: no result", what).isEmpty();
                return;
            }
            assertThat(result).as("%s: one result", what).hasSize(1);
            assertThat(result.path(0).path("value").path("text").path(0).asText()).as("%s: text", what)
                    .isEqualTo(expectedText);
            return;
        }
        Map<String, List<JsonNode>> regions = regions(what, result);
        int expectedResults = plan.labelsName() == null ? 1 : 2;
        List<String> texts = new ArrayList<>();
        double previousStart = 0;
        double audioEnd = Numbers.seconds(transcript.audioSeconds());
        for (Map.Entry<String, List<JsonNode>> region : regions.entrySet()) {
            String where = what + ", region " + region.getKey();
            List<JsonNode> pair = region.getValue();
            assertThat(pair).as("%s: results per region", where).hasSize(expectedResults);
            JsonNode value = pair.get(0).path("value");
            for (JsonNode one : pair) {
                assertThat(one.path("to_name").asText()).as(where).isEqualTo(plan.layout().toName());
                assertThat(one.path("value").path("start")).as("%s: same start", where).isEqualTo(value.path("start"));
                assertThat(one.path("value").path("end")).as("%s: same end", where).isEqualTo(value.path("end"));
                assertThat(one.path("value").path("channel")).as("%s: same channel", where)
                        .isEqualTo(value.path("channel"));
                if (one.has("score")) {
                    assertThat(one.path("score").asDouble()).as("%s: score", where).isBetween(0.0, 1.0);
                }
                if ("labels".equals(one.path("type").asText())) {
                    assertThat(one.path("from_name").asText()).as(where).isEqualTo(plan.labelsName());
                    assertThat(one.path("value").path("labels")).as("%s: one label", where).hasSize(1);
                    if (!plan.labelValues().isEmpty()) {
                        assertThat(plan.labelValues()).as("%s: allowed labels", where)
                                .contains(one.path("value").path("labels").path(0).asText());
                    }
                } else {
                    assertThat(one.path("type").asText()).as(where).isEqualTo("textarea");
                    assertThat(one.path("from_name").asText()).as(where).isEqualTo(plan.layout().fromName());
                    texts.add(one.path("value").path("text").path(0).asText());
                }
            }
            double start = value.path("start").asDouble();
            double end = value.path("end").asDouble();
            assertThat(start).as("%s: ordered by start", where).isGreaterThanOrEqualTo(previousStart);
            assertThat(start).as("%s: start within the audio", where).isBetween(0.0, end);
            assertThat(end).as("%s: end within the audio", where).isLessThanOrEqualTo(audioEnd);
            assertThat(value.has("channel")).as("%s: channel only with channel identification", where)
                    .isEqualTo(transcript.hasChannels());
            if (value.has("channel")) {
                assertThat(value.path("channel").isInt() && value.path("channel").asInt() >= 0).as(where).isTrue();
            }
            previousStart = start;
        }
        assertThat(ItemText.normalizeWhitespace(String.join(" ", texts))).as("%s: no word lost or duplicated", what)
                .isEqualTo(ItemText.normalizeWhitespace(expectedText));
        assertThat(task.path("meta").path("regions").asInt()).as(what).isEqualTo(regions.size());
    }

    /** Results by id; an id's results must stand next to each other, so ids are unique per region. */
    private static Map<String, List<JsonNode>> regions(String what, JsonNode result) {
        Map<String, List<JsonNode>> regions = new LinkedHashMap<>();
        String previousId = null;
        for (JsonNode one : result) {
            String id = one.path("id").asText();
            assertThat(id).as("%s: result id", what).isNotEmpty();
            if (!id.equals(previousId)) {
                assertThat(regions).as("%s: id %s used by two regions", what, id).doesNotContainKey(id);
            }
            regions.computeIfAbsent(id, key -> new ArrayList<>()).add(one);
            previousId = id;
        }
        return regions;
    }

    /** Built segments are never longer than maxSeconds, unless a single word is. */
    static void checkMaxLength(String what, OutputPlan plan, JsonNode task) {
        if (!"items".equals(task.path("meta").path("segments_from").asText())) {
            return;
        }
        for (JsonNode one : task.path("predictions").path(0).path("result")) {
            if (!"textarea".equals(one.path("type").asText())) {
                continue;
            }
            double seconds = one.path("value").path("end").asDouble() - one.path("value").path("start").asDouble();
            if (seconds > plan.segmentation().maxSeconds() + 1e-6) {
                assertThat(one.path("value").path("text").path(0).asText().split(" "))
                        .as("%s: region %s of %.3f s has one word", what, one.path("id").asText(), seconds)
                        .hasSize(1);
            }
        }
    }
}
