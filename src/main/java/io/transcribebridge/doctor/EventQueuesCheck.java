package io.transcribebridge.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.transcribebridge.events.EventSettings;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The configured event queues exist and the credentials may use them, without touching a message: a receive would
 * count against the message's maxReceiveCount (and send it to the dead-letter queue sooner), so the check deletes
 * and hides a message that cannot exist (an invalid receipt handle). SQS then answers "receipt handle invalid" only
 * when the queue exists and the action is allowed, "queue does not exist" or "access denied" otherwise: this proves
 * {@code sqs:DeleteMessage} and {@code sqs:ChangeMessageVisibility}; {@code sqs:ReceiveMessage} is proved by the
 * consumer's first poll (readiness reports it).
 */
final class EventQueuesCheck implements Check {

    static final String NAME = "Event queues";
    private static final String NO_SUCH_MESSAGE = "transcribe-bridge-doctor-check";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(ConfigurationCheck.NAME, CredentialsCheck.NAME, RegionCheck.NAME);
    }

    @Override
    public Finding run(Examination examination) {
        EventSettings events = examination.events;
        if (!events.anyQueue()) {
            return Finding.ok(NAME, "none configured: listing intake every S3_POLL_INTERVAL_MS, jobs polled");
        }
        List<String> problems = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (Map.Entry<String, Optional<String>> queue : Map.of("SOURCE_EVENTS_QUEUE_URL", events.sourceQueue(),
                "TRANSCRIBE_EVENTS_QUEUE_URL", events.transcribeQueue()).entrySet()) {
            queue.getValue().ifPresent(url -> check(examination.sqs(), queue.getKey(), url)
                    .ifPresentOrElse(problems::add, () -> fine.add(queue.getKey() + " " + url)));
        }
        if (!problems.isEmpty()) {
            return Finding.fatal(NAME, String.join("\n", problems));
        }
        return Finding.ok(NAME, String.join("; ", fine.stream().sorted().toList())
                + ": reachable, sqs:DeleteMessage and sqs:ChangeMessageVisibility allowed");
    }

    /** A problem, or empty if the queue exists and both actions are allowed. */
    private static Optional<String> check(SqsClient sqs, String setting, String url) {
        for (String action : List.of("DeleteMessage", "ChangeMessageVisibility")) {
            try {
                if (action.equals("DeleteMessage")) {
                    sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(NO_SUCH_MESSAGE));
                } else {
                    sqs.changeMessageVisibility(request -> request.queueUrl(url).receiptHandle(NO_SUCH_MESSAGE)
                            .visibilityTimeout(0));
                }
                // an SQS that accepts any receipt handle: reachable and allowed all the same
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
                code = code == null ? "" : code;
                if (code.contains("NonExistentQueue") || code.contains("QueueDoesNotExist")) {
                    return Optional.of(setting + ": queue " + url + " does not exist (in " + "this region and account"
                            + "); create it with config/aws/transcribe-bridge-events.cfn.yaml or fix the URL");
                }
                if (e.statusCode() == 403 || code.contains("AccessDenied")) {
                    return Optional.of(setting + ": the credentials may not call sqs:" + action + " on " + url
                            + " (see the EventQueues statement of config/iam-policy.json)");
                }
                if (!code.contains("ReceiptHandle") && !code.contains("InvalidParameterValue")) {
                    return Optional.of(setting + ": " + url + " answered HTTP " + e.statusCode() + " " + code + " to "
                            + action);
                }
            } catch (SdkException e) {
                return Optional.of(setting + ": cannot reach " + url + ": " + e.getMessage()
                        + ". Check the URL, AWS_REGION and AWS_ENDPOINT_URL_SQS.");
            }
        }
        return Optional.empty();
    }
}
