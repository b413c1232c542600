package io.transcribebridge.labelstudio;

/** A project's labeling config cannot hold a transcript, or does not match the configured names. */
public class LabelConfigException extends RuntimeException {
    public LabelConfigException(String message) {
        super(message);
    }
}
