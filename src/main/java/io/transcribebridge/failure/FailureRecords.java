package io.transcribebridge.failure;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.labelstudio.ApiKeyKind;
import io.transcribebridge.labelstudio.LabelStudioErrors;
import org.apache.camel.http.base.HttpOperationFailedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Failure records: one JSON object per source object version that could not become a task, stored at
 * {@code {OUTPUT_PREFIX}failed/<jobName>.json} in the output bucket.
 */
public final class FailureRecords {

    private final ObjectMapper mapper;
    private final String outputPrefix;
    private final ApiKeyKind apiKeyKind;
    private final Clock clock;

    public FailureRecords(ObjectMapper mapper, String outputPrefix, ApiKeyKind apiKeyKind, Clock clock) {
        this.mapper = mapper;
        this.outputPrefix = outputPrefix;
        this.apiKeyKind = apiKeyKind;
        this.clock = clock;
    }

    public String key(String jobName) {
        return outputPrefix + "failed/" + jobName + ".json";
    }

    public String json(SourceObject source, String jobName, String stage, String reason) {
        ObjectNode record = mapper.createObjectNode();
        record.put("bucket", source.bucket());
        record.put("key", source.key());
        record.put("etag", source.etag());
        record.put("sourceUri", source.uri());
        record.put("jobName", jobName);
        record.put("stage", stage);
        record.put("reason", reason);
        record.put("time", clock.instant().toString());
        return record.toPrettyString();
    }

    /** A one-line reason for an exception, free of credentials. */
    public String reason(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        if (error instanceof HttpOperationFailedException http) {
            return LabelStudioErrors.describe(http.getStatusCode(), http.getResponseBody(), apiKeyKind);
        }
        if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            var details = aws.awsErrorDetails();
            return details.serviceName() + " " + details.errorCode() + ": " + details.errorMessage();
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
