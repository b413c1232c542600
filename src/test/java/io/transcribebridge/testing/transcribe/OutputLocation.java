package io.transcribebridge.testing.transcribe;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

/** Where a job's transcript goes, and the TranscriptFileUri that AWS reports for it. */
record OutputLocation(String bucket, String key, String region, boolean serviceBucket) {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * AWS rules: an OutputKey ending in ".json" is the exact key, any other OutputKey is a folder,
     * no OutputKey means {@code <JobName>.json} at the bucket root, and no OutputBucketName means the
     * service-managed bucket.
     */
    static OutputLocation resolve(String jobName, String outputBucket, String outputKey, String region,
            String accountId) {
        if (outputBucket == null) {
            String key = accountId + "/" + jobName + "/" + UUID.randomUUID() + "/asrOutput.json";
            return new OutputLocation(serviceBucketName(region), key, region, true);
        }
        if (outputKey == null) {
            return new OutputLocation(outputBucket, jobName + ".json", region, false);
        }
        if (outputKey.endsWith(".json")) {
            return new OutputLocation(outputBucket, outputKey, region, false);
        }
        String folder = outputKey.endsWith("/") ? outputKey : outputKey + "/";
        return new OutputLocation(outputBucket, folder + jobName + ".json", region, false);
    }

    /**
     * Where the redacted transcript of a PII-redaction job goes: same folder, file name prefixed {@code redacted-}.
     * AWS documents no name for it (client code suggests this prefix, see the reference, section 2); clients must take
     * the location from {@code RedactedTranscriptFileUri}, which is why the emulator does not write it at OutputKey.
     */
    OutputLocation redacted() {
        int slash = key.lastIndexOf('/');
        return new OutputLocation(bucket, key.substring(0, slash + 1) + "redacted-" + key.substring(slash + 1), region,
                serviceBucket);
    }

    static String serviceBucketName(String region) {
        return "aws-transcribe-" + region + "-prod";
    }

    String locationType() {
        return serviceBucket ? "SERVICE_BUCKET" : "CUSTOMER_BUCKET";
    }

    /**
     * Customer bucket: the unsigned path-style URL. Service bucket: a fresh pre-signed-looking URL
     * (15 minutes) on every call, as AWS hands out; it is not fetchable, read the object from S3.
     */
    URI transcriptFileUri(Instant now) {
        String base = "https://s3." + region + ".amazonaws.com/" + bucket + "/" + key;
        if (!serviceBucket) {
            return URI.create(base);
        }
        String date = AMZ_DATE.format(now);
        String credential = "ASIAEMULATORTRANSCRIBE%2F" + date.substring(0, 8) + "%2F" + region + "%2Fs3%2Faws4_request";
        return URI.create(base
                + "?X-Amz-Security-Token=" + sha256Hex("token" + key + date).substring(0, 48)
                + "&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Date=" + date
                + "&X-Amz-SignedHeaders=host"
                + "&X-Amz-Expires=900"
                + "&X-Amz-Credential=" + credential
                + "&X-Amz-Signature=" + sha256Hex(key + date));
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
