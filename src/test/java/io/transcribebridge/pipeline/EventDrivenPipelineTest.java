package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.EventQueues;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service with both event queues on a real SQS implementation (ElasticMQ, over HTTP): the bucket sends S3 event
 * notifications (keys form-encoded, a test event first, the service's own writes notified too) and the Transcribe
 * emulator publishes "Transcribe Job State Change" events in the EventBridge envelope when a job ends.
 */
class EventDrivenPipelineTest extends BridgeTestSupport {

    private static EventQueues queues;

    @BeforeAll
    static void startQueues() {
        queues = EventQueues.start(s3, BUCKET, transcribe);
        System.setProperty("aws.endpointUrlSqs", queues.sqs().endpoint().toString());
    }

    @AfterAll
    static void stopQueues() {
        System.clearProperty("aws.endpointUrlSqs");
        queues.close();
    }

    @Override
    protected Properties properties() {
        Properties p = super.properties();
        p.setProperty("source.events-queue-url", queues.sourceEventsQueueUrl());
        p.setProperty("transcribe.events-queue-url", queues.transcribeEventsQueueUrl());
        // a lost event is found by the reconciliation sweep within seconds, a lost job event by the fallback poll
        p.setProperty("s3.reconcile-interval-ms", "4000");
        p.setProperty("transcribe.events-fallback-poll-ms", "5000");
        p.setProperty("events.wait-time-seconds", "1");
        // a poison message comes back every second, so it reaches the dead-letter queue within seconds
        p.setProperty("events.visibility-timeout-seconds", "1");
        return p;
    }

    private long tasksFor(String key) {
        return labelStudio.tasks(project).stream()
                .filter(t -> t.data().path("source_uri").asText().equals(uri(key))).count();
    }

    private void awaitQueuesDrained() {
        Eventually.await(SLOW, "both queues empty (every message deleted)", () ->
                queues.sqs().undeletedMessages(queues.sourceEventsQueueUrl()) == 0
                && queues.sqs().undeletedMessages(queues.transcribeEventsQueueUrl()) == 0);
    }

    @Test
    void objectsArriveByEventAndEachJobIsAskedForOnceAfterItsEvent() {
        List<String> keys = List.of("events/session 1.wav", "events/q3+q4 review.wav", "events/Gespräch Nr. 3.wav",
                "events/日本/会議.wav", "events/100% sure.WAV");
        int getsBefore = transcribe.calls("GetTranscriptionJob");
        int startsBefore = transcribe.calls("StartTranscriptionJob");

        keys.forEach(key -> s3.put(BUCKET, key, "Recording " + key + " arrives by event."));

        Eventually.await(SLOW, "a task for each object", () -> keys.stream().allMatch(k -> tasksFor(k) == 1));
        awaitQueuesDrained();
        assertThat(transcribe.calls("StartTranscriptionJob") - startsBefore).isEqualTo(keys.size());
        assertThat(transcribe.calls("GetTranscriptionJob") - getsBefore)
                .as("GetTranscriptionJob calls: one per job, after its event").isEqualTo(keys.size());
        assertThat(keys).allMatch(k -> tasksFor(k) == 1);
        assertThat(queues.sqs().deadLetters(queues.sourceEventsQueueUrl())).isEmpty();
        assertThat(queues.sqs().deadLetters(queues.transcribeEventsQueueUrl())).isEmpty();
    }

    @Test
    void eventsForOtherBucketsUnsupportedFilesAndTheServicesOwnOutputAreDeletedAndIgnored() {
        int startsBefore = transcribe.calls("StartTranscriptionJob");
        s3.put(BUCKET, "ignored/notes.pdf", "not audio");
        queues.sqs().send(queues.sourceEventsQueueUrl(), """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",
                 "s3":{"bucket":{"name":"someone-elses-bucket"},"object":{"key":"a.wav","size":1,"eTag":"e"}}}]}""");
        queues.sqs().send(queues.transcribeEventsQueueUrl(), """
                {"version":"0","id":"x","detail-type":"Transcribe Job State Change","source":"aws.transcribe",
                 "account":"123456789012","time":"2026-12-06T10:00:00Z","region":"us-east-1","resources":[],
                 "detail":{"TranscriptionJobName":"another-apps-job","TranscriptionJobStatus":"COMPLETED"}}""");
        String key = "ignored/real.wav";
        s3.put(BUCKET, key, "The one object that is work.");

        Eventually.await(SLOW, "the real object's task", () -> tasksFor(key) == 1);
        awaitQueuesDrained();

        assertThat(transcribe.calls("StartTranscriptionJob") - startsBefore).as("only the real object").isOne();
        assertThat(queues.sourceEvents().sent()).as("notifications sent, own output included")
                .isGreaterThan(4);
        assertThat(queues.sqs().deadLetters(queues.sourceEventsQueueUrl())).isEmpty();
        assertThat(queues.sqs().deadLetters(queues.transcribeEventsQueueUrl())).isEmpty();
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueWithOneWarningPerReceive() {
        try (LogCapture logs = LogCapture.start(Map.of())) {
            queues.sqs().send(queues.sourceEventsQueueUrl(), "this is not an event");

            Eventually.await(SLOW, "the poison message in the dead-letter queue",
                    () -> queues.sqs().deadLetters(queues.sourceEventsQueueUrl()).size() == 1);

            assertThat(logs.texts()).filteredOn(t -> t.contains("of source-events (received"))
                    .hasSize(EventQueues.MAX_RECEIVE_COUNT)
                    .allMatch(t -> t.contains("not processed: the message is not JSON"));
        }
        String key = "after-poison/ok.wav";
        s3.put(BUCKET, key, "The service goes on.");
        Eventually.await(SLOW, "the next object's task", () -> tasksFor(key) == 1);
    }

    @Test
    void anObjectWhoseEventWasLostIsFoundByTheReconciliationSweep() {
        queues.sourceEvents().dropNextEvents(1);
        String key = "lost-event/found-anyway.wav";

        s3.put(BUCKET, key, "Its notification never arrives.");

        Eventually.await(SLOW, "a task for the object without an event", () -> tasksFor(key) == 1);
        assertThat(queues.sourceEvents().dropped()).isOne();
    }

    @Test
    void aJobWhoseEventWasLostIsFoundByTheFallbackPoll() {
        queues.transcribeEvents().dropNextEvents(1);
        String key = "lost-job-event/polled.wav";
        long started = System.nanoTime();

        s3.put(BUCKET, key, "Its job's event never arrives.");

        Eventually.await(SLOW, "a task for the object whose job event was lost", () -> tasksFor(key) == 1);
        assertThat(queues.transcribeEvents().dropped()).isOne();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("found by the 5-s fallback poll, not later")
                .isLessThan(Duration.ofSeconds(20));
    }
}
