package io.transcribebridge.failure;

import io.transcribebridge.labelstudio.ApiKeyKind;
import io.transcribebridge.labelstudio.LabelStudioErrors;
import org.apache.camel.http.base.HttpOperationFailedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The one-line reason a failure record and its log line give for an exception, free of credentials. */
public final class FailureReasons {

    private final ApiKeyKind apiKeyKind;

    public FailureReasons(ApiKeyKind apiKeyKind) {
        this.apiKeyKind = apiKeyKind;
    }

    public String reason(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        if (error instanceof HttpOperationFailedException http) {
            return LabelStudioErrors.describe(http.getStatusCode(), http.getResponseBody(), apiKeyKind);
        }
        if (error instanceof NoSuchKeyException) {
            return "the transcript is missing from the output bucket (deleted by someone or a lifecycle rule?)";
        }
        if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            var details = aws.awsErrorDetails();
            return details.serviceName() + " " + details.errorCode() + ": " + details.errorMessage();
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
