package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.transcribebridge.testing.sqs.EmbeddedSqs;
import io.transcribebridge.testing.sqs.EventDelivery;
import software.amazon.awssdk.services.transcribe.model.BadRequestException;

/** "Transcribe Job State Change" events on an SQS queue, for jobs started through the SDK. */
class JobStateEventsTest extends EmulatorTestSupport {

    private static final Duration RUN_FOR = Duration.ofMillis(1500);
    private static EmbeddedSqs sqs;

    private String queue;

    JobStateEventsTest() {
        super("events", Retries.SDK_DEFAULT, RUN_FOR);
    }

    @BeforeAll
    static void startSqs() {
        sqs = EmbeddedSqs.start();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
    }

    @BeforeEach
    void newQueue() {
        queue = sqs.createQueue("transcribe-events-" + UUID.randomUUID());
    }

    @Test
    void aCompletedJobSendsOneEventWhenItEndsNotBefore() {
        EventDelivery delivery = emulator.publishEventsTo(sqs.client(), queue);
        s3.put(bucket, "talk.wav", "Hello there.");
        String job = unique("completes");
        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/talk.wav").outputBucketName(bucket)
                .outputKey("out/" + job + ".json").build());
        Instant finished = emulator.jobTimes().get(0).finished();

        assertThat(sqs.awaitBodies(queue, 1, Duration.ofMillis(900))).as("nothing while IN_PROGRESS").isEmpty();
        JsonNode event = sqs.awaitJson(queue, 1, Duration.ofSeconds(5)).get(0);
        Instant received = Instant.now();

        assertThat(received).isAfterOrEqualTo(finished).isBefore(finished.plusSeconds(2));
        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("id").asText()).hasSize(36);
        assertThat(event.path("detail-type").asText()).isEqualTo("Transcribe Job State Change");
        assertThat(event.path("source").asText()).isEqualTo("aws.transcribe");
        assertThat(event.path("account").asText()).isEqualTo("123456789012");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("resources").isArray()).isTrue();
        assertThat(event.path("resources")).isEmpty();
        assertThat(Instant.parse(event.path("time").asText())).isBetween(finished.minusSeconds(1), finished);
        assertThat(event.path("detail").path("TranscriptionJobName").asText()).isEqualTo(job);
        assertThat(event.path("detail").path("TranscriptionJobStatus").asText()).isEqualTo("COMPLETED");
        assertThat(event.path("detail").has("FailureReason")).isFalse();
        // the transcript is there before anyone asked GetTranscriptionJob, as on AWS
        assertThat(emulator.calls("GetTranscriptionJob")).isZero();
        assertThat(s3.getString(bucket, "out/" + job + ".json")).hasValueSatisfying(
                transcript -> assertThat(transcript).contains("\"jobName\":\"" + job + "\""));

        assertThat(sqs.awaitBodies(queue, 1, Duration.ofSeconds(1))).as("exactly one event").isEmpty();
        assertThat(delivery.sent()).isEqualTo(1);
    }

    @Test
    void aFailedJobSendsAFailedEventWithItsReason() {
        emulator.publishEventsTo(sqs.client(), queue);
        s3.put(bucket, "broken.wav", "#corrupt");
        String job = startJob("fails", "broken.wav");

        List<JsonNode> events = sqs.awaitJson(queue, 2, Duration.ofSeconds(3));

        assertThat(events).hasSize(1);
        JsonNode detail = events.get(0).path("detail");
        assertThat(detail.path("TranscriptionJobName").asText()).isEqualTo(job);
        assertThat(detail.path("TranscriptionJobStatus").asText()).isEqualTo("FAILED");
        assertThat(detail.path("FailureReason").asText()).isEqualTo("The data in your input media file isn't valid. "
                + "Check the media file and try your request again.");
    }

    @Test
    void fastForwardSendsTheEventAtOnce() {
        emulator.runFor(Duration.ofHours(2));
        emulator.publishEventsTo(sqs.client(), queue);
        s3.put(bucket, "long.wav", "A very long meeting.");
        String job = startJob("long", "long.wav");
        assertThat(sqs.awaitBodies(queue, 1, Duration.ofSeconds(1))).isEmpty();

        emulator.fastForward(Duration.ofHours(2));

        long before = System.nanoTime();
        JsonNode event = sqs.awaitJson(queue, 1, Duration.ofSeconds(5)).get(0);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
        assertThat(event.path("detail").path("TranscriptionJobName").asText()).isEqualTo(job);
        assertThat(event.path("detail").path("TranscriptionJobStatus").asText()).isEqualTo("COMPLETED");
    }

    /**
     * A job cannot be deleted before it ends (DeleteTranscriptionJob refuses a non-terminal job), so it still sends
     * its one event; deleting it afterwards sends nothing more, and a new job of the same name has its own event.
     */
    @Test
    void deletingSendsNoEventAndARunningJobCannotBeDeleted() {
        emulator.publishEventsTo(sqs.client(), queue);
        s3.put(bucket, "talk.wav", "Hello.");
        String job = startJob("deleted", "talk.wav");

        assertThatThrownBy(() -> transcribe.deleteTranscriptionJob(r -> r.transcriptionJobName(job)))
                .isInstanceOf(BadRequestException.class);
        assertThat(sqs.awaitJson(queue, 1, Duration.ofSeconds(5))).hasSize(1);
        transcribe.deleteTranscriptionJob(r -> r.transcriptionJobName(job));
        assertThat(sqs.awaitBodies(queue, 1, Duration.ofSeconds(1))).isEmpty();

        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/talk.wav").build());
        assertThat(sqs.awaitJson(queue, 2, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void droppedEventsNeverArriveAndDelayedOnesArriveLate() throws InterruptedException {
        EventDelivery delivery = emulator.publishEventsTo(sqs.client(), queue).dropNextEvents(1);
        s3.put(bucket, "talk.wav", "Hello.");
        String lost = startJob("lost", "talk.wav");
        String kept = startJob("kept", "talk.wav");

        List<JsonNode> events = sqs.awaitJson(queue, 2, Duration.ofSeconds(3));
        assertThat(events).extracting(e -> e.path("detail").path("TranscriptionJobName").asText())
                .containsExactly(kept);
        assertThat(delivery.dropped()).isEqualTo(1);
        assertThat(delivery.sent()).isEqualTo(1);
        // the job is COMPLETED all the same: a poll finds it
        assertThat(emulator.status(lost)).contains("COMPLETED");

        delivery.delayEvents(Duration.ofSeconds(2));
        String late = startJob("late", "talk.wav");
        Instant finished = emulator.jobTimes().stream().filter(t -> t.jobName().equals(late)).findFirst()
                .orElseThrow().finished();
        JsonNode event = sqs.awaitJson(queue, 1, Duration.ofSeconds(8)).get(0);
        assertThat(Instant.now()).isAfterOrEqualTo(finished.plusSeconds(2));
        assertThat(event.path("detail").path("TranscriptionJobName").asText()).isEqualTo(late);
        assertThat(delivery.awaitIdle(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void jobsRunningWhenPublishingStartsAreCoveredFinishedOnesAreNot() {
        s3.put(bucket, "talk.wav", "Hello.");
        emulator.runFor(Duration.ZERO);
        String finishedBefore = startJob("before", "talk.wav");
        emulator.runFor(RUN_FOR);
        String running = startJob("running", "talk.wav");

        emulator.publishEventsTo(sqs.client(), queue);

        assertThat(sqs.awaitJson(queue, 2, Duration.ofSeconds(3)))
                .extracting(e -> e.path("detail").path("TranscriptionJobName").asText()).containsExactly(running);
    }

    /** Starts a job with a unique name starting {@code prefix} on the object {@code key} of the test's bucket. */
    private String startJob(String prefix, String key) {
        String job = unique(prefix);
        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/" + key).build());
        return job;
    }
}
