package io.transcribebridge.events;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.events.ObjectCreatedEvents.ObjectCreated;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both shapes AWS delivers object-created events in, as AWS and moto send them (shared/reference/aws-events.md). */
class ObjectCreatedEventsTest {

    private final ObjectCreatedEvents events = new ObjectCreatedEvents(new ObjectMapper());

    private static String notification(String eventName, String bucket, String encodedKey, String etag) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1",
                 "eventTime":"2026-12-06T10:00:00.000Z","eventName":"%s",
                 "userIdentity":{"principalId":"AWS:AIDAEXAMPLE"},"requestParameters":{"sourceIPAddress":"10.0.0.1"},
                 "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8"},
                 "s3":{"s3SchemaVersion":"1.0","configurationId":"transcribe-bridge",
                 "bucket":{"name":"%s","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::%s"},
                 "object":{"key":"%s","size":1024,"eTag":"%s","sequencer":"0055AED6DCD90281E5"}}}]}
                """.formatted(eventName, bucket, bucket, encodedKey, etag);
    }

    @Test
    void anS3NotificationKeyIsFormDecoded() {
        List<ObjectCreated> created = events.parse(notification("ObjectCreated:Put", "audio",
                "calls/q3%2Bq4+review+%C3%A9+100%25.wav", "d41d8cd98f00b204e9800998ecf8427e"));

        assertThat(created).containsExactly(new ObjectCreated("audio", "calls/q3+q4 review é 100%.wav",
                "d41d8cd98f00b204e9800998ecf8427e", 1024));
    }

    @Test
    void motoEncodesTheSlashToo() {
        assertThat(events.parse(notification("ObjectCreated:CompleteMultipartUpload", "audio",
                "calls%2F%E6%97%A5%E6%9C%AC%2Fa.wav", "abc-3")))
                .extracting(ObjectCreated::key).containsExactly("calls/日本/a.wav");
    }

    @Test
    void removalsAndTheTestEventBringNothing() {
        assertThat(events.parse(notification("ObjectRemoved:Delete", "audio", "a.wav", ""))).isEmpty();
        assertThat(events.parse("""
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-06T10:00:00.000Z","Bucket":"audio",
                 "RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}
                """)).isEmpty();
    }

    @Test
    void anEventBridgeObjectCreatedKeyIsTakenAsItIs() {
        String event = """
                {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created",
                 "source":"aws.s3","account":"123456789012","time":"2026-12-06T10:00:00Z","region":"eu-west-1",
                 "resources":["arn:aws:s3:::audio"],
                 "detail":{"version":"0","bucket":{"name":"audio"},
                 "object":{"key":"calls/q3+q4 review 100%.wav","size":2048,"etag":"b1946ac92492d2347c6235b4d2611184",
                 "version-id":"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e","sequencer":"617f08299329d189"},
                 "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","source-ip-address":"1.2.3.4",
                 "reason":"PutObject"}}
                """;

        assertThat(events.parse(event)).containsExactly(new ObjectCreated("audio", "calls/q3+q4 review 100%.wav",
                "b1946ac92492d2347c6235b4d2611184", 2048));
        assertThat(events.parse(event.replace("Object Created", "Object Deleted"))).isEmpty();
    }

    @Test
    void anSnsWrappedNotificationIsUnwrapped() {
        String inner = notification("ObjectCreated:Put", "audio", "a+b.wav", "e1");
        String sns = new ObjectMapper().createObjectNode().put("Type", "Notification").put("MessageId", "m-1")
                .put("Message", inner).toString();

        assertThat(events.parse(sns)).extracting(ObjectCreated::key).containsExactly("a b.wav");
    }

    @Test
    void whatIsNoneOfTheseIsUnreadable() {
        assertThatThrownBy(() -> events.parse("not json at all")).isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> events.parse("[1,2]")).isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> events.parse("{\"hello\":\"world\"}")).isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("neither an S3 event notification nor an EventBridge event");
        assertThatThrownBy(() -> events.parse(notification("ObjectCreated:Put", "", "a.wav", "e")))
                .isInstanceOf(UnreadableEventException.class);
    }
}
