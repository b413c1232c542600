package io.transcribebridge.intake;

/**
 * One version of a user's audio object. Never modified by this service.
 */
public record SourceObject(String bucket, String key, String etag, long size) {

    /** The URI Transcribe reads and Label Studio resolves; the key is used as-is, not URL-encoded. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return uri();
    }
}
