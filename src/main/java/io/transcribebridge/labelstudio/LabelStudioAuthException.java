package io.transcribebridge.labelstudio;

/**
 * Label Studio refused the configured API key. Not retryable: an operator must fix the key. Messages never contain
 * the key itself.
 */
public class LabelStudioAuthException extends RuntimeException {
    public LabelStudioAuthException(String message) {
        super(message);
    }
}
