package io.transcribebridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.testing.transcribe.TranscribeEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.transcribe.TranscribeClient;
import software.amazon.awssdk.services.transcribe.model.LanguageCode;

/** The event-driven playground: what lands on the two queues when audio arrives and a job runs. */
class EventQueuesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void audioAndJobEventsReachTheirQueuesAndTheEnvironmentPointsAtThem() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.start();
             TranscribeEmulator transcribe = TranscribeEmulator.start(s3.client()).runFor(Duration.ofMillis(300))) {
            s3.createBucket("audio");
            try (EventQueues events = EventQueues.start(s3, "audio", transcribe);
                 TranscribeClient client = TranscribeClient.builder().endpointOverride(transcribe.endpoint())
                         .region(Region.US_EAST_1).httpClientBuilder(ApacheHttpClient.builder())
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                         .build()) {
                assertThat(events.environment()).containsOnlyKeys("AWS_ENDPOINT_URL_SQS", "SOURCE_EVENTS_QUEUE_URL",
                        "TRANSCRIBE_EVENTS_QUEUE_URL");
                assertThat(events.environment().get("AWS_ENDPOINT_URL_SQS"))
                        .isEqualTo(events.sqs().endpoint().toString());
                assertThat(events.sourceEventsQueueUrl()).endsWith("/123456789012/source-events");
                assertThat(events.sqs().deadLetterQueueUrl(events.transcribeEventsQueueUrl()))
                        .isEqualTo(events.transcribeEventsDeadLetterQueueUrl());

                s3.put("audio", "calls/hello world.wav", "Hello world.");
                client.startTranscriptionJob(r -> r.transcriptionJobName("hello").languageCode(LanguageCode.EN_US)
                        .media(m -> m.mediaFileUri("s3://audio/calls/hello world.wav"))
                        .outputBucketName("audio").outputKey("transcripts/hello.json"));

                JsonNode jobEvent = events.sqs().awaitJson(events.transcribeEventsQueueUrl(), 1, WAIT).get(0);
                assertThat(jobEvent.path("detail").path("TranscriptionJobName").asText()).isEqualTo("hello");
                // the test event, the audio, then the transcript Transcribe wrote into the same bucket
                List<JsonNode> sourceEvents = events.sqs().awaitJson(events.sourceEventsQueueUrl(), 3, WAIT);
                assertThat(sourceEvents.get(0).path("Event").asText()).isEqualTo("s3:TestEvent");
                assertThat(sourceEvents.subList(1, 3)).extracting(e -> URLDecoder.decode(
                        e.path("Records").get(0).path("s3").path("object").path("key").asText(),
                        StandardCharsets.UTF_8)).containsExactly("calls/hello world.wav", "transcripts/hello.json");
                assertThat(events.sourceEvents().sent()).isEqualTo(3);
                assertThat(events.transcribeEvents().sent()).isEqualTo(1);

                assertThat(defaultChainClientSees(events)).extracting(Message::body).containsExactly("from the env");
            }
        }
    }

    /**
     * An SqsClient built with no endpoint of its own finds the embedded SQS through the SDK's endpoint setting, here its
     * system-property form ({@code aws.endpointUrlSqs}) of {@code AWS_ENDPOINT_URL_SQS}.
     */
    private static List<Message> defaultChainClientSees(EventQueues events) {
        System.setProperty("aws.endpointUrlSqs", events.environment().get("AWS_ENDPOINT_URL_SQS"));
        try (SqsClient fromDefaults = SqsClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            String url = events.environment().get("SOURCE_EVENTS_QUEUE_URL");
            fromDefaults.sendMessage(r -> r.queueUrl(url).messageBody("from the env"));
            return fromDefaults.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)).messages();
        } finally {
            System.clearProperty("aws.endpointUrlSqs");
        }
    }
}
