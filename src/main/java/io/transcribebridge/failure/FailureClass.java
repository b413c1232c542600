package io.transcribebridge.failure;

import io.transcribebridge.labelstudio.LabelStudioAuthException;
import io.transcribebridge.transcript.MalformedTranscriptException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Why an object failed, as a small fixed set: the {@code reason} label of the failure metric, where the full reason
 * (which names the job and the service's answer) would make a label of its own per object.
 */
public enum FailureClass {
    /** Transcribe refused to start the job (e.g. a media file that is too long or of a format it cannot read). */
    TRANSCRIBE_REJECTED("transcribe-rejected"),
    /** The job ran and ended FAILED (unreadable or empty media, ...). */
    TRANSCRIBE_FAILED("transcribe-failed"),
    /** The job was still running after transcribe.max-wait-ms. */
    TIMED_OUT("timed-out"),
    /** The job's transcript is not in the output bucket. */
    TRANSCRIPT_MISSING("transcript-missing"),
    /** The transcript could not be read as a Transcribe transcript. */
    MALFORMED_TRANSCRIPT("malformed-transcript"),
    /** Label Studio refused the key (401) or the project to its user (403). */
    LABEL_STUDIO_AUTH("label-studio-auth"),
    /** Label Studio rejected the task (another 4xx). */
    IMPORT_REJECTED("import-rejected"),
    /** S3 refused a request for a reason no retry fixes (access denied, ...). */
    S3_REJECTED("s3-rejected"),
    /** An outage (connection errors, timeouts, 5xx, 429) outlasted retry.max-attempts. */
    OUTAGE("outage"),
    OTHER("other");

    /** Set by the routes when a failure has no exception: a FAILED or timed-out Transcribe job. */
    public static final String PROPERTY = "failureClass";

    private static final TransientErrors TRANSIENT = new TransientErrors();

    private final String label;

    FailureClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The class of a failure the routes labelled themselves ({@link #PROPERTY}), else of its exception. */
    public static FailureClass of(String label, Throwable error) {
        for (FailureClass value : values()) {
            if (value.label.equals(label)) {
                return value;
            }
        }
        return of(error);
    }

    public static FailureClass of(Throwable error) {
        if (error == null) {
            return OTHER;
        }
        if (ObjectHelper.getException(MalformedTranscriptException.class, error) != null) {
            return MALFORMED_TRANSCRIPT;
        }
        if (ObjectHelper.getException(NoSuchKeyException.class, error) != null) {
            return TRANSCRIPT_MISSING;
        }
        HttpOperationFailedException http = ObjectHelper.getException(HttpOperationFailedException.class, error);
        if (ObjectHelper.getException(LabelStudioAuthException.class, error) != null
            || http != null && (http.getStatusCode() == 401 || http.getStatusCode() == 403)) {
            return LABEL_STUDIO_AUTH;
        }
        if (TRANSIENT.isTransient(error)) {
            return OUTAGE;
        }
        if (http != null) {
            return IMPORT_REJECTED;
        }
        AwsServiceException aws = ObjectHelper.getException(AwsServiceException.class, error);
        if (aws != null && aws.awsErrorDetails() != null) {
            return "Transcribe".equalsIgnoreCase(aws.awsErrorDetails().serviceName()) ? TRANSCRIBE_REJECTED
                    : S3_REJECTED;
        }
        return OTHER;
    }
}
