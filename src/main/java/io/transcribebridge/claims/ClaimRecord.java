package io.transcribebridge.claims;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.intake.SourceObject;

/**
 * The body of {@code {OUTPUT_PREFIX}claims/<job>.json}: which object version, who holds it and until when. The
 * object version is in it so that another replica can take the work over from the claim alone (the event that
 * brought it is gone by then).
 */
record ClaimRecord(String jobName, SourceObject source, String owner, Instant expiresAt) {

    boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    ClaimRecord until(Instant expiry) {
        return new ClaimRecord(jobName, source, owner, expiry);
    }

    String toJson(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("jobName", jobName);
        json.put("bucket", source.bucket());
        json.put("key", source.key());
        json.put("etag", source.etag());
        json.put("size", source.size());
        json.put("owner", owner);
        json.put("expiresAt", expiresAt.toString());
        return json.toString();
    }

    static ClaimRecord parse(ObjectMapper mapper, String body) {
        try {
            JsonNode json = mapper.readTree(body);
            return new ClaimRecord(json.path("jobName").asText(),
                    new SourceObject(json.path("bucket").asText(), json.path("key").asText(),
                            json.path("etag").asText(), json.path("size").asLong(-1)),
                    json.path("owner").asText(), Instant.parse(json.path("expiresAt").asText()));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a claim: " + e.getMessage(), e);
        }
    }
}
