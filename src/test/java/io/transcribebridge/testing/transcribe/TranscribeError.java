package io.transcribebridge.testing.transcribe;

/** An AWS-style error answer: {@code x-amzn-ErrorType} header plus {@code {"__type","Message"}} body. */
final class TranscribeError extends RuntimeException {

    static final String JOB_NOT_FOUND =
            "The requested job couldn't be found. Check the job name and try your request again.";

    private final String type;
    private final int httpStatus;

    TranscribeError(String type, int httpStatus, String message) {
        super(message, null, false, false);
        this.type = type;
        this.httpStatus = httpStatus;
    }

    /** 500 for server faults, 403 for signature problems, 400 for everything else (as AWS does). */
    static TranscribeError of(String type, String message) {
        int status = switch (type) {
            case "InternalFailureException", "ServiceUnavailableException" -> 500;
            case "UnrecognizedClientException", "InvalidSignatureException", "AccessDeniedException" -> 403;
            default -> 400;
        };
        return new TranscribeError(type, status, message);
    }

    /** An unknown vocabulary or vocabulary filter, on Start and on Get ("vocabulary", "vocabulary filter"). */
    static TranscribeError notFound(String what) {
        return badRequest("The requested " + what + " couldn't be found. Check the " + what
                + " name and try your request again.");
    }

    static TranscribeError badRequest(String message) {
        return of("BadRequestException", message);
    }

    String type() {
        return type;
    }

    int httpStatus() {
        return httpStatus;
    }
}
