package io.transcribebridge.testing.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelStudioEmulatorTaskListingTest extends LabelStudioEmulatorTestSupport {

    private int project;

    @BeforeEach
    void setUpProject() {
        project = createCallsProject();
    }

    @Test
    void dataManagerListFiltersOnSourceUriAndOmitsInlinePredictions() {
        importCalls("a", "b", "c");

        LsHttp.Reply reply = http.get("/api/tasks?project=" + project + "&query=" + sourceUriQuery("s3://b/b.wav"),
                auth);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("total", "total_annotations", "total_predictions", "tasks");
        assertThat(body.path("total").asInt()).isEqualTo(1);
        assertThat(body.path("total_predictions").asInt()).isEqualTo(1);
        JsonNode task = body.path("tasks").get(0);
        assertThat(task.path("data").path("source_uri").asText()).isEqualTo("s3://b/b.wav");
        assertThat(task.path("total_predictions").asInt()).isEqualTo(1);
        assertThat(task.has("predictions")).isFalse();
        assertThat(task.path("meta").path("n").asText()).isEqualTo("b");
    }

    @Test
    void dataManagerListWithoutMatchesAndWithPagination() {
        importCalls("a", "b", "c");

        JsonNode none = http.get("/api/tasks/?project=" + project + "&query=" + sourceUriQuery("s3://b/zzz.wav"),
                auth).json();
        JsonNode page2 = http.get("/api/tasks?project=" + project + "&page=2&page_size=2", auth).json();
        LsHttp.Reply past = http.get("/api/tasks?project=" + project + "&page=3&page_size=2", auth);

        assertThat(none.path("total").asInt()).isZero();
        assertThat(none.path("tasks")).isEmpty();
        assertThat(page2.path("total").asInt()).isEqualTo(3);
        assertThat(page2.path("tasks")).extracting(t -> t.path("data").path("source_uri").asText())
                .containsExactly("s3://b/c.wav");
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.detail()).isEqualTo("Invalid page.");
    }

    @Test
    void unsupportedFilterIsRejectedRatherThanIgnored() {
        String query = URLEncoder.encode("{\"filters\":{\"conjunction\":\"and\",\"items\":[{\"filter\":"
                + "\"filter:tasks:completed_at\",\"operator\":\"greater\",\"type\":\"Datetime\",\"value\":\"x\"}]}}",
                StandardCharsets.UTF_8);

        assertThat(http.get("/api/tasks?project=" + project + "&query=" + query, auth).status()).isEqualTo(400);
    }

    @Test
    void projectTaskListInlinesPredictionsAnd404sWhenEmpty() {
        LsHttp.Reply empty = http.get("/api/projects/" + project + "/tasks", auth);
        assertThat(empty.status()).isEqualTo(404);
        assertThat(empty.detail()).isEqualTo("Not found.");

        importCalls("a", "b");
        JsonNode tasks = http.get("/api/projects/" + project + "/tasks/", auth).json();

        assertThat(tasks.isArray()).isTrue();
        assertThat(tasks).hasSize(2);
        JsonNode prediction = tasks.get(0).path("predictions").get(0);
        assertThat(prediction.path("model_version").asText()).isEqualTo("v1");
        assertThat(prediction.path("task").asInt()).isEqualTo(tasks.get(0).path("id").asInt());
        assertThat(http.get("/api/projects/" + project + "/tasks?page=2&page_size=2", auth).status()).isEqualTo(404);
    }

    @Test
    void predictionsCanBeListedPerTask() {
        importCalls("a", "b");
        List<Task> stored = ls.tasks(project);
        int second = stored.get(1).id();

        JsonNode predictions = http.get("/api/predictions?task=" + second, auth).json();

        assertThat(predictions).hasSize(1);
        assertThat(predictions.get(0).path("task").asInt()).isEqualTo(second);
        assertThat(predictions.get(0).path("score").asDouble()).isEqualTo(0.5);
        int id = predictions.get(0).path("id").asInt();
        assertThat(http.get("/api/predictions/" + id + "/", auth).json()).isEqualTo(predictions.get(0));
        assertThat(ls.tasks(project).get(1).predictions()).containsExactly(predictions.get(0));
    }

    private void importCalls(String... names) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < names.length; i++) {
            String uri = "s3://b/" + names[i] + ".wav";
            body.append(i == 0 ? "" : ",")
                    .append("{\"data\": {\"audio\": \"").append(uri).append("\", \"source_uri\": \"").append(uri)
                    .append("\"}, \"meta\": {\"n\": \"").append(names[i]).append("\"}, \"predictions\": [")
                    .append("{\"model_version\": \"v1\", \"score\": 0.5, \"result\": [{\"from_name\": \"transcription\",")
                    .append(" \"to_name\": \"audio\", \"type\": \"textarea\", \"value\": {\"text\": [\"hi\"]}}]}]}");
        }
        body.append("]");
        assertThat(http.postJson(importPath(project), body.toString(), auth).status())
                .isEqualTo(201);
    }

    private static String sourceUriQuery(String uri) {
        String query = "{\"filters\":{\"conjunction\":\"and\",\"items\":[{\"filter\":\"filter:tasks:data.source_uri\","
                + "\"operator\":\"equal\",\"type\":\"String\",\"value\":\"" + uri + "\"}]}}";
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }
}
