package io.transcribebridge.testing.s3;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.transcribebridge.testing.sqs.EventDelivery;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The bucket notification configurations of one {@link EmbeddedS3} and the messages S3 sends for them: the S3 event
 * notification format and the EventBridge "Object Created" envelope, field for field as AWS documents them (no
 * {@code versionId}: the buckets are unversioned).
 */
final class ObjectCreatedEvents implements AutoCloseable {

    static final String ACCOUNT_ID = "123456789012";
    static final String REGION = "us-east-1";
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** How the object came to be: S3's eventName suffix and EventBridge's reason. */
    enum Creation {
        PUT("Put", "PutObject"),
        COPY("Copy", "CopyObject"),
        COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload", "CompleteMultipartUpload");

        private final String eventName;
        private final String reason;

        Creation(String eventName, String reason) {
            this.eventName = eventName;
            this.reason = reason;
        }
    }

    /** A stored object, as the notification describes it; {@code etag} without quotes. */
    record CreatedObject(String bucket, String key, long size, String etag, Creation creation, String requestId,
                         Instant time) {
    }

    private record Configuration(String id, String bucket, String prefix, S3EventFormat format,
                                 EventDelivery delivery) {

        boolean matches(CreatedObject object) {
            return bucket.equals(object.bucket()) && object.key().startsWith(prefix);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Configuration> configurations = new CopyOnWriteArrayList<>();
    /** Grows with every event, so per key (indeed overall) a later write has a greater sequencer, as on AWS. */
    private final AtomicLong sequencer = new AtomicLong(0x0062A3B1C4D5E6F7L);

    EventDelivery add(String bucket, SqsClient sqs, String queueUrl, S3EventFormat format, String prefix) {
        String id = format == S3EventFormat.S3_NOTIFICATION ? "embedded-s3-" + UUID.randomUUID() : "eventbridge";
        EventDelivery delivery = new EventDelivery(sqs, queueUrl, "s3-events-" + bucket);
        if (format == S3EventFormat.S3_NOTIFICATION) {
            delivery.publishReliably(testEvent(bucket));
        }
        configurations.add(new Configuration(id, bucket, prefix == null ? "" : prefix, format, delivery));
        return delivery;
    }

    /** Whether any configuration is in force (a closed delivery is a deleted configuration). */
    boolean isEmpty() {
        configurations.removeIf(configuration -> configuration.delivery().isClosed());
        return configurations.isEmpty();
    }

    /** Hands one message per matching configuration to its delivery (which sends it from its own thread). */
    void objectCreated(CreatedObject object) {
        String sequence = String.format("%018X", sequencer.incrementAndGet());
        for (Configuration configuration : configurations) {
            if (configuration.matches(object)) {
                configuration.delivery().publish(configuration.format() == S3EventFormat.S3_NOTIFICATION
                        ? notification(configuration.id(), object, sequence)
                        : eventBridge(object, sequence));
            }
        }
    }

    @Override
    public void close() {
        configurations.forEach(configuration -> configuration.delivery().close());
    }

    /** S3's key encoding in notifications: an HTML form's ({@code +} for a space, {@code %XX} UTF-8), '/' kept. */
    static String notificationKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    static String newRequestId() {
        return String.format("%016X", ThreadLocalRandom.current().nextLong());
    }

    private String testEvent(String bucket) {
        ObjectNode event = json.createObjectNode();
        event.put("Service", "Amazon S3");
        event.put("Event", "s3:TestEvent");
        event.put("Time", EVENT_TIME.format(Instant.now()));
        event.put("Bucket", bucket);
        event.put("RequestId", newRequestId());
        event.put("HostId", hostId());
        return event.toString();
    }

    private String notification(String configurationId, CreatedObject object, String sequence) {
        ObjectNode record = json.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", REGION);
        record.put("eventTime", EVENT_TIME.format(object.time()));
        record.put("eventName", "ObjectCreated:" + object.creation().eventName);
        record.putObject("userIdentity").put("principalId", "AWS:AIDAEMBEDDEDS3USER");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", object.requestId());
        response.put("x-amz-id-2", hostId());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", object.bucket());
        bucket.putObject("ownerIdentity").put("principalId", "A3EMBEDDEDS3OWNER");
        bucket.put("arn", "arn:aws:s3:::" + object.bucket());
        ObjectNode stored = s3.putObject("object");
        stored.put("key", notificationKey(object.key()));
        stored.put("size", object.size());
        stored.put("eTag", object.etag());
        stored.put("sequencer", sequence);
        ObjectNode message = json.createObjectNode();
        message.putArray("Records").add(record);
        return message.toString();
    }

    private String eventBridge(CreatedObject object, String sequence) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Object Created");
        event.put("source", "aws.s3");
        event.put("account", ACCOUNT_ID);
        event.put("time", object.time().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", REGION);
        event.putArray("resources").add("arn:aws:s3:::" + object.bucket());
        ObjectNode detail = event.putObject("detail");
        detail.put("version", "0");
        detail.putObject("bucket").put("name", object.bucket());
        ObjectNode stored = detail.putObject("object");
        stored.put("key", object.key());
        stored.put("size", object.size());
        stored.put("etag", object.etag());
        stored.put("sequencer", sequence);
        detail.put("request-id", object.requestId());
        detail.put("requester", ACCOUNT_ID);
        detail.put("source-ip-address", "127.0.0.1");
        detail.put("reason", object.creation().reason);
        return event.toString();
    }

    private static String hostId() {
        byte[] bytes = new byte[48];
        ThreadLocalRandom.current().nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }
}
