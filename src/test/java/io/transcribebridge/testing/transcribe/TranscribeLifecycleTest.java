package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.transcribe.TranscribeClient;
import software.amazon.awssdk.services.transcribe.model.BadRequestException;
import software.amazon.awssdk.services.transcribe.model.GetTranscriptionJobResponse;
import software.amazon.awssdk.services.transcribe.model.LanguageCode;
import software.amazon.awssdk.services.transcribe.model.MediaFormat;
import software.amazon.awssdk.services.transcribe.model.OutputLocationType;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobResponse;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJob;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;
import software.amazon.awssdk.services.transcribe.waiters.TranscribeWaiter;

class TranscribeLifecycleTest extends EmulatorTestSupport {

    TranscribeLifecycleTest() {
        super("media", Retries.SDK_DEFAULT, Duration.ofMillis(300));
    }

    @Test
    void jobRunsThenCompletesAndTheTranscriptIsInPlaceWhenCompletedIsSeen() throws Exception {
        emulator.runFor(Duration.ofMillis(500));
        s3.put(bucket, "calls/call-1.wav", "Hello world.");
        String job = unique("job");

        StartTranscriptionJobResponse started = transcribe.startTranscriptionJob(
                start(job, "s3://" + bucket + "/calls/call-1.wav").outputBucketName(bucket).build());

        TranscriptionJob startedJob = started.transcriptionJob();
        assertThat(startedJob.transcriptionJobName()).isEqualTo(job);
        assertThat(startedJob.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.IN_PROGRESS);
        assertThat(startedJob.languageCode()).isEqualTo(LanguageCode.EN_US);
        assertThat(startedJob.media().mediaFileUri()).isEqualTo("s3://" + bucket + "/calls/call-1.wav");
        assertThat(startedJob.creationTime()).isNotNull();
        assertThat(startedJob.startTime()).isEqualTo(startedJob.creationTime());
        assertThat(startedJob.completionTime()).isNull();
        assertThat(startedJob.settings().channelIdentification()).isFalse();
        assertThat(startedJob.settings().showAlternatives()).isFalse();

        TranscriptionJob running = transcribe.getTranscriptionJob(r -> r.transcriptionJobName(job)).transcriptionJob();
        assertThat(running.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.IN_PROGRESS);
        assertThat(running.transcript().transcriptFileUri()).isNull();
        assertThat(s3.keys(bucket, job)).isEmpty();

        TranscriptionJob done = awaitTerminal(transcribe, job);
        assertThat(done.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.COMPLETED);
        assertThat(done.completionTime()).isEqualTo(done.startTime().plusMillis(500));
        assertThat(done.mediaFormat()).isEqualTo(MediaFormat.WAV);
        assertThat(done.mediaSampleRateHertz()).isEqualTo(44_100);
        assertThat(done.failureReason()).isNull();
        assertThat(done.transcript().transcriptFileUri())
                .isEqualTo("https://s3.us-east-1.amazonaws.com/" + bucket + "/" + job + ".json");
        JsonNode transcript = JSON.readTree(s3.getString(bucket, job + ".json").orElseThrow());
        assertThat(transcript.path("jobName").asText()).isEqualTo(job);
        assertThat(transcript.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(transcript.at("/results/transcripts/0/transcript").asText()).isEqualTo("Hello world.");
    }

    @Test
    void jobIsQueuedFirstWhenQueuedForIsSet() {
        emulator.queuedFor(Duration.ofMillis(300)).runFor(Duration.ofMillis(600));
        s3.put(bucket, "a.mp3", "Queued speech.");
        String job = unique("queued");

        TranscriptionJob started = transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/a.mp3")
                .outputBucketName(bucket).build()).transcriptionJob();

        assertThat(started.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.QUEUED);
        assertThat(started.startTime()).isNull();
        TranscriptionJob inProgress = awaitStatus(transcribe, job, Set.of(TranscriptionJobStatus.IN_PROGRESS));
        assertThat(inProgress.startTime()).isEqualTo(inProgress.creationTime().plusMillis(300));
        assertThat(awaitTerminal(transcribe, job).transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.COMPLETED);
    }

    @Test
    void fastForwardFinishesALongJobAtOnce() {
        emulator.runFor(Duration.ofHours(1));
        s3.put(bucket, "long.wav", "A very long meeting.");
        String job = unique("long");
        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/long.wav").outputBucketName(bucket).build());
        assertThat(transcribe.getTranscriptionJob(r -> r.transcriptionJobName(job)).transcriptionJob()
                .transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.IN_PROGRESS);

        emulator.fastForward(Duration.ofHours(1));

        TranscriptionJob done = transcribe.getTranscriptionJob(r -> r.transcriptionJobName(job)).transcriptionJob();
        assertThat(done.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.COMPLETED);
        assertThat(done.completionTime()).isEqualTo(done.startTime().plus(Duration.ofHours(1)));
        assertThat(s3.getString(bucket, job + ".json")).isPresent();
    }

    @ParameterizedTest(name = "OutputKey {0}")
    @CsvSource(nullValues = "NONE", value = {
        "my-transcript.json,            my-transcript.json",
        "test-files/my-transcript.json, test-files/my-transcript.json",
        "my-transcript,                 my-transcript/JOB.json",
        "test-files/,                   test-files/JOB.json",
        "a/b/c,                         a/b/c/JOB.json",
        "NONE,                          JOB.json"})
    void transcriptGoesWhereTheOutputKeyRulesSay(String outputKey, String expectedKeyPattern) {
        s3.put(bucket, "in/talk.flac", "Where does it go?");
        String out = unique("out");
        s3.createBucket(out);
        String job = unique("key-rule");
        String expectedKey = expectedKeyPattern.replace("JOB", job);

        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/in/talk.flac")
                .outputBucketName(out).outputKey(outputKey).build());
        TranscriptionJob done = awaitTerminal(transcribe, job);

        assertThat(done.transcript().transcriptFileUri())
                .isEqualTo("https://s3.us-east-1.amazonaws.com/" + out + "/" + expectedKey);
        assertThat(s3.keys(out, "")).containsExactly(expectedKey);
        assertThat(s3.getString(out, expectedKey)).hasValueSatisfying(text -> assertThat(text).contains(job));
    }

    @Test
    void withoutOutputBucketTheTranscriptGoesToTheServiceBucketBehindAPresignedLookingUrl() throws Exception {
        s3.put(bucket, "talk.wav", "Service bucket.");
        String job = unique("svc");

        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/talk.wav").build());
        TranscriptionJob done = awaitTerminal(transcribe, job);

        String uri = done.transcript().transcriptFileUri();
        String prefix = "https://s3.us-east-1.amazonaws.com/aws-transcribe-us-east-1-prod/"
                + TranscribeEmulator.ACCOUNT_ID + "/" + job + "/";
        assertThat(uri).startsWith(prefix).contains("/asrOutput.json?")
                .contains("X-Amz-Security-Token=").contains("X-Amz-Signature=").contains("X-Amz-Expires=900");
        String key = uri.substring("https://s3.us-east-1.amazonaws.com/aws-transcribe-us-east-1-prod/".length(),
                uri.indexOf('?'));
        assertThat(key).matches(TranscribeEmulator.ACCOUNT_ID + "/" + job + "/[0-9a-f-]{36}/asrOutput.json");
        assertThat(emulator.serviceBucket()).isEqualTo("aws-transcribe-us-east-1-prod");
        JsonNode transcript = JSON.readTree(s3.getString(emulator.serviceBucket(), key).orElseThrow());
        assertThat(transcript.path("jobName").asText()).isEqualTo(job);
        assertThat(transcribe.listTranscriptionJobs(r -> r.jobNameContains(job)).transcriptionJobSummaries())
                .singleElement()
                .satisfies(summary -> assertThat(summary.outputLocationType())
                        .isEqualTo(OutputLocationType.SERVICE_BUCKET));
    }

    @Test
    void mediaIsReadAtStartSoLaterChangesDoNotMatter() throws Exception {
        s3.put(bucket, "talk.wav", "Original words.");
        String job = unique("snapshot");
        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/talk.wav").outputBucketName(bucket).build());

        s3.put(bucket, "talk.wav", "Replaced words.");
        awaitTerminal(transcribe, job);

        JsonNode transcript = JSON.readTree(s3.getString(bucket, job + ".json").orElseThrow());
        assertThat(transcript.at("/results/transcripts/0/transcript").asText()).isEqualTo("Original words.");
    }

    @Test
    void theKeyInTheMediaUriIsTakenLiterallyNotUrlDecoded() {
        String key = "interviews/Zürich 2024/Gespräch + notes 100%.wav";
        s3.put(bucket, key, "Grüezi mitenand.");
        String job = unique("literal");

        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/" + key).outputBucketName(bucket).build());
        assertThat(awaitTerminal(transcribe, job).transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.COMPLETED);

        String encoded = "s3://" + bucket + "/interviews/Z%C3%BCrich%202024/Gespr%C3%A4ch%20%2B%20notes%20100%25.wav";
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("encoded"), encoded).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("The URI that you provided doesn't point to an S3 object.");
    }

    @Test
    void theSdkWaiterSeesCompletion() {
        s3.put(bucket, "talk.ogg", "Wait for me.");
        String job = unique("waiter");
        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/talk.ogg").build());

        try (TranscribeWaiter waiter = TranscribeWaiter.builder().client(transcribe).build()) {
            WaiterResponse<GetTranscriptionJobResponse> response = waiter.waitUntilTranscriptionJobCompleted(
                    r -> r.transcriptionJobName(job),
                    o -> o.backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(50))));
            assertThat(response.matched().response()).hasValueSatisfying(get -> assertThat(
                    get.transcriptionJob().transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.COMPLETED));
        }
    }

    @Test
    void concurrentStartsAndGetsAllSucceed() throws Exception {
        s3.put(bucket, "talk.wav", "Many at once.");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TranscriptionJob>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String job = unique("parallel");
                results.add(pool.submit(() -> {
                    transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/talk.wav")
                            .outputBucketName(bucket).outputKey("parallel/").build());
                    return awaitTerminal(transcribe, job);
                }));
            }
            for (Future<TranscriptionJob> result : results) {
                assertThat(result.get().transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.COMPLETED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(emulator.jobNames()).hasSize(24);
        assertThat(s3.keys(bucket, "parallel/")).hasSize(24);
    }

    @Test
    void regionSettingShowsInUrisAndTheServiceBucket() {
        emulator.region("eu-west-1");
        s3.put(bucket, "talk.wav", "Hello Dublin.");
        String job = unique("region");
        String out = unique("out");
        s3.createBucket(out);

        try (TranscribeClient euClient = client(emulator)) {
            euClient.startTranscriptionJob(start(job, "s3://" + bucket + "/talk.wav").outputBucketName(out).build());
            assertThat(awaitTerminal(euClient, job).transcript().transcriptFileUri())
                    .isEqualTo("https://s3.eu-west-1.amazonaws.com/" + out + "/" + job + ".json");
        }
        assertThat(emulator.serviceBucket()).isEqualTo("aws-transcribe-eu-west-1-prod");
    }
}
