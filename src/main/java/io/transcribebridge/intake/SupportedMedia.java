package io.transcribebridge.intake;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The media formats Amazon Transcribe accepts (its MediaFormat enum), recognised by file extension,
 * case-insensitively.
 */
public final class SupportedMedia {

    private static final Set<String> FORMATS = Set.of("mp3", "mp4", "wav", "flac", "ogg", "amr", "webm", "m4a");

    private SupportedMedia() {
    }

    public static Optional<String> formatOf(String key) {
        if (key == null || key.endsWith("/")) {
            return Optional.empty();
        }
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        if (dot <= slash + 1 || dot == key.length() - 1) {
            return Optional.empty();
        }
        String extension = key.substring(dot + 1).toLowerCase(Locale.ROOT);
        return FORMATS.contains(extension) ? Optional.of(extension) : Optional.empty();
    }

    public static boolean isSupported(String key) {
        return formatOf(key).isPresent();
    }
}
