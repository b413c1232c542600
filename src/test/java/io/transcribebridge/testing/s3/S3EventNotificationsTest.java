package io.transcribebridge.testing.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.transcribebridge.testing.sqs.EmbeddedSqs;
import io.transcribebridge.testing.sqs.EventDelivery;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The messages EmbeddedS3 sends to SQS for created objects, parsed back as a consumer would. */
class S3EventNotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Spaces, '+', '%', non-ASCII, a literal "%20" and '/' in one key. */
    private static final String AWKWARD_KEY = "in/Zürich 2024/a+b 100% %20 日本語.wav";

    private static EmbeddedS3 s3;
    private static EmbeddedSqs sqs;

    private String bucket;
    private String queue;

    @BeforeAll
    static void startServers() {
        s3 = EmbeddedS3.start();
        sqs = EmbeddedSqs.start();
    }

    @AfterAll
    static void stopServers() {
        s3.close();
        sqs.close();
    }

    @BeforeEach
    void freshBucketAndQueue() {
        int n = COUNTER.incrementAndGet();
        bucket = "events-" + n;
        s3.createBucket(bucket);
        queue = sqs.createQueue("s3-events-" + n);
    }

    @Test
    void s3NotificationFormatStartsWithATestEventAndFormEncodesTheKey() throws Exception {
        s3.notifyObjectCreated(bucket, sqs.client(), queue, S3EventFormat.S3_NOTIFICATION);

        JsonNode test = sqs.awaitJson(queue, 1, WAIT).get(0);
        assertThat(test.path("Service").asText()).isEqualTo("Amazon S3");
        assertThat(test.path("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(test.path("Bucket").asText()).isEqualTo(bucket);
        assertThat(Instant.parse(test.path("Time").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(test.path("RequestId").asText()).isNotBlank();
        assertThat(test.path("HostId").asText()).isNotBlank();
        assertThat(test.has("Records")).isFalse();

        s3.put(bucket, AWKWARD_KEY, "twelve bytes");
        JsonNode message = sqs.awaitJson(queue, 1, WAIT).get(0);

        assertThat(message.path("Records")).hasSize(1);
        JsonNode record = message.path("Records").get(0);
        assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.path("eventTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(record.path("responseElements").path("x-amz-request-id").asText()).isNotBlank();
        JsonNode s3Entity = record.path("s3");
        assertThat(s3Entity.path("s3SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(s3Entity.path("configurationId").asText()).isNotBlank();
        assertThat(s3Entity.path("bucket").path("name").asText()).isEqualTo(bucket);
        assertThat(s3Entity.path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::" + bucket);
        JsonNode object = s3Entity.path("object");
        String encoded = object.path("key").asText();
        assertThat(encoded).isEqualTo("in/Z%C3%BCrich+2024/a%2Bb+100%25+%2520+%E6%97%A5%E6%9C%AC%E8%AA%9E.wav");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(AWKWARD_KEY);
        assertThat(object.path("size").isIntegralNumber()).isTrue();
        assertThat(object.path("size").asLong()).isEqualTo(12);
        // sent once the object is stored: it is there, with the ETag the event names (which has no quotes)
        assertThat(object.path("eTag").asText()).isEqualTo(s3.etag(bucket, AWKWARD_KEY).replace("\"", ""))
                .doesNotContain("\"");
        assertThat(object.path("sequencer").asText()).matches("[0-9A-F]{18}");
        assertThat(object.has("versionId")).isFalse();
    }

    @Test
    void eventBridgeFormatCarriesTheRawKeyAndNoTestEvent() throws Exception {
        s3.notifyObjectCreated(bucket, sqs.client(), queue, S3EventFormat.EVENTBRIDGE);
        s3.put(bucket, AWKWARD_KEY, "twelve bytes");

        List<JsonNode> messages = sqs.awaitJson(queue, 2, Duration.ofSeconds(3));
        assertThat(messages).hasSize(1);
        JsonNode event = messages.get(0);
        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("id").asText()).hasSize(36);
        assertThat(event.path("detail-type").asText()).isEqualTo("Object Created");
        assertThat(event.path("source").asText()).isEqualTo("aws.s3");
        assertThat(event.path("account").asText()).isEqualTo("123456789012");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(event.path("resources")).hasSize(1);
        assertThat(event.path("resources").get(0).asText()).isEqualTo("arn:aws:s3:::" + bucket);
        JsonNode detail = event.path("detail");
        assertThat(detail.path("version").asText()).isEqualTo("0");
        assertThat(detail.path("bucket").path("name").asText()).isEqualTo(bucket);
        assertThat(detail.path("object").path("key").asText()).isEqualTo(AWKWARD_KEY);
        assertThat(detail.path("object").path("size").asLong()).isEqualTo(12);
        assertThat(detail.path("object").path("etag").asText())
                .isEqualTo(s3.etag(bucket, AWKWARD_KEY).replace("\"", ""));
        assertThat(detail.path("object").path("sequencer").asText()).matches("[0-9A-F]{18}");
        assertThat(detail.path("request-id").asText()).isNotBlank();
        assertThat(detail.path("requester").asText()).isEqualTo("123456789012");
        assertThat(detail.path("reason").asText()).isEqualTo("PutObject");
    }

    @Test
    void copyAndMultipartUploadAreObjectCreationsToo() throws Exception {
        EventDelivery delivery = s3.notifyObjectCreated(bucket, sqs.client(), queue, S3EventFormat.EVENTBRIDGE);
        s3.put(bucket, "original.wav", "abc");
        s3.client().copyObject(b -> b.sourceBucket(bucket).sourceKey("original.wav")
                .destinationBucket(bucket).destinationKey("copy of original.wav"));
        String uploadId = s3.client().createMultipartUpload(b -> b.bucket(bucket).key("multi part.wav")).uploadId();
        String part = s3.client().uploadPart(b -> b.bucket(bucket).key("multi part.wav").uploadId(uploadId)
                .partNumber(1), RequestBody.fromString("parts")).eTag();
        s3.client().completeMultipartUpload(b -> b.bucket(bucket).key("multi part.wav").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(part))));

        List<JsonNode> events = sqs.awaitJson(queue, 3, WAIT);
        assertThat(events).extracting(e -> e.path("detail").path("reason").asText())
                .containsExactly("PutObject", "CopyObject", "CompleteMultipartUpload");
        assertThat(events).extracting(e -> e.path("detail").path("object").path("key").asText())
                .containsExactly("original.wav", "copy of original.wav", "multi part.wav");
        assertThat(events.get(2).path("detail").path("object").path("etag").asText())
                .isEqualTo(s3.etag(bucket, "multi part.wav").replace("\"", ""));
        assertThat(delivery.sent()).isEqualTo(3);
    }

    @Test
    void s3NotificationEventNamesForCopyAndMultipartUpload() throws Exception {
        s3.notifyObjectCreated(bucket, sqs.client(), queue, S3EventFormat.S3_NOTIFICATION);
        s3.put(bucket, "a.wav", "abc");
        s3.client().copyObject(b -> b.sourceBucket(bucket).sourceKey("a.wav")
                .destinationBucket(bucket).destinationKey("b.wav"));
        String uploadId = s3.client().createMultipartUpload(b -> b.bucket(bucket).key("c.wav")).uploadId();
        String part = s3.client().uploadPart(b -> b.bucket(bucket).key("c.wav").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("parts")).eTag();
        s3.client().completeMultipartUpload(b -> b.bucket(bucket).key("c.wav").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(part))));

        List<JsonNode> messages = sqs.awaitJson(queue, 4, WAIT);
        assertThat(messages.get(0).path("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(messages.subList(1, 4)).extracting(m -> m.path("Records").get(0).path("eventName").asText())
                .containsExactly("ObjectCreated:Put", "ObjectCreated:Copy", "ObjectCreated:CompleteMultipartUpload");
    }

    @Test
    void onlyStoredObjectsUnderThePrefixAreNotified() throws Exception {
        EventDelivery delivery = s3.notifyObjectCreated(bucket, sqs.client(), queue, S3EventFormat.EVENTBRIDGE,
                "incoming/");
        s3.put(bucket, "incoming/a.wav", "a");
        s3.put(bucket, "elsewhere/b.wav", "b");
        // a refused conditional write stores nothing, so it notifies nothing
        assertThatThrownBy(() -> s3.client().putObject(r -> r.bucket(bucket).key("incoming/a.wav").ifNoneMatch("*"),
                RequestBody.fromString("again"))).isInstanceOf(S3Exception.class);
        // reads, deletes and other requests are no creations
        s3.get(bucket, "incoming/a.wav");
        s3.client().deleteObject(r -> r.bucket(bucket).key("elsewhere/b.wav"));
        s3.client().createMultipartUpload(r -> r.bucket(bucket).key("incoming/never-completed.wav"));

        assertThat(delivery.awaitIdle(WAIT)).isTrue();
        assertThat(keysOf(sqs.drainJson(queue))).containsExactly("incoming/a.wav");
    }

    @Test
    void putDirectlyNotifiesOnlyWhenAsked() throws Exception {
        EventDelivery delivery = s3.notifyObjectCreated(bucket, sqs.client(), queue, S3EventFormat.EVENTBRIDGE);
        s3.putDirectly(bucket, "seeded.wav", new byte[] {1, 2});
        s3.putDirectly(bucket, "announced.wav", new byte[] {1, 2, 3}, true);

        assertThat(delivery.awaitIdle(WAIT)).isTrue();
        List<JsonNode> events = sqs.drainJson(queue);
        assertThat(keysOf(events)).containsExactly("announced.wav");
        assertThat(events.get(0).path("detail").path("object").path("size").asLong()).isEqualTo(3);
    }

    @Test
    void droppedEventsAreLostAndDuplicatedOnesArriveTwice() throws Exception {
        EventDelivery delivery = s3.notifyObjectCreated(bucket, sqs.client(), queue, S3EventFormat.EVENTBRIDGE)
                .dropNextEvents(2);
        s3.put(bucket, "lost-1.wav", "x");
        s3.put(bucket, "lost-2.wav", "x");
        s3.put(bucket, "kept.wav", "x");
        delivery.duplicateEvents(true);
        s3.put(bucket, "twice.wav", "x");

        assertThat(delivery.awaitIdle(WAIT)).isTrue();
        List<JsonNode> events = sqs.drainJson(queue);
        assertThat(keysOf(events)).containsExactlyInAnyOrder("kept.wav", "twice.wav", "twice.wav");
        List<JsonNode> twice = events.stream()
                .filter(e -> e.path("detail").path("object").path("key").asText().equals("twice.wav")).toList();
        assertThat(twice.get(0)).as("the very same event").isEqualTo(twice.get(1));
        assertThat(delivery.published()).isEqualTo(4);
        assertThat(delivery.dropped()).isEqualTo(2);
        assertThat(delivery.duplicated()).isEqualTo(1);
        assertThat(delivery.sent()).isEqualTo(3);
    }

    @Test
    void laterWritesOfAKeyHaveGreaterSequencers() throws Exception {
        s3.notifyObjectCreated(bucket, sqs.client(), queue, S3EventFormat.EVENTBRIDGE);
        for (int i = 0; i < 3; i++) {
            s3.put(bucket, "same.wav", "version " + i);
        }
        List<String> sequencers = sqs.awaitJson(queue, 3, WAIT).stream()
                .map(e -> e.path("detail").path("object").path("sequencer").asText()).toList();
        assertThat(sequencers).hasSize(3).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void withoutAConfigurationNothingIsSent() throws Exception {
        s3.put(bucket, "quiet.wav", "x");
        assertThat(sqs.awaitBodies(queue, 1, Duration.ofSeconds(1))).isEmpty();
    }

    private static List<String> keysOf(List<JsonNode> eventBridgeEvents) {
        return eventBridgeEvents.stream().map(e -> e.path("detail").path("object").path("key").asText()).toList();
    }
}
