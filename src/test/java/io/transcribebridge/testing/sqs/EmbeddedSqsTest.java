package io.transcribebridge.testing.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

class EmbeddedSqsTest {

    private static EmbeddedSqs sqs;

    @BeforeAll
    static void startServer() {
        sqs = EmbeddedSqs.start();
    }

    @AfterAll
    static void stopServer() {
        sqs.close();
    }

    @Test
    void queueUrlAndArnLookLikeAwsOnes() {
        String url = sqs.createQueue("shape");

        assertThat(url).isEqualTo(sqs.endpoint() + "/123456789012/shape");
        assertThat(sqs.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(sqs.queueArn(url)).isEqualTo("arn:aws:sqs:us-east-1:123456789012:shape");
        assertThat(sqs.attribute(url, QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("30");
    }

    /** SDK 2.41 speaks AWS JSON 1.0 to SQS (no longer the query protocol); ElasticMQ 1.7.1 answers it. */
    @Test
    void theSdkTalksJsonProtocol() {
        List<String> contentTypes = new CopyOnWriteArrayList<>();
        List<String> targets = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                contentTypes.add(context.httpRequest().firstMatchingHeader("Content-Type").orElse(""));
                targets.add(context.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(""));
            }
        };
        try (SqsClient client = SqsClient.builder().endpointOverride(sqs.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build()) {
            String url = client.createQueue(b -> b.queueName("json-protocol")).queueUrl();
            client.sendMessage(b -> b.queueUrl(url).messageBody("{\"a\":\"ü\"}"));
            List<Message> received = client.receiveMessage(b -> b.queueUrl(url)).messages();

            assertThat(received).extracting(Message::body).containsExactly("{\"a\":\"ü\"}");
        }
        assertThat(contentTypes).containsOnly("application/x-amz-json-1.0");
        assertThat(targets).containsExactly("AmazonSQS.CreateQueue", "AmazonSQS.SendMessage",
                "AmazonSQS.ReceiveMessage");
    }

    @Test
    void sendReceiveDelete() {
        String url = sqs.createQueue("send-receive");
        String id = sqs.send(url, "first");
        sqs.send(url, "second");
        assertThat(sqs.visibleMessages(url)).isEqualTo(2);

        List<Message> received = sqs.receive(url, 10, Duration.ofSeconds(1), null);
        assertThat(received).extracting(Message::body).containsExactlyInAnyOrder("first", "second");
        assertThat(received).extracting(Message::messageId).contains(id);
        assertThat(received).allSatisfy(message -> assertThat(
                message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("1"));
        assertThat(sqs.visibleMessages(url)).isZero();
        assertThat(sqs.inFlightMessages(url)).isEqualTo(2);

        received.forEach(message -> sqs.delete(url, message));
        assertThat(sqs.undeletedMessages(url)).isZero();
        assertThat(sqs.drain(url)).isEmpty();
    }

    @Test
    void anUndeletedMessageComesBackAfterTheVisibilityTimeout() throws InterruptedException {
        String url = sqs.createQueue("visibility", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        sqs.send(url, "retry me");

        assertThat(sqs.receive(url, 1, Duration.ZERO, null)).hasSize(1);
        assertThat(sqs.receive(url, 1, Duration.ZERO, null)).as("invisible while in flight").isEmpty();
        Thread.sleep(1_300);

        List<Message> again = sqs.receive(url, 1, Duration.ZERO, null);
        assertThat(again).extracting(Message::body).containsExactly("retry me");
        assertThat(again.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .isEqualTo("2");
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() throws InterruptedException {
        EmbeddedSqs.QueueWithDeadLetters queues = sqs.createQueueWithDeadLetterQueue("poison", 2,
                Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        assertThat(queues.deadLetterQueueUrl()).endsWith("/123456789012/poison-dlq");
        assertThat(sqs.deadLetterQueueUrl(queues.queueUrl())).isEqualTo(queues.deadLetterQueueUrl());
        sqs.send(queues.queueUrl(), "poison pill");

        for (int receive = 1; receive <= 2; receive++) {
            assertThat(sqs.receive(queues.queueUrl(), 1, Duration.ofSeconds(2), null))
                    .as("receive %d", receive).hasSize(1);
            Thread.sleep(1_200);
        }
        // the third receive finds it past maxReceiveCount: SQS moves it instead of delivering it
        assertThat(sqs.receive(queues.queueUrl(), 1, Duration.ZERO, null)).isEmpty();

        assertThat(sqs.deadLetters(queues.queueUrl())).extracting(Message::body).containsExactly("poison pill");
        assertThat(sqs.deadLetters(queues.queueUrl())).as("peeking leaves it there").hasSize(1);
        assertThat(sqs.undeletedMessages(queues.queueUrl())).isZero();
        assertThat(sqs.drainBodies(queues.deadLetterQueueUrl())).containsExactly("poison pill");
    }

    @Test
    void awaitBodiesWaitsForLateMessages() {
        String url = sqs.createQueue("late");
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(600);
                sqs.send(url, "late one");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sender.start();

        assertThat(sqs.awaitBodies(url, 1, Duration.ofSeconds(5))).containsExactly("late one");
        assertThat(sqs.awaitBodies(url, 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void anUnknownQueueIsTheAwsError() {
        String missing = sqs.endpoint() + "/123456789012/never-created";
        assertThatThrownBy(() -> sqs.send(missing, "x"))
                .isInstanceOf(QueueDoesNotExistException.class);
    }
}
