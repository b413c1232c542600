package io.transcribebridge.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.labelstudio.EditorResults;
import io.transcribebridge.testing.labelstudio.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reviewed segment project with speakers, end to end: the reviewer corrects two regions' texts and keeps the
 * third; the record has the segments in time order, the accuracy overall and per speaker, and the captions are one
 * cue per region with the speaker as the cue's voice.
 */
class ReviewSegmentsTest extends PredictionModeTestSupport {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int webhookPort = freePort();

    @Override
    protected String shippedConfig() {
        return "segments-speakers.xml";
    }

    @Override
    protected void settings(Properties p) {
        p.setProperty("transcribe.speaker-labels.max", "2");
        p.setProperty("label-studio.speaker-labels", "spk_0=Agent,spk_1=Customer");
        p.setProperty("label-studio.default-label", "Other");
        enableReview(p, webhookPort, "segments-secret-0123456789");
    }

    @Test
    void regionsBecomeSegmentsCuesAndAccuracyPerSpeaker() throws Exception {
        JsonNode prediction = importedPrediction("review/call.wav", """
                spk_0: Thanks for calling, how can I help?
                spk_1: My order arrived damaged.
                spk_0: I am sorry to hear that.
                """);
        Task task = task("review/call.wav");
        String job = task.data().path("transcribe_job").asText();
        List<JsonNode> regions = new java.util.ArrayList<>();
        prediction.path("result").forEach(item -> {
            if (item.path("type").asText().equals("labels")) {
                regions.add(item);
            }
        });
        assertThat(regions).hasSize(3);
        String[] corrected = {"Thanks for calling, how may I help?", "My order arrived broken.",
                              "I am sorry to hear that."};
        ArrayNode result = EditorResults.empty();
        // submitted in reverse order: the record puts them in time order
        for (int i = regions.size() - 1; i >= 0; i--) {
            JsonNode value = regions.get(i).path("value");
            EditorResults.addRegion(result, regions.get(i).path("id").asText(), "speaker", "transcription", "audio",
                    value.path("start").asDouble(), value.path("end").asDouble(), 0,
                    value.path("labels").get(0).asText(), corrected[i], i == 2 ? "prediction" : "prediction-changed");
        }
        Eventually.await(SLOW, "the webhook registered", () -> labelStudio.webhooks().size() == 1);
        labelStudio.submitAnnotation(task.id(), result);
        String key = "transcribe-bridge/reviewed/" + job;
        Eventually.await(SLOW, "the reviewed record", () -> s3.getString(BUCKET, key + ".json").isPresent());
        JsonNode record = MAPPER.readTree(s3.getString(BUCKET, key + ".json").orElseThrow());

        assertThat(record.path("segments")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode segment = record.path("segments").get(i);
            JsonNode value = regions.get(i).path("value");
            assertThat(segment.path("start").asDouble()).isEqualTo(value.path("start").asDouble());
            assertThat(segment.path("end").asDouble()).isEqualTo(value.path("end").asDouble());
            assertThat(segment.path("label").asText()).isEqualTo(i == 1 ? "Customer" : "Agent");
            assertThat(segment.path("text").asText()).isEqualTo(corrected[i]);
        }
        // by hand: 17 reference words, can -> may and damaged -> broken; Agent 13 words 1 substitution, Customer 4/1
        assertThat(record.path("accuracy").path("referenceWords").asInt()).isEqualTo(17);
        assertThat(record.path("accuracy").path("substitutions").asInt()).isEqualTo(2);
        assertThat(record.path("accuracy").path("wer").asDouble()).isEqualTo(0.1176);
        assertThat(record.path("accuracyByLabel").path("Agent").path("wer").asDouble()).isEqualTo(0.0769);
        assertThat(record.path("accuracyByLabel").path("Customer").path("wer").asDouble()).isEqualTo(0.25);
        assertThat(record.path("corrections").toString()).isEqualTo(
                "[{\"from\":\"damaged\",\"to\":\"broken\",\"count\":1},{\"from\":\"can\",\"to\":\"may\",\"count\":1}]");
        assertThat(record.path("captions").path("method").asText()).isEqualTo("regions");

        List<String> srt = new java.util.ArrayList<>();
        List<String> vtt = new java.util.ArrayList<>();
        StringBuilder txt = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            JsonNode value = regions.get(i).path("value");
            String label = i == 1 ? "Customer" : "Agent";
            double start = value.path("start").asDouble();
            double end = value.path("end").asDouble();
            srt.add((i + 1) + "\n" + time(start, ',') + " --> " + time(end, ',') + "\n" + label + ": "
                    + corrected[i] + "\n");
            vtt.add(time(start, '.') + " --> " + time(end, '.') + "\n<v " + label + ">" + corrected[i] + "\n");
            txt.append(label).append(": ").append(corrected[i]).append('\n');
        }
        awaitReviewedFiles(job, corrected[2]);
        assertThat(s3.getString(BUCKET, key + ".srt")).contains(String.join("\n", srt));
        assertThat(s3.getString(BUCKET, key + ".vtt")).contains("WEBVTT\n\n" + String.join("\n", vtt));
        assertThat(s3.getString(BUCKET, key + ".txt")).contains(txt.toString());
    }

    private static String time(double seconds, char separator) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, separator, millis % 1000);
    }
}
