package io.transcribebridge.testing.transcribe;

import java.util.Optional;

/** Bucket and key of an {@code s3://bucket/key} media URI. The key is taken literally, never URL-decoded. */
record MediaLocation(String bucket, String key) {

    static Optional<MediaLocation> parse(String uri) {
        if (uri == null || !uri.startsWith("s3://")) {
            return Optional.empty();
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new MediaLocation(rest.substring(0, slash), rest.substring(slash + 1)));
    }

    /** Lower-case file extension of the key, or "" if there is none. */
    String extension() {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        return dot > slash ? key.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
    }
}
