package io.transcribebridge.labelstudio;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelStudioTasksTest {

    private final ObjectMapper mapper = new ObjectMapper();

    /** A batch whose tasks may all exist already, so all of them are looked up. */
    private static ImportBatch lookingFor(String... jobNames) {
        return new ImportBatch(Arrays.stream(jobNames).map(job -> new ImportBatch.Item(job, "{}", true)).toList());
    }

    @Test
    void findsOnlyTasksCarryingTheJobNameEvenWhenTheServerIgnoresTheFilter() {
        LabelStudioTasks tasks = new LabelStudioTasks(mapper, 3);
        String unfiltered = """
                {"total": 3, "tasks": [
                  {"id": 7, "data": {"transcribe_job": "tb-a"}},
                  {"id": 8, "data": {"transcribe_job": "tb-b"}},
                  {"id": 9, "data": {"audio": "s3://x/y.wav"}}]}""";

        ImportBatch batch = lookingFor("tb-b", "tb-z");
        tasks.recordExisting(batch, unfiltered);
        ImportBatch empty = lookingFor("tb-a");
        tasks.recordExisting(empty, "{\"total\": 0, \"tasks\": []}");

        assertThat(batch.result("tb-b").taskIds()).containsExactly(8L);
        assertThat(batch.foundExisting("tb-z")).isFalse();
        assertThat(empty.foundExisting("tb-a")).isFalse();
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
                            LabelStudioUrls.resolve(ls.url(), "/api/tasks/") + "?" + tasks.lookupQuery(lookingFor("tb-a+b %1-2f3"))))
                    .header("Authorization", "Token " + token).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(mapper.readTree(found.body()).path("total").asInt()).isEqualTo(1);
            ImportBatch batch = tasks.recordExisting(lookingFor("tb-a+b %1-2f3"), found.body());
            assertThat(batch.result("tb-a+b %1-2f3").taskIds()).hasSize(1);
        }
    }
}
