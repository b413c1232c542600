package io.transcribebridge.pipeline;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.transcribe.JobNames;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.transcribe.TranscribeClient;
import software.amazon.awssdk.services.transcribe.model.Media;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input and surprises end in a failure record (or are absorbed) and the service keeps going. */
class PipelineFailuresTest extends BridgeTestSupport {

    private final ObjectMapper mapper = new ObjectMapper();

    /** Every later listing pass must leave a finished object alone. */
    private void assertNotStartedAgain() {
        int starts = transcribe.calls("StartTranscriptionJob");
        awaitListingPasses(2);
        assertThat(transcribe.calls("StartTranscriptionJob")).isEqualTo(starts);
    }

    private JsonNode awaitFailureRecord(String key) throws Exception {
        String jobName = JobNames.of(BUCKET, key, s3.etag(BUCKET, key));
        String recordKey = OUTPUT_PREFIX + "failed/" + jobName + ".json";
        Eventually.await(SLOW, "failure record for " + key, () -> s3.getString(BUCKET, recordKey).isPresent());
        JsonNode record = mapper.readTree(s3.getString(BUCKET, recordKey).orElseThrow());
        assertThat(record.path("key").asText()).isEqualTo(key);
        assertThat(record.path("jobName").asText()).isEqualTo(jobName);
        return record;
    }

    private void awaitTask(String key) {
        Eventually.await(SLOW, "a task for " + key, () -> tasksFor(key) > 0);
    }

    private long tasksFor(String key) {
        return labelStudio.tasks(project).stream()
                .filter(t -> t.data().path("source_uri").asText().equals(uri(key))).count();
    }

    @Test
    void malformedTranscriptIsRecordedAtTheConvertStage() throws Exception {
        s3.put(BUCKET, "bad/garbled.wav", "#transcript-raw\n{\"results\": [this is not json");
        JsonNode record = awaitFailureRecord("bad/garbled.wav");
        assertThat(record.path("stage").asText()).isEqualTo("convert");
        assertThat(record.path("reason").asText()).startsWith("transcript is not valid JSON");
        assertNotStartedAgain();

        // and the next object still goes through
        s3.put(BUCKET, "bad/fine-after-garbled.wav", "All good.");
        awaitTask("bad/fine-after-garbled.wav");
    }

    @Test
    void zeroByteObjectFailsInTranscribeWithItsRealReason() throws Exception {
        s3.put(BUCKET, "bad/empty.mp3", new byte[0]);
        JsonNode record = awaitFailureRecord("bad/empty.mp3");
        assertThat(record.path("stage").asText()).isEqualTo("transcribe-wait");
        assertThat(record.path("reason").asText()).contains("The input media file length is too small");
    }

    @Test
    void silenceIsAnEmptyPredictionNotAFailure() {
        s3.put(BUCKET, "quiet/silence.wav", "#silence");
        awaitTask("quiet/silence.wav");
        JsonNode prediction = labelStudio.tasks(project).stream()
                .filter(t -> t.data().path("source_uri").asText().equals(uri("quiet/silence.wav")))
                .findFirst().orElseThrow().predictions().get(0);
        assertThat(prediction.path("result").path(0).path("value").path("text").path(0).asText()).isEmpty();
        assertThat(prediction.path("score").isNull()).as("no words, no score").isTrue();
    }

    @Test
    void importRejectedByLabelStudioIsRecordedWithItsDetailAndNotRetried() throws Exception {
        int importsBefore = labelStudio.importRequests();
        labelStudio.failNextImports(1, 400);
        s3.put(BUCKET, "rejected/call.wav", "This import will be refused.");
        JsonNode record = awaitFailureRecord("rejected/call.wav");
        assertThat(record.path("stage").asText()).isEqualTo("import");
        assertThat(record.path("reason").asText()).startsWith("Label Studio rejected the import (HTTP 400");
        assertThat(labelStudio.importRequests()).isEqualTo(importsBefore + 1);
        assertThat(tasksFor("rejected/call.wav")).isZero();
    }

    @Test
    void labelStudioOutageIsRetriedUntilTheImportGoesThrough() {
        labelStudio.failNextImports(2, 503);
        s3.put(BUCKET, "retry/outage.wav", "Imported on the third try.");
        awaitTask("retry/outage.wav");
        assertThat(tasksFor("retry/outage.wav")).isEqualTo(1);
        assertThat(s3.keys(BUCKET, OUTPUT_PREFIX + "failed/"))
                .noneMatch(k -> k.contains(JobNames.of(BUCKET, "retry/outage.wav", s3.etag(BUCKET, "retry/outage.wav"))));
    }

    @Test
    void jobThatAlreadyExistsIsAdoptedNotStartedTwice() {
        String key = "adopt/existing.wav";
        s3.put(BUCKET, key, "Started before the service saw it.");
        String jobName = JobNames.of(BUCKET, key, s3.etag(BUCKET, key));
        try (TranscribeClient client = TranscribeClient.builder()
                .endpointOverride(URI.create(transcribe.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build()) {
            // as a crashed earlier run of the service would have started it
            client.startTranscriptionJob(b -> b.transcriptionJobName(jobName).languageCode("en-US")
                    .media(Media.builder().mediaFileUri(uri(key)).build())
                    .outputBucketName(BUCKET).outputKey(OUTPUT_PREFIX + "transcripts/" + jobName + ".json"));
        }
        awaitTask(key);
        awaitListingPasses(2);
        assertThat(tasksFor(key)).as("adopted once, imported once").isEqualTo(1);
        assertThat(transcribe.jobNames()).filteredOn(jobName::equals).hasSize(1);
    }
}
