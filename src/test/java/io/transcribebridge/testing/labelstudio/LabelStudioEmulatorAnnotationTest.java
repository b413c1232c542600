package io.transcribebridge.testing.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelStudioEmulatorAnnotationTest extends LabelStudioEmulatorTestSupport {

    private static final String TASKS = """
            [{"data": {"audio": "s3://b/a.wav"}, "predictions": [{"model_version": "v1", "score": 0.8,
              "result": [{"from_name": "transcription", "to_name": "audio", "type": "textarea",
                          "value": {"text": ["hello"]}}]}]},
             {"data": {"audio": "s3://b/b.wav"}}]""";

    @Test
    void createdAnnotationIsServedEverywhereAndCountersFollow() {
        int project = createCallsProject();
        int task = importTasks(project).get(0);

        LsHttp.Reply created = http.postJson("/api/tasks/" + task + "/annotations/",
                "{\"result\": " + EditorResults.wholeFile("hi there") + ", \"lead_time\": 4.2}", auth);

        assertThat(created.status()).isEqualTo(201);
        JsonNode annotation = created.json();
        assertThat(annotation.path("task").asInt()).isEqualTo(task);
        assertThat(annotation.path("project").asInt()).isEqualTo(project);
        assertThat(annotation.path("was_cancelled").asBoolean()).isFalse();
        assertThat(annotation.path("ground_truth").asBoolean()).isFalse();
        assertThat(annotation.path("completed_by").asInt()).isEqualTo(TokenAuthority.USER_ID);
        assertThat(annotation.path("result").get(0).path("origin").asText()).isEqualTo("manual");
        int id = annotation.path("id").asInt();
        assertThat(http.get("/api/annotations/" + id + "/", auth).json()).isEqualTo(annotation);
        assertThat(http.get("/api/tasks/" + task + "/annotations/", auth).json()).containsExactly(annotation);
        JsonNode detail = http.get("/api/tasks/" + task + "/", auth).json();
        assertThat(detail.path("annotations")).containsExactly(annotation);
        assertThat(detail.path("predictions").get(0).path("model_version").asText()).isEqualTo("v1");
        assertThat(detail.path("predictions").get(0).path("score").asDouble()).isEqualTo(0.8);
        assertThat(detail.path("predictions").get(0).path("result")).hasSize(1);
        assertThat(detail.path("is_labeled").asBoolean()).isTrue();
        assertThat(detail.path("total_annotations").asInt()).isEqualTo(1);
        assertThat(detail.path("cancelled_annotations").asInt()).isZero();
        assertThat(detail.path("updated_at").asText()).isEqualTo(annotation.path("updated_at").asText());
        assertThat(ls.project(project).orElseThrow().path("total_annotations_number").asInt()).isEqualTo(1);
    }

    @Test
    void cancelledAnnotationsAreInTheFullListingButNotInTheTaskAnnotationList() {
        int project = createCallsProject();
        int task = importTasks(project).get(0);
        LsHttp.Reply skipped = http.postJson("/api/tasks/" + task + "/annotations/?was_cancelled=1",
                "{\"result\": []}", auth);
        ls.skipTask(task);

        assertThat(skipped.status()).isEqualTo(201);
        assertThat(skipped.json().path("was_cancelled").asBoolean()).isTrue();
        assertThat(http.get("/api/tasks/" + task + "/annotations/", auth).json()).isEmpty();
        assertThat(http.get("/api/tasks/" + task + "/", auth).json().path("annotations")).hasSize(2);
        JsonNode full = http.get("/api/tasks/?project=" + project + "&fields=all&page=1&page_size=1", auth).json();
        assertThat(full.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("total", "total_annotations", "total_predictions", "tasks");
        assertThat(full.path("total").asInt()).isEqualTo(2);
        JsonNode listed = full.path("tasks").get(0);
        assertThat(listed.path("annotations")).hasSize(2);
        assertThat(listed.path("annotations").get(0).path("was_cancelled").asBoolean()).isTrue();
        assertThat(listed.path("predictions")).hasSize(1);
        assertThat(listed.path("cancelled_annotations").asInt()).isEqualTo(2);
        assertThat(listed.path("total_annotations").asInt()).isZero();
        assertThat(listed.path("is_labeled").asBoolean()).isFalse();
        JsonNode lean = http.get("/api/tasks/?project=" + project, auth).json();
        assertThat(lean.path("tasks").get(0).has("annotations")).isFalse();
        assertThat(lean.path("tasks").get(0).has("predictions")).isFalse();
        LsHttp.Reply past = http.get("/api/tasks/?project=" + project + "&fields=all&page=3&page_size=1", auth);
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.detail()).isEqualTo("Invalid page.");
    }

    @Test
    void groundTruthIsExclusiveOnPatchButNotOnPost() {
        int project = createCallsProject();
        int task = importTasks(project).get(0);
        int first = ls.submitAnnotation(task, EditorResults.wholeFile("a"), true).path("id").asInt();
        int second = ls.submitAnnotation(task, EditorResults.wholeFile("b"), true).path("id").asInt();

        assertThat(groundTruths(task)).containsExactly(first, second);

        LsHttp.Reply patched = http.patchJson("/api/annotations/" + first + "/", "{\"ground_truth\": true}", auth);

        assertThat(patched.status()).isEqualTo(200);
        assertThat(groundTruths(task)).containsExactly(first);
        http.patchJson("/api/annotations/" + second + "/", "{\"ground_truth\": false}", auth);
        assertThat(groundTruths(task)).containsExactly(first);
    }

    @Test
    void everyChangeGetsAStrictlyLaterUpdatedAt() {
        int project = createCallsProject();
        int task = importTasks(project).get(0);
        int id = ls.submitAnnotation(task, EditorResults.wholeFile("0")).path("id").asInt();
        List<String> stamps = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            stamps.add(ls.updateAnnotation(id, EditorResults.wholeFile(Integer.toString(i))).path("updated_at").asText());
        }

        for (int i = 1; i < stamps.size(); i++) {
            assertThat(stamps.get(i)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z")
                    .isGreaterThan(stamps.get(i - 1));
        }
        assertThat(ls.annotations(task).get(0).path("result").get(0).path("value").path("text").get(0).asText())
                .isEqualTo("50");
    }

    @Test
    void regionResultsAreStoredAsTheEditorSendsThem() {
        int project = createProject("Segments", "asr-segments.xml");
        int task = importTasks(project, "[{\"data\": {\"audio\": \"s3://b/a.wav\"}}]").get(0);
        ArrayNode result = EditorResults.empty();
        EditorResults.addRegion(result, "r1", "labels", "transcription", "audio", 0.5, 2.25, 0, "Speech", "hi",
                "prediction-changed");
        EditorResults.addRegion(result, "r2", "labels", "transcription", "audio", 3.0, 4.0, 1, "Speech", "yes",
                "manual");

        JsonNode annotation = ls.submitAnnotation(task, result);

        assertThat(annotation.path("result")).isEqualTo(result);
        assertThat(result.get(0).path("id").asText()).isEqualTo(result.get(1).path("id").asText());
        assertThat(result.get(1).path("value").path("end").asDouble()).isEqualTo(2.25);
    }

    @Test
    void resultsNamingUnknownTagsAreRejectedAndUnknownIdsAre404() {
        int project = createCallsProject();
        int task = importTasks(project).get(0);

        LsHttp.Reply bad = http.postJson("/api/tasks/" + task + "/annotations/",
                "{\"result\": " + EditorResults.wholeFile("nope", "audio", "x") + "}", auth);

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("validation_errors").path("result").get(0).asText()).contains("nope");
        assertThat(http.postJson("/api/tasks/999/annotations/", "{\"result\": []}", auth).status()).isEqualTo(404);
        assertThat(http.get("/api/tasks/999/", auth).status()).isEqualTo(404);
        assertThat(http.send("DELETE", "/api/annotations/999/", auth)).isEqualTo(404);
        assertThat(http.get("/api/tasks/" + task + "/annotations/").status()).isEqualTo(401);
        assertThatThrownBy(() -> ls.submitAnnotation(999, EditorResults.wholeFile("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("404");
    }

    @Test
    void deleteRemovesTheAnnotationAndUpdatesTheCounters() {
        int project = createCallsProject();
        int task = importTasks(project).get(0);
        int id = ls.submitAnnotation(task, EditorResults.wholeFile("x")).path("id").asInt();

        ls.deleteAnnotation(id);

        JsonNode detail = http.get("/api/tasks/" + task + "/", auth).json();
        assertThat(detail.path("annotations")).isEmpty();
        assertThat(detail.path("is_labeled").asBoolean()).isFalse();
        assertThat(detail.path("total_annotations").asInt()).isZero();
    }

    private List<Integer> groundTruths(int task) {
        List<Integer> ids = new ArrayList<>();
        http.get("/api/tasks/" + task + "/", auth).json().path("annotations").forEach(a -> {
            if (a.path("ground_truth").asBoolean()) {
                ids.add(a.path("id").asInt());
            }
        });
        return ids;
    }

    private List<Integer> importTasks(int project) {
        return importTasks(project, TASKS);
    }

    private List<Integer> importTasks(int project, String body) {
        LsHttp.Reply reply = http.postJson(importPath(project) + "?return_task_ids=true", body, auth);
        assertThat(reply.status()).isEqualTo(201);
        List<Integer> ids = new ArrayList<>();
        reply.json().path("task_ids").forEach(id -> ids.add(id.asInt()));
        return ids;
    }
}
