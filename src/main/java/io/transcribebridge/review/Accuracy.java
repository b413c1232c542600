package io.transcribebridge.review;

/**
 * Word and character error rates of one hypothesis against its reviewed reference (both normalised by
 * {@link TextNormalizer}): {@code wer} = (S + D + I) / N with N = {@code referenceWords}; {@code cer} the same over
 * the normalised strings' characters, spaces included. An empty reference gives 0 with an empty hypothesis, else 1.
 */
public record Accuracy(double wer, double cer, int referenceWords, int substitutions, int deletions, int insertions) {

    public int errors() {
        return substitutions + deletions + insertions;
    }
}
