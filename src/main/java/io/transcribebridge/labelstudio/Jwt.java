package io.transcribebridge.labelstudio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the (unverified) payload of a JWT. Label Studio verifies its tokens; the client only needs the type and
 * the expiry to know when to refresh.
 */
final class Jwt {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Jwt() {
    }

    static Optional<JsonNode> payload(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(parts[1]);
            JsonNode node = MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> expiry(String token) {
        return payload(token)
                .map(payload -> payload.get("exp"))
                .filter(JsonNode::canConvertToLong)
                .map(exp -> Instant.ofEpochSecond(exp.asLong()));
    }
}
