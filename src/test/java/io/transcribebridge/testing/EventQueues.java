package io.transcribebridge.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.testing.s3.S3EventFormat;
import io.transcribebridge.testing.sqs.EmbeddedSqs;
import io.transcribebridge.testing.sqs.EmbeddedSqs.QueueWithDeadLetters;
import io.transcribebridge.testing.sqs.EventDelivery;
import io.transcribebridge.testing.transcribe.TranscribeEmulator;

/**
 * The event-driven set-up on embedded SQS, as an operator would build it on AWS: a queue (with a dead-letter queue) that
 * receives the source bucket's object-created notifications, and one (with its own dead-letter queue) that an
 * EventBridge rule feeds with Transcribe's job state changes. Every object created in the bucket over HTTP is notified,
 * the service's own transcripts and markers included, as real S3 would. {@link #environment()} points the service at
 * them.
 */
public final class EventQueues implements AutoCloseable {

    /** Receives after which SQS moves an undeleted message to the dead-letter queue. */
    public static final int MAX_RECEIVE_COUNT = 5;

    private final EmbeddedSqs sqs;
    private final boolean ownsSqs;
    private final QueueWithDeadLetters sourceQueues;
    private final QueueWithDeadLetters transcribeQueues;
    private final EventDelivery sourceEvents;
    private final EventDelivery transcribeEvents;

    private EventQueues(EmbeddedSqs sqs, boolean ownsSqs, String namePrefix, EmbeddedS3 s3, String bucket,
                        S3EventFormat format, TranscribeEmulator transcribe) {
        this.sqs = sqs;
        this.ownsSqs = ownsSqs;
        this.sourceQueues = sqs.createQueueWithDeadLetterQueue(namePrefix + "source-events", MAX_RECEIVE_COUNT);
        this.transcribeQueues = sqs.createQueueWithDeadLetterQueue(namePrefix + "transcribe-events",
                MAX_RECEIVE_COUNT);
        this.sourceEvents = s3.notifyObjectCreated(bucket, sqs.client(), sourceQueues.queueUrl(), format);
        this.transcribeEvents = transcribe.publishEventsTo(sqs.client(), transcribeQueues.queueUrl());
    }

    /**
     * Starts an embedded SQS of its own (closed with this) with the queues {@code source-events} and
     * {@code transcribe-events} and their {@code -dlq}s; {@code bucket} notifies in S3's own notification format.
     */
    public static EventQueues start(EmbeddedS3 s3, String bucket, TranscribeEmulator transcribe) {
        return start(s3, bucket, S3EventFormat.S3_NOTIFICATION, transcribe);
    }

    public static EventQueues start(EmbeddedS3 s3, String bucket, S3EventFormat format,
                                    TranscribeEmulator transcribe) {
        EmbeddedSqs sqs = EmbeddedSqs.start();
        try {
            return new EventQueues(sqs, true, "", s3, bucket, format, transcribe);
        } catch (RuntimeException e) {
            sqs.close();
            throw e;
        }
    }

    /**
     * The same on an SQS the caller owns, with queue names starting {@code namePrefix}. The Transcribe emulator
     * publishes to one queue at a time: this replaces its earlier target.
     */
    public static EventQueues create(EmbeddedSqs sqs, String namePrefix, EmbeddedS3 s3, String bucket,
                                     S3EventFormat format, TranscribeEmulator transcribe) {
        return new EventQueues(sqs, false, namePrefix, s3, bucket, format, transcribe);
    }

    public EmbeddedSqs sqs() {
        return sqs;
    }

    public String sourceEventsQueueUrl() {
        return sourceQueues.queueUrl();
    }

    public String sourceEventsDeadLetterQueueUrl() {
        return sourceQueues.deadLetterQueueUrl();
    }

    public String transcribeEventsQueueUrl() {
        return transcribeQueues.queueUrl();
    }

    public String transcribeEventsDeadLetterQueueUrl() {
        return transcribeQueues.deadLetterQueueUrl();
    }

    /** The bucket's notifications: knobs to drop, duplicate or delay them, and counts. */
    public EventDelivery sourceEvents() {
        return sourceEvents;
    }

    /** Transcribe's job state change events: knobs and counts. */
    public EventDelivery transcribeEvents() {
        return transcribeEvents;
    }

    /**
     * {@code AWS_ENDPOINT_URL_SQS} (an SqsClient built from the SDK's default chains then talks to the embedded SQS),
     * {@code SOURCE_EVENTS_QUEUE_URL} and {@code TRANSCRIBE_EVENTS_QUEUE_URL}: a new map, for the caller to add to.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        environment.put("SOURCE_EVENTS_QUEUE_URL", sourceEventsQueueUrl());
        environment.put("TRANSCRIBE_EVENTS_QUEUE_URL", transcribeEventsQueueUrl());
        return environment;
    }

    /** Stops both deliveries, and the SQS if this started it. */
    @Override
    public void close() {
        sourceEvents.close();
        transcribeEvents.close();
        if (ownsSqs) {
            sqs.close();
        }
    }
}
