package io.transcribebridge.transcript;

/** The transcript file exists but is not a Transcribe transcript this service can read. */
public class MalformedTranscriptException extends RuntimeException {
    public MalformedTranscriptException(String message) {
        super(message);
    }

    public MalformedTranscriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
