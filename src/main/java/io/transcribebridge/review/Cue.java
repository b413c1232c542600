package io.transcribebridge.review;

/**
 * One subtitle: {@code text} shown from {@code start} to {@code end} seconds.
 *
 * @param label the speaker or channel name shown with the text, null for none
 */
public record Cue(double start, double end, String label, String text) {

    public Cue {
        text = text == null ? "" : text;
    }
}
