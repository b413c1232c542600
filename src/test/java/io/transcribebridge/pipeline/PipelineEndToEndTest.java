package io.transcribebridge.pipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.labelstudio.Task;
import io.transcribebridge.transcribe.JobNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole flow on real protocols: objects land in S3, the routes start Transcribe jobs, wait for them, read the
 * transcripts and import tasks into Label Studio; a failed job leaves a failure record and the service goes on.
 */
class PipelineEndToEndTest extends BridgeTestSupport {

    private static final String ZURICH = "interviews/Zürich 2024/Gespräch + notes 100%.wav";
    private static final String LONG_KEY = "archive/" + "very-long-folder-name/".repeat(40) + "deposition.flac";
    private static final String CORRUPT = "broken/corrupt.flac";
    private static final String LATER = "later/after the failure.ogg";

    private static final Duration ACCESS_TOKEN_TTL = Duration.ofSeconds(2);

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected String apiKey() {
        // a Personal Access Token whose access tokens live 2 s: they expire many times during the run
        labelStudio.accessTokenTtl(ACCESS_TOKEN_TTL);
        return labelStudio.personalAccessToken();
    }

    @Test
    void everySupportedObjectBecomesExactlyOneTaskAndBadInputIsRecorded() throws Exception {
        Map<String, String> speech = new LinkedHashMap<>();
        speech.put(ZURICH, "Grüezi|0.5 and welcome to the interview.");
        speech.put("calls/LOUD-CALL.MP3", "Please hold the line.");
        speech.put("team-a/interview.wav", "Team A speaking.");
        speech.put("team-b/interview.wav", "Team|0.8 B speaking.");
        speech.put(LONG_KEY, "The witness was sworn in.");
        speech.forEach((key, text) -> s3.put(BUCKET, key, text));
        s3.put(BUCKET, CORRUPT, "#corrupt");
        s3.put(BUCKET, "notes.txt", "not audio");
        s3.put(BUCKET, "team-a/cover.jpg", "not audio either");
        s3.put(BUCKET, OUTPUT_PREFIX + "stray.wav", "the service's own folder is never an input");
        Map<String, String> etagsBefore = etags();

        Eventually.await(SLOW, "a failure record for the corrupt file",
                () -> !s3.keys(BUCKET, OUTPUT_PREFIX + "failed/").isEmpty());

        // the service keeps working after a failure, and after the access token it used so far has expired
        Eventually.await(SLOW, "first imports", () -> labelStudio.tasks(project).size() >= 5);
        int refreshesSoFar = labelStudio.refreshRequests();
        Thread.sleep(ACCESS_TOKEN_TTL.plusMillis(500).toMillis());
        speech.put(LATER, "Still here after the failure.");
        s3.put(BUCKET, LATER, speech.get(LATER));
        etagsBefore.put(LATER, s3.etag(BUCKET, LATER));

        Eventually.await(SLOW, "a task per supported object", () -> labelStudio.tasks(project).size() >= speech.size());
        // three more full listing passes of the bucket must not add anything: no task, no job, no record
        int startsBefore = transcribe.calls("StartTranscriptionJob");
        awaitListingPasses(3);
        assertThat(transcribe.calls("StartTranscriptionJob"))
                .as("finished objects, the failed one included, are not started again").isEqualTo(startsBefore);

        List<Task> tasks = labelStudio.tasks(project);
        assertThat(tasks).extracting(t -> t.data().path("source_uri").asText())
                .containsExactlyInAnyOrderElementsOf(speech.keySet().stream().map(BridgeTestSupport::uri).toList());
        for (Task task : tasks) {
            String key = task.data().path("source_uri").asText().substring(("s3://" + BUCKET + "/").length());
            assertThat(task.data().path("audio").asText()).isEqualTo(uri(key));
            assertThat(task.data().path("transcribe_job").asText())
                    .isEqualTo(JobNames.of(BUCKET, key, etagsBefore.get(key)));
            assertThat(task.predictions()).hasSize(1);
            JsonNode prediction = task.predictions().get(0);
            assertThat(prediction.path("model_version").asText()).isEqualTo("amazon-transcribe");
            JsonNode result = prediction.path("result").path(0);
            assertThat(result.path("type").asText()).isEqualTo("textarea");
            assertThat(result.path("value").path("text").path(0).asText()).isEqualTo(speech.get(key).replaceAll("\\|[0-9.]+", ""));
        }
        assertThat(score(tasks, ZURICH)).isCloseTo((0.5 + 5 * 0.98) / 6, within(1e-4));
        assertThat(score(tasks, "team-b/interview.wav")).isCloseTo((0.8 + 2 * 0.98) / 3, within(1e-4));
        assertThat(score(tasks, "calls/LOUD-CALL.MP3")).isCloseTo(0.98, within(1e-4));

        // the failed job: a durable record, and no task
        String failedJob = JobNames.of(BUCKET, CORRUPT, etagsBefore.get(CORRUPT));
        JsonNode record = mapper.readTree(s3.getString(BUCKET, OUTPUT_PREFIX + "failed/" + failedJob + ".json").orElseThrow());
        assertThat(record.path("bucket").asText()).isEqualTo(BUCKET);
        assertThat(record.path("key").asText()).isEqualTo(CORRUPT);
        assertThat(record.path("etag").asText()).isEqualTo(JobNames.normalizeEtag(etagsBefore.get(CORRUPT)));
        assertThat(record.path("jobName").asText()).isEqualTo(failedJob);
        assertThat(record.path("reason").asText())
                .isEqualTo("Transcribe job FAILED: The data in your input media file isn't valid. Check the media file and try your request again.");
        assertThat(record.path("time").asText()).isNotBlank();
        assertThat(s3.keys(BUCKET, OUTPUT_PREFIX + "failed/")).hasSize(1);

        // one job per supported object, none for the others, and the audio untouched
        assertThat(transcribe.jobNames()).hasSize(speech.size() + 1);
        Map<String, String> etagsAfter = etags();
        etagsBefore.forEach((key, etag) -> assertThat(etagsAfter).containsEntry(key, etag));
        assertThat(s3.getString(BUCKET, ZURICH)).contains(speech.get(ZURICH));

        // the Personal Access Token's short-lived access tokens were renewed along the way
        assertThat(labelStudio.refreshRequests()).isGreaterThan(refreshesSoFar);

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private Map<String, String> etags() {
        Map<String, String> etags = new LinkedHashMap<>();
        for (String key : s3.keys(BUCKET, "")) {
            if (!key.startsWith(OUTPUT_PREFIX + "transcripts/") && !key.startsWith(OUTPUT_PREFIX + "failed/")) {
                etags.put(key, s3.etag(BUCKET, key));
            }
        }
        return etags;
    }

    private static double score(List<Task> tasks, String key) {
        return tasks.stream()
                .filter(t -> t.data().path("source_uri").asText().equals(uri(key)))
                .findFirst().orElseThrow()
                .predictions().get(0).path("score").asDouble();
    }
}
