package io.transcribebridge.labelstudio;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelStudioTasksTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void findsOnlyTasksCarryingTheJobNameEvenWhenTheServerIgnoresTheFilter() {
        LabelStudioTasks tasks = new LabelStudioTasks(mapper, 3);
        String unfiltered = """
                {"total": 3, "tasks": [
                  {"id": 7, "data": {"transcribe_job": "tb-a"}},
                  {"id": 8, "data": {"transcribe_job": "tb-b"}},
                  {"id": 9, "data": {"audio": "s3://x/y.wav"}}]}""";

        assertThat(tasks.existing(unfiltered, "tb-b").taskIds()).containsExactly(8L);
        assertThat(tasks.existing(unfiltered, "tb-z")).isNull();
        assertThat(tasks.existing("{\"total\": 0, \"tasks\": []}", "tb-a")).isNull();
    }

    @Test
    void theQueryIsADataManagerFilterThatLabelStudioApplies() throws Exception {
        try (LabelStudioEmulator ls = LabelStudioEmulator.start()) {
            int project = ls.createProject("Calls",
                    Files.readString(Path.of("src/test/resources/labelstudio/asr-whole-file.xml")));
            String token = ls.legacyToken();
            HttpClient http = HttpClient.newHttpClient();
            for (String job : new String[] { "tb-a+b %1-2f3", "tb-a+b %1-2f3x" }) {
                String task = mapper.createObjectNode().set("data", mapper.createObjectNode()
                        .put("audio", "s3://b/" + job + ".wav").put("transcribe_job", job)).toString();
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                                LabelStudioUrls.importUri(ls.url(), project))
                        .header("Authorization", "Token " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("[" + task + "]")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).isEqualTo(201);
            }
            LabelStudioTasks tasks = new LabelStudioTasks(mapper, project);

            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(
                            LabelStudioUrls.resolve(ls.url(), "/api/tasks/") + "?" + tasks.query("tb-a+b %1-2f3")))
                    .header("Authorization", "Token " + token).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(mapper.readTree(found.body()).path("total").asInt()).isEqualTo(1);
            assertThat(tasks.existing(found.body(), "tb-a+b %1-2f3").taskIds()).hasSize(1);
        }
    }
}
