package io.transcribebridge.pipeline;

import java.util.List;
import java.util.Properties;

import io.transcribebridge.intake.BucketListing;
import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.EventQueues;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.s3.S3EventFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object-created events in the other shape AWS delivers them: EventBridge "Object Created" events routed to SQS
 * (the key not URL-encoded), with listing only at start (the reconciliation sweep is an hour away).
 */
class EventBridgeIntakeTest extends BridgeTestSupport {

    private static EventQueues queues;

    @BeforeAll
    static void startQueues() {
        queues = EventQueues.start(s3, BUCKET, S3EventFormat.EVENTBRIDGE, transcribe);
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
        p.setProperty("s3.reconcile-interval-ms", "3600000");
        p.setProperty("events.wait-time-seconds", "1");
        return p;
    }

    @Test
    void objectsArriveAsEventBridgeEventsWithTheirKeysAsWritten() {
        BucketListing listing = context.getRegistry().lookupByNameAndType("bucketListing", BucketListing.class);
        Eventually.await(SLOW, "the first listing pass", () -> listing.passes() == 1);
        List<String> keys = List.of("eb/q3+q4 review 100%.wav", "eb/Zürich/Gespräch.wav", "eb/a%20b.mp3");

        keys.forEach(key -> s3.put(BUCKET, key, "EventBridge delivers " + key));

        Eventually.await(SLOW, "a task for each object", () -> keys.stream().allMatch(key -> labelStudio
                .tasks(project).stream().filter(t -> t.data().path("source_uri").asText().equals(uri(key)))
                .count() == 1));
        assertThat(listing.passes()).as("only the first listing pass ran: the objects came by event").isOne();
        Eventually.await(SLOW, "the queue empty", () ->
                queues.sqs().undeletedMessages(queues.sourceEventsQueueUrl()) == 0);
        assertThat(queues.sqs().deadLetters(queues.sourceEventsQueueUrl())).isEmpty();
    }
}
