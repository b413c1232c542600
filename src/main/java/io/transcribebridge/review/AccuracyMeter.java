package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Word and character error rates of a hypothesis (the imported prediction) against its reference (the reviewers'
 * text), both normalised by {@link TextNormalizer}, and the substitutions the reviewers made.
 */
public final class AccuracyMeter {

    private static final Comparator<Correction> MOST_FREQUENT_FIRST = Comparator
            .comparingInt(Correction::count).reversed()
            .thenComparing(Correction::to)
            .thenComparing(Correction::from);

    private AccuracyMeter() {
    }

    /**
     * One substitution of the alignment.
     *
     * @param from      the hypothesis word, normalised
     * @param to        the reference word, normalised
     * @param toDisplay the reference word as the reviewers wrote it ({@link TextNormalizer#displayWords}: their
     *                  spelling and capitals, NFKC and apostrophes folded); {@code to} is its lower case
     */
    public record Substitution(int referenceIndex, int hypothesisIndex, String from, String to, String toDisplay) {
    }

    /**
     * @param corrections   the substitutions aggregated by (from, to), most frequent first, then by to and from
     * @param substitutions every substitution in reference order ({@code corrections} counts these)
     * @param alignment     the word alignment, indexes into {@code referenceWords} and {@code hypothesisWords}
     */
    public record Measurement(Accuracy accuracy, List<Correction> corrections, List<Substitution> substitutions,
                              WordAlignment.Result alignment, List<String> referenceWords,
                              List<String> hypothesisWords) {

        public Measurement {
            corrections = List.copyOf(corrections);
            substitutions = List.copyOf(substitutions);
            referenceWords = List.copyOf(referenceWords);
            hypothesisWords = List.copyOf(hypothesisWords);
        }
    }

    public static Measurement measure(String reference, String hypothesis) {
        List<TextNormalizer.Token> referenceTokens = TextNormalizer.tokens(reference);
        List<String> referenceWords = referenceTokens.stream().map(TextNormalizer.Token::word).toList();
        List<String> hypothesisWords = TextNormalizer.words(hypothesis);
        WordAlignment.Result alignment = WordAlignment.align(referenceWords, hypothesisWords);

        List<Substitution> substitutions = new ArrayList<>(alignment.substitutions());
        for (WordAlignment.Operation operation : alignment.operations()) {
            if (operation.type() == WordAlignment.Type.SUBSTITUTION) {
                TextNormalizer.Token to = referenceTokens.get(operation.referenceIndex());
                substitutions.add(new Substitution(operation.referenceIndex(), operation.hypothesisIndex(),
                        hypothesisWords.get(operation.hypothesisIndex()), to.word(), to.display()));
            }
        }

        Accuracy accuracy = new Accuracy(wer(alignment, referenceWords.size(), hypothesisWords.size()),
                cer(referenceWords, hypothesisWords), referenceWords.size(), alignment.substitutions(),
                alignment.deletions(), alignment.insertions());
        return new Measurement(accuracy, corrections(substitutions), substitutions, alignment, referenceWords,
                hypothesisWords);
    }

    private static double wer(WordAlignment.Result alignment, int referenceWords, int hypothesisWords) {
        if (referenceWords == 0) {
            return hypothesisWords == 0 ? 0 : 1;
        }
        return (double) alignment.distance() / referenceWords;
    }

    /** Over the normalised strings' code points, the single spaces between words included. */
    private static double cer(List<String> referenceWords, List<String> hypothesisWords) {
        int[] reference = String.join(" ", referenceWords).codePoints().toArray();
        int[] hypothesis = String.join(" ", hypothesisWords).codePoints().toArray();
        if (reference.length == 0) {
            return hypothesis.length == 0 ? 0 : 1;
        }
        return (double) EditDistance.of(reference, hypothesis) / reference.length;
    }

    private static List<Correction> corrections(List<Substitution> substitutions) {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (Substitution substitution : substitutions) {
            counts.merge(List.of(substitution.from(), substitution.to()), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .map(entry -> new Correction(entry.getKey().get(0), entry.getKey().get(1), entry.getValue()))
                .sorted(MOST_FREQUENT_FIRST)
                .toList();
    }
}
