package io.transcribebridge.testing.s3;

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

import io.transcribebridge.testing.s3.ObjectCreatedEvents.CreatedObject;
import io.transcribebridge.testing.s3.ObjectCreatedEvents.Creation;
import io.transcribebridge.testing.sqs.EventDelivery;

/**
 * In-memory S3 server (S3Proxy 2.6.0 over the jclouds {@code transient} blob store) on 127.0.0.1.
 * Authorization is off, so SigV4-signed requests with any credentials are accepted.
 * <p>
 * Two things S3Proxy 2.6.0 lacks come from a handler in front of it ({@link S3FrontHandler}): conditional writes as on
 * AWS (unless started with {@link #startIgnoringConditionalWrites()}) and event notifications to SQS for objects
 * created over HTTP ({@link #notifyObjectCreated}).
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final BlobStoreContext blobStoreContext;
    private final S3FrontHandler front;
    private final ObjectCreatedEvents events;
    private final URI endpoint;
    private final S3Client client;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext blobStoreContext, S3FrontHandler front,
                       ObjectCreatedEvents events, URI endpoint) {
        this.proxy = proxy;
        this.blobStoreContext = blobStoreContext;
        this.front = front;
        this.events = events;
        this.endpoint = endpoint;
        this.client = newClient(endpoint, RequestCounts.OWN_APP_ID);
    }

    /**
     * S3 as AWS runs it today: PutObject, CopyObject and CompleteMultipartUpload honour {@code If-None-Match: *} and
     * {@code If-Match: <etag>} (412 PreconditionFailed, or 404 NoSuchKey for If-Match on a missing key).
     */
    public static EmbeddedS3 start() {
        return start(true);
    }

    /**
     * An S3-compatible store that ignores conditional writes, as S3Proxy 2.6.0 itself and older MinIO releases do: a
     * PutObject with {@code If-None-Match: *} or {@code If-Match} silently overwrites. For testing that the service
     * notices such a store before it relies on conditional writes.
     */
    public static EmbeddedS3 startIgnoringConditionalWrites() {
        return start(false);
    }

    private static EmbeddedS3 start(boolean enforceConditionalWrites) {
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                // S3Proxy 2.6.0 answers 501 NotImplemented to any x-amz-* header it does not know, which
                // includes the x-amz-checksum-crc32 the SDK sends on DeleteObjects even with checksums
                // "when_required" (that operation requires one).
                .ignoreUnknownHeaders(true)
                .build();
        ObjectCreatedEvents events = new ObjectCreatedEvents();
        S3FrontHandler front = new S3FrontHandler(context.getBlobStore(), enforceConditionalWrites, events);
        try {
            putInFront(proxy, front);
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            stopQuietly(proxy);
            context.close();
            throw new IllegalStateException("S3Proxy failed to start", e);
        }
        return new EmbeddedS3(proxy, context, front, events, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /**
     * S3Proxy keeps its Jetty server private and sets its handler when built; the front handler takes that handler's
     * place and calls it for every request it does not answer itself.
     */
    private static void putInFront(S3Proxy proxy, S3FrontHandler front) throws ReflectiveOperationException {
        Field field = S3Proxy.class.getDeclaredField("server");
        field.setAccessible(true);
        Server server = (Server) field.get(proxy);
        Handler s3proxyHandler = server.getHandler();
        if (s3proxyHandler == null) {
            throw new IllegalStateException("S3Proxy's Jetty server has no handler to put a front handler before");
        }
        front.setHandler(s3proxyHandler);
        server.setHandler(front);
    }

    public URI endpoint() {
        return endpoint;
    }

    public S3Client client() {
        return client;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public void put(String bucket, String key, byte[] bytes) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    public void put(String bucket, String key, String utf8Text) {
        put(bucket, key, utf8Text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes an object straight into the blob store behind S3Proxy, without an HTTP request: for seeding buckets
     * with 100,000s of objects. It lists, reads and carries the same ETag as an object put over S3.
     */
    public void putDirectly(String bucket, String key, byte[] bytes) {
        putDirectly(bucket, key, bytes, false);
    }

    /**
     * As {@link #putDirectly(String, String, byte[])}; with {@code notify} the bucket's notification configurations
     * get an {@code ObjectCreated:Put} event as if the object had been put over HTTP. Without it no event is sent.
     */
    public void putDirectly(String bucket, String key, byte[] bytes, boolean notify) {
        BlobStore store = blobStoreContext.getBlobStore();
        front.locked(bucket, key, () -> {
            store.putBlob(bucket, store.blobBuilder(key).payload(bytes).contentLength(bytes.length).build());
            if (notify) {
                events.objectCreated(new CreatedObject(bucket, key, bytes.length,
                        S3FrontHandler.unquote(store.blobMetadata(bucket, key).getETag()), Creation.PUT,
                        ObjectCreatedEvents.newRequestId(), Instant.now()));
            }
            return null;
        });
    }

    /**
     * From now on every object created in {@code bucket} over HTTP (PutObject, CopyObject, CompleteMultipartUpload,
     * whoever the writer: a test, the Transcribe emulator, the service itself) sends one message to the queue once
     * it is stored, asynchronously as on AWS. In {@link S3EventFormat#S3_NOTIFICATION} format an
     * {@code s3:TestEvent} message goes first, as when a notification configuration is saved. The returned delivery
     * has the fault knobs (drop, duplicate, delay) and counts what was sent.
     */
    public EventDelivery notifyObjectCreated(String bucket, SqsClient sqs, String queueUrl, S3EventFormat format) {
        return notifyObjectCreated(bucket, sqs, queueUrl, format, "");
    }

    /** As {@link #notifyObjectCreated(String, SqsClient, String, S3EventFormat)}, for keys starting with prefix. */
    public EventDelivery notifyObjectCreated(String bucket, SqsClient sqs, String queueUrl, S3EventFormat format,
                                             String prefix) {
        return events.add(bucket, sqs, queueUrl, format, prefix);
    }

    /** Whether conditional writes are honoured ({@link #start()}) or ignored. */
    public boolean enforcesConditionalWrites() {
        return front.enforcesConditions();
    }

    /** Object writes (Put, Copy, CompleteMultipartUpload) received with If-None-Match or If-Match, either mode. */
    public int conditionalWrites() {
        return front.conditionalWrites();
    }

    /** Conditional writes answered 412 PreconditionFailed. */
    public int preconditionFailures() {
        return front.preconditionFailures();
    }

    /**
     * The next {@code count} conditional writes are answered 409 ConditionalRequestConflict, which AWS may answer
     * when conditional writes to one key race (the writer should retry). Not in the ignoring mode.
     */
    public void failNextConditionalWrites(int count) {
        front.failNextConditionalWrites(count);
    }

    /**
     * Requests received so far by operation (LIST, GET, HEAD, PUT, DELETE, POST, OTHER), except those of
     * {@link #client()}, which the helpers here and the Transcribe emulator use: what the code under test sent.
     */
    public SortedMap<String, Integer> requestsByOthers() {
        return front.requestCounts().snapshot();
    }

    /**
     * With {@code on}, plain ListObjectsV2 requests (prefix, max-keys, start-after, continuation-token; no delimiter
     * or encoding-type) are answered from the blob store's sorted keys in time proportional to the page, not by
     * S3Proxy, whose in-memory store copies the metadata of every key under the prefix for each request (seconds
     * per request at 1,000,000 keys). Same keys, ETags, sizes and dates; continuation tokens are opaque as on AWS.
     * For buckets too big for S3Proxy's listing; off by default.
     */
    public void indexedListing(boolean on) {
        front.indexedListing(on ? IndexedListing.of(blobStoreContext.getBlobStore()) : null);
    }

    /** Deletes a bucket and all its objects straight from the blob store (no HTTP, no events), freeing memory. */
    public void deleteBucketDirectly(String bucket) {
        blobStoreContext.getBlobStore().deleteContainer(bucket);
    }

    public Optional<byte[]> get(String bucket, String key) {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public Optional<String> getString(String bucket, String key) {
        return get(bucket, key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    public List<String> keys(String bucket, String prefix) {
        return keys(bucket, prefix, 1000);
    }

    List<String> keys(String bucket, String prefix, int pageSize) {
        List<String> keys = new ArrayList<>();
        boolean truncated;
        do {
            // encoding-type=url: SDK 2.41 does not ask for it by itself, and without it a key holding
            // an XML 1.0-illegal character (e.g. U+0001) makes the listing unparseable. The SDK
            // decodes the keys again. S3Proxy 2.6.0 however also url-encodes NextContinuationToken
            // (its token is the last key) and then takes the encoded token literally, so the next
            // page comes back empty. Paging with StartAfter = last key avoids tokens altogether.
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                    .bucket(bucket)
                    .maxKeys(pageSize)
                    .encodingType(EncodingType.URL);
            if (prefix != null && !prefix.isEmpty()) {
                request.prefix(prefix);
            }
            if (!keys.isEmpty()) {
                request.startAfter(keys.get(keys.size() - 1));
            }
            ListObjectsV2Response page = client.listObjectsV2(request.build());
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            truncated = Boolean.TRUE.equals(page.isTruncated()) && !page.contents().isEmpty();
        } while (truncated);
        return keys;
    }

    public String etag(String bucket, String key) {
        return client.headObject(b -> b.bucket(bucket).key(key)).eTag();
    }

    @Override
    public void close() {
        client.close();
        stopQuietly(proxy);
        events.close();
        blobStoreContext.close();
    }

    /**
     * A client of the caller's own, e.g. to see what a client sees once the server is gone. Its requests count in
     * {@link #requestsByOthers()}.
     */
    public static S3Client newClient(URI endpoint) {
        return newClient(endpoint, null);
    }

    /** With an app id (in the User-Agent as {@code app/<id>}) if not null. */
    private static S3Client newClient(URI endpoint, String appId) {
        S3ClientBuilder builder = S3Client.builder();
        if (appId != null) {
            builder.overrideConfiguration(o -> o.appId(appId));
        }
        return builder
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy state " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // best effort on shutdown
        }
    }
}
