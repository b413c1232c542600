package io.transcribebridge.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import io.transcribebridge.transcript.OutputPlan.ScoreMethod;

/**
 * ASR confidence figures of a run of items (a region, or the whole transcript). Only spoken words that carry a
 * confidence count: punctuation ("0.0" by convention) and redacted {@code [PII]} words (no ASR confidence) do not.
 *
 * @param words          how many words carry a confidence
 * @param sum            sum of their confidences
 * @param lowest         the lowest confidence; 1 when no word has one
 * @param expectedErrors sum of (1 - confidence): the number of wrong words to expect
 * @param lowConfidence  the words below the threshold asked for, in transcript order
 */
record ConfidenceScore(int words, double sum, double lowest, double expectedErrors,
                              List<TranscriptItem> lowConfidence) {

    private static final double SECONDS_PER_MINUTE = 60;

    public static ConfidenceScore of(List<TranscriptItem> items, int from, int to, double lowConfidenceBelow) {
        int words = 0;
        double sum = 0;
        double lowest = 1;
        double expectedErrors = 0;
        List<TranscriptItem> low = null;
        for (int i = from; i < to; i++) {
            TranscriptItem item = items.get(i);
            Double confidence = item.confidence();
            if (!item.isPronunciation() || confidence == null) {
                continue;
            }
            words++;
            sum += confidence;
            lowest = Math.min(lowest, confidence);
            expectedErrors += 1 - confidence;
            if (confidence < lowConfidenceBelow) {
                if (low == null) {
                    low = new ArrayList<>();
                }
                low.add(item);
            }
        }
        return new ConfidenceScore(words, sum, lowest, expectedErrors, low == null ? List.of() : low);
    }

    public ConfidenceScore {
        lowConfidence = List.copyOf(lowConfidence);
    }

    public OptionalDouble mean() {
        return words == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / words);
    }

    public OptionalDouble min() {
        return words == 0 ? OptionalDouble.empty() : OptionalDouble.of(lowest);
    }

    /** Empty without words or without a known audio length. */
    public OptionalDouble expectedErrorsPerMinute(double audioSeconds) {
        if (words == 0 || !(audioSeconds > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(expectedErrors / (audioSeconds / SECONDS_PER_MINUTE));
    }

    /** The prediction score in [0, 1], higher is better; empty when there is nothing to score (silence). */
    public OptionalDouble score(ScoreMethod method, double audioSeconds) {
        return switch (method) {
            case MEAN -> mean();
            case MIN -> min();
            case ERRORS_PER_MINUTE -> {
                OptionalDouble perMinute = expectedErrorsPerMinute(audioSeconds);
                yield perMinute.isPresent() ? OptionalDouble.of(1 / (1 + perMinute.getAsDouble()))
                        : OptionalDouble.empty();
            }
        };
    }
}
