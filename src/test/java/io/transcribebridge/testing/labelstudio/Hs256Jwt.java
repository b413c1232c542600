package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Minimal HS256 JWT signing and signature checking (claims are checked by the caller). */
final class Hs256Jwt {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] secret;

    Hs256Jwt(byte[] secret) {
        this.secret = secret.clone();
    }

    String sign(ObjectNode payload) {
        String signingInput = HEADER + "." + ENCODER.encodeToString(Json.bytes(payload));
        return signingInput + "." + ENCODER.encodeToString(hmac(signingInput));
    }

    /** The payload if {@code token} is a well-formed HS256 JWT signed with our secret; empty otherwise. */
    Optional<ObjectNode> verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = Json.MAPPER.readTree(DECODER.decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            byte[] expected = hmac(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode payload = Json.MAPPER.readTree(DECODER.decode(parts[1]));
            return payload instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IllegalArgumentException | IOException malformed) {
            return Optional.empty();
        }
    }

    /** Decodes the payload without checking anything; for tests and diagnostics only. */
    static Optional<ObjectNode> unverifiedPayload(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode payload = Json.MAPPER.readTree(DECODER.decode(parts[1]));
            return payload instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IllegalArgumentException | IOException malformed) {
            return Optional.empty();
        }
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
