package io.transcribebridge.testing.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Strict validation (the default) against the reference's checked payloads (A), (B), (C) and their breakages. */
class LabelStudioEmulatorPredictionValidationTest extends LabelStudioEmulatorTestSupport {

    @Test
    void acceptsWholeFilePayloadA() {
        int project = project("asr-whole-file.xml");

        LsHttp.Reply reply = importInto(project, payload("a-whole-file.json"));

        assertThat(reply.status()).isEqualTo(201);
        Task task = ls.tasks(project).get(0);
        assertThat(task.data().path("source_uri").asText()).isEqualTo("s3://my-audio-bucket/calls/call-0001.wav");
        assertThat(task.meta().path("integration").asText()).isEqualTo("transcribe-bridge");
        assertThat(task.predictions().get(0).path("result").get(0).path("origin").asText()).isEqualTo("prediction");
    }

    @Test
    void acceptsPerSegmentPayloadB() {
        int project = project("asr-segments.xml");

        LsHttp.Reply reply = importInto(project, payload("b-segments.json"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("prediction_count").asInt()).isEqualTo(1);
        assertThat(ls.tasks(project).get(0).predictions().get(0).path("result")).hasSize(4);
    }

    @Test
    void acceptsSpeakerPayloadCAgainstTheSpkLabelConfig() {
        int project = project("asr-speakers.xml");

        assertThat(importInto(project, payload("c-speakers.json")).status()).isEqualTo(201);
    }

    @Test
    void speakerLabelsMustBeMappedOntoTheProjectsOwnLabelValues() {
        int project = project("asr-speakers-named.xml");

        LsHttp.Reply unmapped = importInto(project, payload("c-speakers.json"));
        assertThat(predictionErrors(unmapped)).startsWith("Prediction validation failed (2 errors):\n")
                .contains("- Task 0, prediction 0: Region 0: Invalid value for control 'speaker'. Got: "
                        + "{'start': 0.32, 'end': 3.9, 'channel': 0, 'labels': ['spk_0']}. "
                        + "Valid options: ['Speaker 1', 'Speaker 2']\n")
                .contains("- Task 0, prediction 0: Region 2: Invalid value for control 'speaker'.");

        ArrayNode mapped = payload("c-speakers.json");
        ArrayNode result = (ArrayNode) mapped.get(0).path("predictions").get(0).path("result");
        ((ArrayNode) result.get(0).path("value").path("labels")).set(0, "Speaker 1");
        ((ArrayNode) result.get(2).path("value").path("labels")).set(0, "Speaker 2");
        assertThat(importInto(project, mapped).status()).isEqualTo(201);
    }

    @Test
    void acceptsAnEmptyResultAsLabelStudioDoes() {
        // silence: the prediction exists (model_version, no score) but has no regions
        int project = project("asr-whole-file.xml");
        ArrayNode tasks = payload("a-whole-file.json");
        ObjectNode prediction = (ObjectNode) tasks.get(0).path("predictions").get(0);
        prediction.remove("score");
        prediction.putArray("result");

        LsHttp.Reply reply = importInto(project, tasks);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("prediction_count").asInt()).isEqualTo(1);
        assertThat(ls.tasks(project).get(0).predictions().get(0).path("result")).isEmpty();
    }

    @Test
    void rejectsPlainStringText() {
        LsHttp.Reply reply = wholeFileWith(region -> ((ObjectNode) region.path("value")).put("text", "Hello"));

        assertThat(predictionErrors(reply)).isEqualTo("Prediction validation failed (1 errors):\n"
                + "- Task 0, prediction 0: Region 0: Invalid value for control 'transcription'. "
                + "Got: {'text': 'Hello'}. Valid options: expected structure: TextAreaValue\n");
    }

    @Test
    void rejectsWrongFromName() {
        LsHttp.Reply reply = wholeFileWith(region -> region.put("from_name", "transcript"));

        assertThat(predictionErrors(reply))
                .contains("- Task 0, prediction 0: Region 0: 'from_name' 'transcript' not found in configuration\n");
    }

    @Test
    void rejectsScoreAboveOne() {
        ArrayNode tasks = payload("a-whole-file.json");
        ((ObjectNode) tasks.get(0).path("predictions").get(0)).put("score", 1.5);

        LsHttp.Reply reply = importInto(project("asr-whole-file.xml"), tasks);

        assertThat(predictionErrors(reply)).isEqualTo("Prediction validation failed (1 errors):\n"
                + "- Task 0, prediction 0: Score must be between 0.00 and 1.00 inclusive, got 1.5\n");
    }

    @Test
    void rejectsTheOldTextareaValueKey() {
        LsHttp.Reply reply = wholeFileWith(region -> {
            ObjectNode value = Json.object();
            value.putArray("textarea").add("Hello");
            region.set("value", value);
        });

        assertThat(predictionErrors(reply)).contains("Region 0: Invalid value for control 'transcription'. "
                + "Got: {'textarea': ['Hello']}. Valid options: expected structure: TextAreaValue");
    }

    @Test
    void rejectsUnknownLabel() {
        ArrayNode tasks = payload("b-segments.json");
        ObjectNode value = (ObjectNode) tasks.get(0).path("predictions").get(0).path("result").get(0).path("value");
        value.putArray("labels").add("Music");

        LsHttp.Reply reply = importInto(project("asr-segments.xml"), tasks);

        assertThat(predictionErrors(reply)).contains("Region 0: Invalid value for control 'labels'. Got: "
                + "{'start': 0.32, 'end': 3.9, 'channel': 0, 'labels': ['Music']}. Valid options: ['Speech', 'Noise']");
    }

    @Test
    void rejectsTypeMismatchUnknownToNameAndBadSpans() {
        int project = project("asr-segments.xml");
        ArrayNode tasks = payload("b-segments.json");
        ArrayNode result = (ArrayNode) tasks.get(0).path("predictions").get(0).path("result");
        ((ObjectNode) result.get(0)).put("type", "choices");
        ((ObjectNode) result.get(1)).put("to_name", "video");
        ((ObjectNode) result.get(2).path("value")).put("start", 9.0);
        ((ObjectNode) result.get(3).path("value")).put("channel", -1);

        String errors = predictionErrors(importInto(project, tasks));

        assertThat(errors).startsWith("Prediction validation failed (4 errors):\n")
                .contains("Region 0: Type 'choices' does not match expected type 'labels' for control 'labels'\n")
                .contains("Region 1: 'to_name' 'video' not found in configuration\n")
                .contains("Region 2: Invalid value for control 'labels'.")
                .contains("Region 3: Invalid value for control 'transcription'.");
        assertThat(ls.tasks(project)).isEmpty();
    }

    @Test
    void rejectsRegionScoreOutOfRangeAndUnknownOrigin() {
        LsHttp.Reply reply = wholeFileWith(region -> region.put("score", 1.2).put("origin", "model"));

        assertThat(predictionErrors(reply))
                .contains("Region 0: Score must be between 0.00 and 1.00 inclusive, got 1.2\n")
                .contains("Region 0: Invalid origin 'model'. Valid options: ['prediction', 'prediction-changed', 'manual']\n");
    }

    @Test
    void lowercasesTypeBeforeComparingLikeTheSdk() {
        // Accepted by the server, yet the editor needs "textarea": assert the stored type in client tests.
        LsHttp.Reply reply = wholeFileWith(region -> region.put("type", "TextArea"));

        assertThat(reply.status()).isEqualTo(201);
    }

    @Test
    void strictValidationOffStoresInvalidPredictionsUnchanged() {
        ls.strictPredictionValidation(false);
        int project = project("asr-whole-file.xml");
        ArrayNode tasks = payload("a-whole-file.json");
        ObjectNode region = (ObjectNode) tasks.get(0).path("predictions").get(0).path("result").get(0);
        region.put("from_name", "nope");

        assertThat(importInto(project, tasks).status()).isEqualTo(201);
        assertThat(ls.tasks(project).get(0).predictions().get(0).path("result").get(0).path("from_name").asText())
                .isEqualTo("nope");
    }

    private LsHttp.Reply wholeFileWith(Consumer<ObjectNode> change) {
        ArrayNode tasks = payload("a-whole-file.json");
        change.accept((ObjectNode) tasks.get(0).path("predictions").get(0).path("result").get(0));
        return importInto(project("asr-whole-file.xml"), tasks);
    }

    private int project(String config) {
        return createProject(config, config);
    }

    private LsHttp.Reply importInto(int project, JsonNode tasks) {
        return http.postJson("/api/projects/" + project + "/import?return_task_ids=true", tasks.toString(), auth);
    }

    private static ArrayNode payload(String name) {
        return (ArrayNode) Json.parse(LsHttp.resource("labelstudio/payloads/" + name));
    }

    private static String predictionErrors(LsHttp.Reply reply) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.detail()).isEqualTo("Validation error");
        JsonNode errors = reply.json().path("validation_errors");
        assertThat(errors.fieldNames()).toIterable().containsExactly("predictions");
        return errors.path("predictions").get(0).asText();
    }
}
