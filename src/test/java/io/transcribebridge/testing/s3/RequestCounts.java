package io.transcribebridge.testing.s3;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;

/**
 * S3 requests received, by operation, not counting those of {@link EmbeddedS3#client()} (which carries the app id
 * {@link #OWN_APP_ID} in its User-Agent), so what is counted is what the code under test sent. Operations: LIST
 * (ListObjects on a bucket), GET, HEAD, PUT (objects, copies, parts), DELETE (one object, or DeleteObjects),
 * POST (multipart uploads), OTHER (bucket operations).
 */
final class RequestCounts {

    static final String OWN_APP_ID = "embedded-s3";
    private static final String OWN_USER_AGENT = "app/" + OWN_APP_ID;

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    void count(HttpServletRequest request) {
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.contains(OWN_USER_AGENT)) {
            return;
        }
        counts.computeIfAbsent(operation(request), o -> new AtomicInteger()).incrementAndGet();
    }

    SortedMap<String, Integer> snapshot() {
        SortedMap<String, Integer> snapshot = new TreeMap<>();
        counts.forEach((operation, count) -> snapshot.put(operation, count.get()));
        return snapshot;
    }

    private static String operation(HttpServletRequest request) {
        String[] path = request.getRequestURI().split("/", 3);
        if (path.length < 2 || path[1].isEmpty()) {
            return "OTHER"; // ListBuckets
        }
        boolean object = path.length == 3 && !path[2].isEmpty();
        String method = request.getMethod();
        if (object) {
            return switch (method) {
                case "GET", "HEAD", "PUT", "DELETE", "POST" -> method;
                default -> "OTHER";
            };
        }
        Map<String, String> query = S3FrontHandler.queryParameters(request.getQueryString());
        if ("GET".equals(method) && (query.isEmpty() || query.containsKey("list-type") || query.containsKey("prefix")
                || query.containsKey("marker"))) {
            return "LIST";
        }
        if ("POST".equals(method) && query.containsKey("delete")) {
            return "DELETE";
        }
        return "OTHER";
    }
}
