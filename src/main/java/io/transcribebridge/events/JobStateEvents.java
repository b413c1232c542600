package io.transcribebridge.events;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.claims.Claims;
import io.transcribebridge.transcribe.JobNames;
import io.transcribebridge.transcribe.JobWaiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Amazon Transcribe's "Transcribe Job State Change" events (an EventBridge rule routes them to SQS): a job that
 * became COMPLETED or FAILED wakes its waiting exchange at once instead of at its next poll. The event may reach a
 * replica other than the one waiting: that replica puts the message back (visibility 0) for the others, until it
 * was received {@code events.handover-receives} times; then the waiting replica's fallback poll finds the outcome.
 * Events of jobs that are not this service's, or that nobody waits for, are dropped.
 */
public final class JobStateEvents {

    /** What became of one message. */
    public enum Outcome { WOKEN, NOTED, HANDED_OVER, IGNORED }

    private static final Logger LOG = LoggerFactory.getLogger(JobStateEvents.class);

    private final ObjectMapper mapper;
    private final JobWaiter waiter;
    private final Claims claims;
    private final SqsClient sqs;
    private final String queueUrl;
    private final int handoverReceives;
    private final Consumer<Outcome> outcomes;

    public JobStateEvents(ObjectMapper mapper, JobWaiter waiter, Claims claims, SqsClient sqs, String queueUrl,
                          int handoverReceives, Consumer<Outcome> outcomes) {
        this.outcomes = outcomes;
        this.mapper = mapper;
        this.waiter = waiter;
        this.claims = claims;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handoverReceives = handoverReceives;
    }

    /**
     * @param receiveCount SQS's ApproximateReceiveCount of the message
     * @return whether the message is done with ({@code HANDED_OVER}: it was put back and must not be deleted)
     */
    public Outcome receive(String body, Integer receiveCount, String receiptHandle) {
        Outcome outcome = decide(body, receiveCount, receiptHandle);
        outcomes.accept(outcome);
        return outcome;
    }

    private Outcome decide(String body, Integer receiveCount, String receiptHandle) {
        JsonNode event;
        try {
            event = mapper.readTree(body);
        } catch (Exception e) {
            throw new UnreadableEventException("the message is not JSON");
        }
        if (event == null || !event.isObject() || !event.has("detail-type")) {
            throw new UnreadableEventException("not an EventBridge event");
        }
        JsonNode detail = event.path("detail");
        String jobName = detail.path("TranscriptionJobName").asText("");
        String status = detail.path("TranscriptionJobStatus").asText("");
        if (!"aws.transcribe".equals(event.path("source").asText())
            || !"Transcribe Job State Change".equals(event.path("detail-type").asText())
            || !(status.equals("COMPLETED") || status.equals("FAILED")) || !jobName.startsWith(JobNames.PREFIX)) {
            LOG.debug("Ignoring the event {} {} of job '{}': not a finished job of this service",
                    event.path("detail-type").asText(), status, jobName);
            return Outcome.IGNORED;
        }
        switch (waiter.deliver(jobName)) {
            case WOKEN:
                LOG.debug("Transcribe job {} is {} (event): polling it now", jobName, status);
                return Outcome.WOKEN;
            case NOTED:
                return Outcome.NOTED;
            default:
                break;
        }
        int received = receiveCount == null ? 1 : receiveCount;
        if (received < handoverReceives && claims.heldElsewhere(jobName)) {
            sqs.changeMessageVisibility(request -> request.queueUrl(queueUrl).receiptHandle(receiptHandle)
                    .visibilityTimeout(0));
            LOG.debug("Event of job {} put back for the replica that waits for it (received {} times)", jobName,
                    received);
            return Outcome.HANDED_OVER;
        }
        LOG.debug("Ignoring the event of job {}: no replica waits for it here{}", jobName,
                received >= handoverReceives ? " (handed over " + received + " times; its fallback poll finds it)"
                        : "");
        return Outcome.IGNORED;
    }
}
