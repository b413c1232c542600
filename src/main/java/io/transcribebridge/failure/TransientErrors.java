package io.transcribebridge.failure;

import java.io.IOException;
import java.util.Locale;

import io.transcribebridge.labelstudio.ImportBatcher;
import org.apache.camel.http.base.HttpOperationFailedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Which errors are worth retrying: outages, timeouts, throttling and quotas. Everything else (bad input, rejected
 * payloads, wrong credentials) is permanent and becomes a failure record at once.
 */
public final class TransientErrors {

    /**
     * Transcribe saying "not now": request-rate throttling or the concurrent-job quota. These are retried without an
     * attempt limit, because they say nothing about the object and always pass; no object may fail for them.
     */
    public boolean isTranscribeThrottling(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws) {
                return isTranscribe(aws) && (aws.isThrottlingException() || isQuota(aws));
            }
        }
        return false;
    }

    private static boolean isTranscribe(AwsServiceException aws) {
        return aws.awsErrorDetails() != null && "Transcribe".equalsIgnoreCase(aws.awsErrorDetails().serviceName());
    }

    public boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ImportBatcher.BatchRejectedException) {
                return true;
            }
            if (t instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                return status >= 500 || status == 429 || status == 408;
            }
            if (t instanceof AwsServiceException aws) {
                return isTransient(aws);
            }
            if (t instanceof IOException || t instanceof SdkClientException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransient(AwsServiceException aws) {
        if (aws.statusCode() >= 500 || aws.isThrottlingException()) {
            return true;
        }
        return isQuota(aws);
    }

    private static boolean isQuota(AwsServiceException aws) {
        String code = aws.awsErrorDetails() == null ? "" : aws.awsErrorDetails().errorCode();
        if ("LimitExceededException".equals(code)) {
            // the same exception reports "input file is too long", which no retry fixes
            String message = String.valueOf(aws.awsErrorDetails().errorMessage()).toLowerCase(Locale.ROOT);
            return !message.contains("too long");
        }
        return false;
    }
}
