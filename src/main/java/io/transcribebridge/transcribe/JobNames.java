package io.transcribebridge.transcribe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Derives the Transcribe job name of an S3 object version. The name is a pure function of bucket, key and ETag, so
 * a restarted service computes the same name and a {@code ConflictException} on start means "already submitted".
 * Shape: {@code tb-<readable file name>-<24 hex chars of SHA-256(bucket, key, etag)>}, always matching
 * {@code ^[0-9A-Za-z._-]{1,200}$}. The hash makes names unique across folders and buckets; the readable part only
 * helps people find the job in the console.
 */
public final class JobNames {

    public static final String PREFIX = "tb-";
    public static final Pattern VALID = Pattern.compile("^[0-9A-Za-z._-]{1,200}$");

    private static final int MAX_READABLE = 120;
    private static final Pattern DISALLOWED = Pattern.compile("[^0-9A-Za-z._-]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private JobNames() {
    }

    public static String of(String bucket, String key, String etag) {
        return PREFIX + readable(key) + "-" + hash(bucket, key, normalizeEtag(etag));
    }

    /** S3 returns ETags quoted; listing and HEAD may differ in that, the identity must not. */
    public static String normalizeEtag(String etag) {
        if (etag == null) {
            return "";
        }
        String trimmed = etag.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static String readable(String key) {
        String fileName = key.substring(key.lastIndexOf('/') + 1);
        String ascii = COMBINING_MARKS.matcher(Normalizer.normalize(fileName, Normalizer.Form.NFD)).replaceAll("");
        String cleaned = DISALLOWED.matcher(ascii).replaceAll("_");
        cleaned = cleaned.replaceAll("^[._]+|[._]+$", "");
        if (cleaned.isEmpty()) {
            return "audio";
        }
        return cleaned.length() > MAX_READABLE ? cleaned.substring(0, MAX_READABLE) : cleaned;
    }

    private static String hash(String bucket, String key, String etag) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] { bucket, key, etag }) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
