package io.transcribebridge.transcript;

import java.util.List;

/**
 * Text from items, the way Transcribe writes {@code transcripts[].transcript}: a space before every word but the
 * first, punctuation attached to the word before it.
 * <p>
 * Whitespace rule: region texts are built from their own items, so the regions of a transcript joined with single
 * spaces give its text again once both sides are passed through {@link #normalizeWhitespace(String)}. That holds
 * as long as no region starts with punctuation, which {@link Segmenter} guarantees.
 */
final class ItemText {

    private ItemText() {
    }

    /** The text of {@code items[from, to)}. */
    static String join(List<TranscriptItem> items, int from, int to) {
        StringBuilder text = new StringBuilder((to - from) * 7);
        for (int i = from; i < to; i++) {
            TranscriptItem item = items.get(i);
            if (item.isPronunciation() && !text.isEmpty()) {
                text.append(' ');
            }
            text.append(item.content());
        }
        return text.toString();
    }

    /** Every run of whitespace becomes one space; none at either end. */
    static String normalizeWhitespace(String text) {
        StringBuilder normalized = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = !normalized.isEmpty();
            } else {
                if (pendingSpace) {
                    normalized.append(' ');
                    pendingSpace = false;
                }
                normalized.append(c);
            }
        }
        return normalized.toString();
    }
}
