package io.transcribebridge.testing.labelstudio;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One parsed HTTP request; {@code pathParams} are the capture groups of the matched route. */
record Request(String method, String path, Map<String, List<String>> query, Headers headers, byte[] body,
               List<String> pathParams) {

    static Request of(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        return new Request(method, rawPath, parseQuery(rawQuery), headers, body, List.of());
    }

    Request withPathParams(List<String> params) {
        return new Request(method, path, query, headers, body, List.copyOf(params));
    }

    Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    int pathInt(int index) {
        return Integer.parseInt(pathParams.get(index));
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
