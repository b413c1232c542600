package io.transcribebridge.doctor;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.transcribe.model.TranscribeException;

/** Transcribe failures in plain words. */
final class TranscribeErrors {

    private TranscribeErrors() {
    }

    static String errorCode(TranscribeException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }

    /** Unknown names: real Transcribe answers BadRequestException, LocalStack NotFoundException, both "couldn't be found". */
    static boolean notFound(TranscribeException e) {
        String code = errorCode(e);
        return ("BadRequestException".equals(code) || "NotFoundException".equals(code))
               && e.getMessage() != null && e.getMessage().contains("couldn't be found");
    }

    static boolean accessDenied(TranscribeException e) {
        return "AccessDeniedException".equals(errorCode(e));
    }

    /** @param action e.g. transcribe:GetTranscriptionJob */
    static String describe(SdkException e, String action) {
        if (e instanceof TranscribeException t) {
            String code = errorCode(t);
            String message = t.awsErrorDetails() == null ? t.getMessage() : t.awsErrorDetails().errorMessage();
            if (accessDenied(t)) {
                return "the credentials may not call " + action + " (AccessDeniedException: " + message + "). Grant "
                       + "the Transcribe actions of config/iam-policy.json.";
            }
            if (code.equals("UnrecognizedClientException") || code.equals("InvalidSignatureException")
                    || code.equals("ExpiredTokenException")) {
                return "Amazon Transcribe refused the credentials (" + code + ": " + message + "). Check the access "
                       + "key, its secret and session token, and AWS_REGION.";
            }
            return "Amazon Transcribe answered HTTP " + t.statusCode() + " " + code + ": " + message;
        }
        if (e instanceof SdkClientException) {
            return "cannot reach Amazon Transcribe: " + e.getMessage() + ". Check the network, AWS_REGION and "
                   + "AWS_ENDPOINT_URL_TRANSCRIBE.";
        }
        return e.getMessage();
    }
}
