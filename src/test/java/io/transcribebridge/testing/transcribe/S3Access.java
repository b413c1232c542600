package io.transcribebridge.testing.transcribe;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The emulator's S3 traffic: reading media at Start and writing transcripts on completion. */
final class S3Access {

    private final S3Client s3;
    private final Set<String> ensuredBuckets = ConcurrentHashMap.newKeySet();

    S3Access(S3Client s3) {
        this.s3 = s3;
    }

    /** The object's bytes, or empty if the bucket or key does not exist. */
    Optional<byte[]> read(MediaLocation media) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(media.bucket()).key(media.key())).asByteArray());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    boolean bucketExists(String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    void write(OutputLocation location, byte[] json) {
        if (location.serviceBucket()) {
            ensureBucket(location.bucket());
        }
        s3.putObject(b -> b.bucket(location.bucket()).key(location.key()).contentType("application/json"),
                RequestBody.fromBytes(json));
    }

    private void ensureBucket(String bucket) {
        if (ensuredBuckets.contains(bucket)) {
            return;
        }
        try {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
        ensuredBuckets.add(bucket);
    }
}
