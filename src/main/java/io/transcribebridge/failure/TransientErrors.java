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
        if (isThrottlerRace(error)) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws) {
                return isTranscribe(aws) && (aws.isThrottlingException() || isQuota(aws));
            }
        }
        return false;
    }

    /**
     * Camel 4.18's throttle EIP (TotalRequestsThrottler, the Transcribe request budgets of the routes) can fail an
     * exchange with a NullPointerException when its one permit was taken by another exchange and not yet put back
     * (its asynchronous path peeks an empty queue). Seen under load with five replicas on two cores. It says "not now",
     * as throttling does: the step is retried.
     */
    static boolean isThrottlerRace(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof NullPointerException) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    if (frame.getClassName().startsWith("org.apache.camel.processor.TotalRequestsThrottler")) {
                        return true;
                    }
                }
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
