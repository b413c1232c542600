package io.transcribebridge.health;

import java.time.Clock;
import java.time.Duration;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/** Ready when the source bucket can be listed: one ListObjectsV2 of a single key under the source prefix. */
public final class SourceBucketCheck extends CachedReadinessCheck {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Duration timeout;

    public SourceBucketCheck(S3Client s3, String bucket, String prefix, Duration timeout, Duration interval,
                             Clock clock) {
        super("source-bucket", interval, clock);
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.timeout = timeout;
    }

    @Override
    protected String probe() {
        String where = "s3://" + bucket + "/" + prefix;
        try {
            s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).maxKeys(1)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout)).build());
            return null;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode();
            return "the source bucket " + where + " cannot be listed (S3 answered HTTP " + e.statusCode() + code
                   + ")";
        } catch (SdkClientException e) {
            return "cannot reach the source bucket " + where + ": " + e.getMessage();
        }
    }
}
