package io.transcribebridge.testing.s3;

import static io.transcribebridge.testing.s3.S3FrontHandler.xml;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * ListObjectsV2 answered from the transient store's sorted map of keys, in O(page) instead of S3Proxy's O(keys under
 * the prefix): jclouds' {@code LocalBlobStore.list} copies the metadata of every key under the prefix into a sorted
 * set on every request, which makes one LIST of a prefix with 1,000,000 keys take seconds. Only the plain form is
 * answered here (list-type=2 with prefix, max-keys, start-after, continuation-token); a delimiter, encoding-type,
 * fetch-owner or any other parameter leaves the request to S3Proxy. Continuation tokens are opaque, as on AWS
 * ({@code ix-} and the last key, base64url-encoded), unlike S3Proxy's (the last key); a continuation token given along
 * with start-after wins, as on AWS (S3Proxy answers 400).
 */
final class IndexedListing {

    private static final int MAX_KEYS = 1000;
    /** Marks continuation tokens of this listing. */
    private static final String TOKEN_PREFIX = "ix-";
    private static final Set<String> ANSWERED = Set.of("list-type", "prefix", "max-keys", "start-after",
            "continuation-token", "x-id");
    /** Whole seconds, as S3Proxy lists them (and AWS: ".000Z"). */
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.000Z'")
            .withZone(ZoneOffset.UTC);

    private final ConcurrentMap<String, ? extends NavigableMap<String, Blob>> containers;

    private IndexedListing(ConcurrentMap<String, ? extends NavigableMap<String, Blob>> containers) {
        this.containers = containers;
    }

    /**
     * Reaches into the jclouds transient blob store: the context's blob store is a Guice proxy whose handler's
     * {@code delegate} is a {@code LocalBlobStore}; its {@code storageStrategy} is a {@code TransientStorageStrategy}
     * whose {@code containerToBlobs} maps each container to a {@code ConcurrentSkipListMap} of key to blob.
     */
    @SuppressWarnings("unchecked")
    static IndexedListing of(BlobStore store) {
        try {
            Object local = Proxy.isProxyClass(store.getClass())
                    ? field(Proxy.getInvocationHandler(store), "delegate") : store;
            Object strategy = field(local, "storageStrategy");
            return new IndexedListing((ConcurrentMap<String, ? extends NavigableMap<String, Blob>>)
                    field(strategy, "containerToBlobs"));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("not a jclouds transient blob store: " + store.getClass().getName(), e);
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
    }

    /** Answers the request and returns true if it is a plain ListObjectsV2 of an existing bucket. */
    boolean answer(Request baseRequest, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String[] path = request.getRequestURI().split("/", 3);
        if (path.length < 2 || path[1].isEmpty() || path.length == 3 && !path[2].isEmpty()) {
            return false;
        }
        Map<String, String> query = S3FrontHandler.queryParameters(request.getQueryString());
        if (!"2".equals(query.get("list-type")) || !ANSWERED.containsAll(query.keySet())) {
            return false;
        }
        String bucket = URLDecoder.decode(path[1], StandardCharsets.UTF_8);
        NavigableMap<String, Blob> blobs = containers.get(bucket);
        if (blobs == null) {
            return false; // S3Proxy answers NoSuchBucket
        }
        int maxKeys;
        try {
            maxKeys = Math.min(MAX_KEYS, Integer.parseInt(query.getOrDefault("max-keys", "1000")));
        } catch (NumberFormatException e) {
            return false;
        }
        if (maxKeys <= 0) {
            return false;
        }
        String prefix = query.getOrDefault("prefix", "");
        String token = query.get("continuation-token");
        String after;
        if (token != null) {
            if (!token.startsWith(TOKEN_PREFIX)) {
                return false; // S3Proxy's own token, from a listing begun before this was switched on
            }
            try {
                after = new String(Base64.getUrlDecoder().decode(token.substring(TOKEN_PREFIX.length())),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
        } else {
            after = query.get("start-after");
        }
        NavigableMap<String, Blob> from = after != null && after.compareTo(prefix) >= 0
                ? blobs.tailMap(after, false) : blobs.tailMap(prefix, true);

        StringBuilder contents = new StringBuilder();
        int count = 0;
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, Blob> entry : from.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(prefix)) {
                break;
            }
            if (count == maxKeys) {
                truncated = true;
                break;
            }
            BlobMetadata metadata = entry.getValue().getMetadata();
            Date modified = metadata.getLastModified();
            Long size = metadata.getSize() != null ? metadata.getSize()
                    : metadata.getContentMetadata().getContentLength();
            contents.append("<Contents><Key>").append(xml(key)).append("</Key><LastModified>")
                    .append(modified == null ? "" : LAST_MODIFIED.format(modified.toInstant()))
                    .append("</LastModified><ETag>&quot;").append(xml(S3FrontHandler.unquote(metadata.getETag())))
                    .append("&quot;</ETag><Size>").append(size == null ? 0 : size)
                    .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
            count++;
            last = key;
        }

        StringBuilder body = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .append("<Name>").append(xml(bucket)).append("</Name>")
                .append("<Prefix>").append(xml(prefix)).append("</Prefix>")
                .append("<KeyCount>").append(count).append("</KeyCount>")
                .append("<MaxKeys>").append(maxKeys).append("</MaxKeys>")
                .append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        if (token != null) {
            body.append("<ContinuationToken>").append(xml(token)).append("</ContinuationToken>");
        }
        if (truncated) {
            String next = TOKEN_PREFIX
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
            body.append("<NextContinuationToken>").append(next).append("</NextContinuationToken>");
        }
        if (query.containsKey("start-after")) {
            body.append("<StartAfter>").append(xml(query.get("start-after"))).append("</StartAfter>");
        }
        body.append(contents).append("</ListBucketResult>");

        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/xml");
        response.setHeader("x-amz-request-id", ObjectCreatedEvents.newRequestId());
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
        baseRequest.setHandled(true);
        return true;
    }
}
