package io.transcribebridge.testing.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.BlobMetadata;

import io.transcribebridge.testing.s3.ObjectCreatedEvents.CreatedObject;
import io.transcribebridge.testing.s3.ObjectCreatedEvents.Creation;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sits in front of S3Proxy's Jetty handler and adds what S3Proxy 2.6.0 lacks: conditional writes
 * ({@code If-None-Match: *} and {@code If-Match: <etag>} on PutObject, CopyObject and CompleteMultipartUpload, which
 * S3Proxy ignores and overwrites) and event notifications for objects created over HTTP. Every object-creating request holds
 * a lock on its key from the condition check until the object is stored, so conditional writes to one key are
 * serialised: of two racing {@code If-None-Match: *} puts exactly one wins, as on AWS. It also counts the requests
 * ({@link RequestCounts}) and, when asked, answers plain ListObjectsV2 requests itself ({@link IndexedListing}).
 */
final class S3FrontHandler extends HandlerWrapper {

    /** Enough that writers of different keys (the benchmark runs ~50 at once) seldom wait for each other. */
    private static final int LOCK_STRIPES = 1024;

    private final BlobStore store;
    private final boolean enforceConditions;
    private final ObjectCreatedEvents events;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final AtomicInteger conditionalWrites = new AtomicInteger();
    private final AtomicInteger preconditionFailures = new AtomicInteger();
    private final AtomicInteger conflictsToInject = new AtomicInteger();
    private final RequestCounts requestCounts = new RequestCounts();
    private volatile IndexedListing indexedListing;

    S3FrontHandler(BlobStore store, boolean enforceConditions, ObjectCreatedEvents events) {
        this.store = store;
        this.enforceConditions = enforceConditions;
        this.events = events;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    boolean enforcesConditions() {
        return enforceConditions;
    }

    int conditionalWrites() {
        return conditionalWrites.get();
    }

    int preconditionFailures() {
        return preconditionFailures.get();
    }

    void failNextConditionalWrites(int count) {
        conflictsToInject.set(count);
    }

    RequestCounts requestCounts() {
        return requestCounts;
    }

    /** Plain ListObjectsV2 requests are answered by {@code listing} from now on (null: by S3Proxy again). */
    void indexedListing(IndexedListing listing) {
        indexedListing = listing;
    }

    /** Runs {@code write} holding the key's lock, as writes over HTTP do. */
    <T> T locked(String bucket, String key, Supplier<T> write) {
        ReentrantLock lock = lockFor(bucket, key);
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        requestCounts.count(request);
        ObjectWrite write = ObjectWrite.of(request);
        if (write == null) {
            IndexedListing listing = indexedListing;
            if (listing == null || !listing.answer(baseRequest, request, response)) {
                super.handle(target, baseRequest, request, response);
            }
            return;
        }
        ReentrantLock lock = lockFor(write.bucket, write.key);
        lock.lock();
        try {
            String ifNoneMatch = request.getHeader("If-None-Match");
            String ifMatch = request.getHeader("If-Match");
            boolean conditional = ifNoneMatch != null || ifMatch != null;
            if (conditional) {
                conditionalWrites.incrementAndGet();
                if (enforceConditions && refused(write, ifNoneMatch, ifMatch, baseRequest, response)) {
                    return;
                }
            }
            super.handle(target, baseRequest, request, response);
            if (response.getStatus() == 200 && !events.isEmpty()) {
                BlobMetadata stored = metadata(write.bucket, write.key);
                if (stored != null) {
                    String requestId = response.getHeader("x-amz-request-id");
                    events.objectCreated(new CreatedObject(write.bucket, write.key, stored.getSize() == null ? 0
                            : stored.getSize(), unquote(stored.getETag()), write.creation,
                            requestId == null ? ObjectCreatedEvents.newRequestId() : requestId, Instant.now()));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Answers the request itself (and returns true) when a condition fails, as AWS S3 would. */
    private boolean refused(ObjectWrite write, String ifNoneMatch, String ifMatch, Request baseRequest,
                            HttpServletResponse response) throws IOException {
        if (conflictsToInject.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            sendError(baseRequest, response, 409, "ConditionalRequestConflict", "A conflicting operation occurred. If "
                    + "using PutObject you can retry the request. If using multipart upload you should initiate "
                    + "another CreateMultipartUpload request and re-upload each part.", null);
            return true;
        }
        if (!store.containerExists(write.bucket)) {
            return false; // S3Proxy answers NoSuchBucket
        }
        BlobMetadata current = metadata(write.bucket, write.key);
        if (ifNoneMatch != null) {
            if (!"*".equals(ifNoneMatch.trim())) {
                sendError(baseRequest, response, 501, "NotImplemented",
                        "A header you provided implies functionality that is not implemented", "If-None-Match");
                return true;
            }
            if (current != null) {
                preconditionFailed(baseRequest, response, "If-None-Match");
                return true;
            }
        }
        if (ifMatch != null) {
            if (current == null) {
                sendError(baseRequest, response, 404, "NoSuchKey", "The specified key does not exist.",
                        "<Key>" + xml(write.key) + "</Key>");
                return true;
            }
            if (!etagMatches(ifMatch, unquote(current.getETag()))) {
                preconditionFailed(baseRequest, response, "If-Match");
                return true;
            }
        }
        return false;
    }

    private void preconditionFailed(Request baseRequest, HttpServletResponse response, String condition)
            throws IOException {
        preconditionFailures.incrementAndGet();
        sendError(baseRequest, response, 412, "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold",
                "<Condition>" + condition + "</Condition>");
    }

    private static boolean etagMatches(String header, String current) {
        for (String candidate : header.split(",")) {
            String etag = candidate.trim();
            if ("*".equals(etag) || unquote(etag.startsWith("W/") ? etag.substring(2) : etag).equals(current)) {
                return true;
            }
        }
        return false;
    }

    private BlobMetadata metadata(String bucket, String key) {
        try {
            return store.blobMetadata(bucket, key);
        } catch (RuntimeException e) {
            return null; // e.g. the bucket is gone
        }
    }

    private ReentrantLock lockFor(String bucket, String key) {
        return locks[Math.floorMod((bucket + '/' + key).hashCode(), LOCK_STRIPES)];
    }

    static String unquote(String etag) {
        if (etag == null) {
            return "";
        }
        String trimmed = etag.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private static void sendError(Request baseRequest, HttpServletResponse response, int status, String code,
                                  String message, String extra) throws IOException {
        String requestId = ObjectCreatedEvents.newRequestId();
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message>" + (extra == null ? "" : extra) + "<RequestId>" + requestId
                + "</RequestId><HostId>" + requestId + "</HostId></Error>").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/xml");
        response.setHeader("x-amz-request-id", requestId);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
        baseRequest.setHandled(true);
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    /** Parameters of the raw query string, decoded: asking Jetty would read a form-encoded body. */
    static Map<String, String> queryParameters(String queryString) {
        Map<String, String> parameters = new HashMap<>();
        if (queryString != null) {
            for (String parameter : queryString.split("&")) {
                if (!parameter.isEmpty()) {
                    int equals = parameter.indexOf('=');
                    String name = equals < 0 ? parameter : parameter.substring(0, equals);
                    String value = equals < 0 ? "" : parameter.substring(equals + 1);
                    parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                            URLDecoder.decode(value, StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    /** A request that creates an object, if this is one: which object and how. */
    private record ObjectWrite(String bucket, String key, Creation creation) {

        static ObjectWrite of(HttpServletRequest request) {
            // the path split and decoded as S3ProxyHandler does (path-style addressing)
            String[] path = request.getRequestURI().split("/", 3);
            if (path.length < 3 || path[1].isEmpty() || path[2].isEmpty()) {
                return null;
            }
            Set<String> query = queryParameters(request.getQueryString()).keySet();
            query.remove("x-id");
            String bucket = URLDecoder.decode(path[1], StandardCharsets.UTF_8);
            String key = URLDecoder.decode(path[2], StandardCharsets.UTF_8);
            if ("PUT".equals(request.getMethod()) && query.isEmpty()) {
                return new ObjectWrite(bucket, key,
                        request.getHeader("x-amz-copy-source") != null ? Creation.COPY : Creation.PUT);
            }
            if ("POST".equals(request.getMethod()) && query.equals(Set.of("uploadId"))) {
                return new ObjectWrite(bucket, key, Creation.COMPLETE_MULTIPART_UPLOAD);
            }
            return null;
        }
    }
}
