package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer, fully built before it is written. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static Response json(int status, JsonNode body) {
        return new Response(status, "application/json", Json.bytes(body), Map.of());
    }

    static Response html(int status, String html) {
        return new Response(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response empty(int status) {
        return new Response(status, null, new byte[0], Map.of());
    }

    Response withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, contentType, body, Map.copyOf(copy));
    }
}
