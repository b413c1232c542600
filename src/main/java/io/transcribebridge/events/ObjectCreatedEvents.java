package io.transcribebridge.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the object-created events in one SQS message body, in either shape AWS delivers them:
 * <ul>
 *   <li>an S3 event notification sent straight to SQS ({@code {"Records":[{"eventSource":"aws:s3","eventName":
 *       "ObjectCreated:Put","s3":{"bucket":{"name"},"object":{"key","size","eTag"}}}]}}), whose key is URL-encoded
 *       as in an HTML form ({@code +} is a space); the {@code s3:TestEvent} S3 sends when the notification is
 *       configured has no records;</li>
 *   <li>an EventBridge "Object Created" event routed to SQS ({@code {"detail-type":"Object Created","source":
 *       "aws.s3","detail":{"bucket":{"name"},"object":{"key","size","etag"}}}}), whose key is not encoded;</li>
 * </ul>
 * either of them also wrapped in an SNS notification ({@code {"Type":"Notification","Message":"..."}}). Other S3
 * events (removals) and other EventBridge events give nothing; a body that is none of these is unreadable.
 */
public final class ObjectCreatedEvents {

    /** One object version that was created. */
    public record ObjectCreated(String bucket, String key, String etag, long size) {
    }

    private final ObjectMapper mapper;

    public ObjectCreatedEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<ObjectCreated> parse(String body) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (Exception e) {
            throw new UnreadableEventException("the message is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new UnreadableEventException("the message is not a JSON object");
        }
        if ("Notification".equals(json.path("Type").asText()) && json.path("Message").isTextual()) {
            return parse(json.path("Message").asText());
        }
        if (json.has("Records")) {
            return notification(json.path("Records"));
        }
        if ("s3:TestEvent".equals(json.path("Event").asText())) {
            return List.of();
        }
        if (json.has("detail-type") && json.has("detail")) {
            return eventBridge(json);
        }
        throw new UnreadableEventException("neither an S3 event notification nor an EventBridge event");
    }

    private static List<ObjectCreated> notification(JsonNode records) {
        if (!records.isArray()) {
            throw new UnreadableEventException("Records is not an array");
        }
        List<ObjectCreated> created = new ArrayList<>();
        for (JsonNode record : records) {
            if (!"aws:s3".equals(record.path("eventSource").asText())
                || !record.path("eventName").asText().startsWith("ObjectCreated:")) {
                continue;
            }
            JsonNode object = record.path("s3").path("object");
            String bucket = record.path("s3").path("bucket").path("name").asText("");
            String encodedKey = object.path("key").asText("");
            if (bucket.isEmpty() || encodedKey.isEmpty()) {
                throw new UnreadableEventException("an ObjectCreated record without bucket name or object key");
            }
            created.add(new ObjectCreated(bucket, URLDecoder.decode(encodedKey, StandardCharsets.UTF_8),
                    object.path("eTag").asText(""), object.path("size").asLong(-1)));
        }
        return created;
    }

    private static List<ObjectCreated> eventBridge(JsonNode event) {
        if (!"aws.s3".equals(event.path("source").asText())
            || !"Object Created".equals(event.path("detail-type").asText())) {
            return List.of();
        }
        JsonNode detail = event.path("detail");
        String bucket = detail.path("bucket").path("name").asText("");
        String key = detail.path("object").path("key").asText("");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new UnreadableEventException("an Object Created event without bucket name or object key");
        }
        return List.of(new ObjectCreated(bucket, key, detail.path("object").path("etag").asText(""),
                detail.path("object").path("size").asLong(-1)));
    }
}
