package io.transcribebridge.doctor;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3 failures in plain words, naming the setting and the IAM action to change. */
final class BucketAccess {

    private BucketAccess() {
    }

    /**
     * @param what    e.g. "list s3://audio/calls/"
     * @param bucketSetting the environment variable that names the bucket
     * @param action  the IAM action the call needs, e.g. s3:ListBucket
     */
    static String describe(SdkException e, String what, String bucket, String bucketSetting, String action) {
        if (e instanceof NoSuchBucketException) {
            return "cannot " + what + ": bucket '" + bucket + "' does not exist. Check " + bucketSetting
                   + " (and AWS_ENDPOINT_URL_S3 if you use an S3-compatible store).";
        }
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
            String answer = "S3 answered HTTP " + s3.statusCode() + (code == null || code.isBlank() ? "" : " " + code);
            if (s3.statusCode() == 403) {
                return "cannot " + what + " (" + answer + "): the credentials need " + action + " on bucket '"
                       + bucket + "' (see config/iam-policy.json), or the access key is wrong.";
            }
            if (s3.statusCode() == 301 || "PermanentRedirect".equals(code)
                    || "AuthorizationHeaderMalformed".equals(code)) {
                return "cannot " + what + " (" + answer + "): bucket '" + bucket + "' is in another region than "
                       + "AWS_REGION. Set AWS_REGION to the bucket's region (Transcribe needs the media in its own "
                       + "region).";
            }
            return "cannot " + what + " (" + answer + ": " + s3.getMessage() + ")";
        }
        if (e instanceof SdkClientException) {
            return "cannot reach S3 to " + what + ": " + e.getMessage() + ". Check the network, AWS_REGION and "
                   + "AWS_ENDPOINT_URL_S3.";
        }
        return "cannot " + what + ": " + e.getMessage();
    }
}
