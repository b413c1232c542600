package io.transcribebridge.testing.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS on 127.0.0.1: ElasticMQ 1.7.1 embedded in the test JVM, which speaks the AWS JSON 1.0 protocol the SDK 2.41
 * {@code SqsClient} uses (and the older query protocol). Queue URLs are {@code http://127.0.0.1:PORT/123456789012/NAME}
 * and ARNs {@code arn:aws:sqs:us-east-1:123456789012:NAME}, the account and region of the other emulators. Any
 * credentials are accepted. The helpers use the real SDK client over HTTP, as the service does.
 */
public final class EmbeddedSqs implements AutoCloseable {

    public static final String ACCOUNT_ID = "123456789012";
    public static final String REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private EmbeddedSqs(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = newClient(endpoint);
    }

    /** Starts ElasticMQ on a free loopback port (about 1.5 s the first time in a JVM, for Pekko). */
    public static EmbeddedSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSAccountId(ACCOUNT_ID)
                .withAWSRegion(REGION)
                .start();
        int port;
        try {
            port = server.waitUntilStarted().localAddress().getPort();
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw new IllegalStateException("ElasticMQ failed to start", e);
        }
        return new EmbeddedSqs(server, URI.create("http://127.0.0.1:" + port));
    }

    /** What {@code AWS_ENDPOINT_URL_SQS} must be for a client built from the SDK's default chains. */
    public URI endpoint() {
        return endpoint;
    }

    public SqsClient client() {
        return client;
    }

    /** A standard queue with SQS's defaults (visibility timeout 30 s); its URL. */
    public String createQueue(String name) {
        return createQueue(name, Map.of());
    }

    public String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        return client.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    /** A queue and its dead-letter queue. */
    public record QueueWithDeadLetters(String queueUrl, String deadLetterQueueUrl) {
    }

    /**
     * A queue {@code name} whose messages move to the queue {@code name-dlq} once they have been received
     * {@code maxReceiveCount} times without being deleted (the {@code RedrivePolicy} attribute, as on AWS).
     */
    public QueueWithDeadLetters createQueueWithDeadLetterQueue(String name, int maxReceiveCount) {
        return createQueueWithDeadLetterQueue(name, maxReceiveCount, Map.of());
    }

    /** As {@link #createQueueWithDeadLetterQueue(String, int)}, with further attributes for the main queue. */
    public QueueWithDeadLetters createQueueWithDeadLetterQueue(String name, int maxReceiveCount,
                                                               Map<QueueAttributeName, String> attributes) {
        String deadLetters = createQueue(name + "-dlq");
        Map<QueueAttributeName, String> withRedrive = new LinkedHashMap<>(attributes);
        withRedrive.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + queueArn(deadLetters)
                + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}");
        return new QueueWithDeadLetters(createQueue(name, withRedrive), deadLetters);
    }

    public String queueArn(String queueUrl) {
        return attribute(queueUrl, QueueAttributeName.QUEUE_ARN);
    }

    /** Sends one message; its message id. */
    public String send(String queueUrl, String body) {
        return client.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    /**
     * Receives every message visible now and deletes it: repeated short-polling receives of up to 10 until one comes
     * back empty. Returns the messages (with their {@code ApproximateReceiveCount}) in the order received.
     */
    public List<Message> drain(String queueUrl) {
        List<Message> drained = new ArrayList<>();
        List<Message> batch;
        do {
            batch = receive(queueUrl, 10, Duration.ZERO, null);
            batch.forEach(message -> delete(queueUrl, message));
            drained.addAll(batch);
        } while (!batch.isEmpty());
        return drained;
    }

    /** The bodies of {@link #drain}. */
    public List<String> drainBodies(String queueUrl) {
        return drain(queueUrl).stream().map(Message::body).toList();
    }

    /** The bodies of {@link #drain} parsed as JSON. */
    public List<JsonNode> drainJson(String queueUrl) {
        return drainBodies(queueUrl).stream().map(EmbeddedSqs::parse).toList();
    }

    /**
     * Receives and deletes messages, long-polling, until {@code count} have arrived or {@code timeout} has passed;
     * the bodies received (possibly fewer than {@code count}, never more than what was received).
     */
    public List<String> awaitBodies(String queueUrl, int count, Duration timeout) {
        List<String> bodies = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (bodies.size() < count) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                break;
            }
            Duration wait = Duration.ofSeconds(Math.min(20, Math.max(1, leftMillis / 1000)));
            for (Message message : receive(queueUrl, Math.min(10, count - bodies.size()), wait, null)) {
                delete(queueUrl, message);
                bodies.add(message.body());
            }
        }
        return bodies;
    }

    /** {@link #awaitBodies} parsed as JSON. */
    public List<JsonNode> awaitJson(String queueUrl, int count, Duration timeout) {
        return awaitBodies(queueUrl, count, timeout).stream().map(EmbeddedSqs::parse).toList();
    }

    /**
     * One ReceiveMessage call: up to {@code max} messages, long-polling up to {@code wait} (0 for a short poll),
     * invisible for {@code visibilityTimeout} (null: the queue's), with the system attribute ApproximateReceiveCount.
     * Nothing is deleted.
     */
    public List<Message> receive(String queueUrl, int max, Duration wait, Duration visibilityTimeout) {
        return client.receiveMessage(b -> {
            b.queueUrl(queueUrl).maxNumberOfMessages(max).waitTimeSeconds((int) wait.toSeconds())
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
            if (visibilityTimeout != null) {
                b.visibilityTimeout((int) visibilityTimeout.toSeconds());
            }
        }).messages();
    }

    public void delete(String queueUrl, Message message) {
        client.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }

    /**
     * The messages visible now, left in the queue: received with a long visibility timeout, then made visible again at
     * once. Each look counts as a receive (ApproximateReceiveCount, and towards a redrive policy's maxReceiveCount).
     */
    public List<Message> peek(String queueUrl) {
        List<Message> seen = new ArrayList<>();
        List<Message> batch;
        do {
            batch = receive(queueUrl, 10, Duration.ZERO, Duration.ofMinutes(5));
            seen.addAll(batch);
        } while (!batch.isEmpty());
        for (Message message : seen) {
            client.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        }
        return seen;
    }

    /** What the dead-letter queue of {@code queueUrl} (its RedrivePolicy's target) holds now, left in place. */
    public List<Message> deadLetters(String queueUrl) {
        return peek(deadLetterQueueUrl(queueUrl));
    }

    /** The URL of the queue that {@code queueUrl}'s RedrivePolicy moves messages to. */
    public String deadLetterQueueUrl(String queueUrl) {
        String policy = attribute(queueUrl, QueueAttributeName.REDRIVE_POLICY);
        if (policy == null) {
            throw new IllegalArgumentException(queueUrl + " has no RedrivePolicy");
        }
        String arn = parse(policy).path("deadLetterTargetArn").asText();
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        return client.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    /** ApproximateNumberOfMessages: visible, waiting to be received. */
    public int visibleMessages(String queueUrl) {
        return Integer.parseInt(attribute(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** ApproximateNumberOfMessagesNotVisible: received and neither deleted nor back yet. */
    public int inFlightMessages(String queueUrl) {
        return Integer.parseInt(attribute(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** ApproximateNumberOfMessagesDelayed. */
    public int delayedMessages(String queueUrl) {
        return Integer.parseInt(attribute(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    /** Visible plus in flight plus delayed: what has not been deleted. */
    public int undeletedMessages(String queueUrl) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(Set.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    public String attribute(String queueUrl, QueueAttributeName name) {
        return client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(name)).attributes().get(name);
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }

    /** A client of the caller's own for this endpoint, with fixed test credentials and region us-east-1. */
    public static SqsClient newClient(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
