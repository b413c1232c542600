package io.transcribebridge.claims;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 conditional writes, the only coordination replicas need: {@code PutObject} with {@code If-None-Match: *}
 * (create, S3 answers 412 when the key exists) and with {@code If-Match: <etag>} (replace only what was read, 412
 * when someone else wrote since). A concurrent conditional write may be answered 409 ConditionalRequestConflict:
 * retried a few times, then reported as lost.
 */
public final class ConditionalStore {

    /** A stored object: its body and ETag. */
    public record Stored(String body, String etag) {
    }

    /** A listed key and when it was last written (S3's clock). */
    public record Listed(String key, Instant lastModified) {
    }

    private static final int CONFLICT_RETRIES = 3;

    private final S3Client s3;
    private final String bucket;

    public ConditionalStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Writes {@code body} at {@code key} unless the key exists; the new ETag, or empty if it existed. */
    public Optional<String> create(String key, String body) {
        return put(key, body, null);
    }

    /** Replaces the object at {@code key} if its ETag is still {@code etag}; the new ETag, or empty if not. */
    public Optional<String> replace(String key, String body, String etag) {
        return put(key, body, etag);
    }

    private Optional<String> put(String key, String body, String ifMatch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(s3.putObject(request -> {
                    request.bucket(bucket).key(key).contentType("application/json");
                    if (ifMatch == null) {
                        request.ifNoneMatch("*");
                    } else {
                        request.ifMatch(ifMatch);
                    }
                }, RequestBody.fromString(body, StandardCharsets.UTF_8)).eTag());
            } catch (S3Exception e) {
                int status = e.statusCode();
                if (status == 412 || status == 404 && ifMatch != null) {
                    return Optional.empty();
                }
                if (status == 409 && attempt < CONFLICT_RETRIES) {
                    continue;
                }
                if (status == 409) {
                    return Optional.empty();
                }
                throw e;
            }
        }
    }

    public Optional<Stored> read(String key) {
        try {
            var response = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key));
            return Optional.of(new Stored(response.asUtf8String(), response.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public boolean exists(String key) {
        return etag(key).isPresent();
    }

    /** The ETag of {@code key} (a HEAD), or empty when it does not exist. */
    public Optional<String> etag(String key) {
        return ifExists(() -> s3.headObject(request -> request.bucket(bucket).key(key)).eTag());
    }

    /** The answer of an S3 request about one key, or empty when the key does not exist. */
    public static <T> Optional<T> ifExists(Supplier<T> request) {
        try {
            return Optional.of(request.get());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // a HEAD of a missing key is answered with a bare 404
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void delete(String key) {
        s3.deleteObject(request -> request.bucket(bucket).key(key));
    }

    public List<Listed> list(String prefix) {
        List<Listed> listed = new ArrayList<>();
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()
                .forEach(object -> listed.add(new Listed(object.key(), object.lastModified())));
        return listed;
    }
}
