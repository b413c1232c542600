package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.List;

import io.transcribebridge.review.WordAlignment.Operation;
import io.transcribebridge.review.WordAlignment.Result;
import io.transcribebridge.review.WordAlignment.Type;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordAlignmentTest {

    @Test
    void alignsByHand() {
        Result result = WordAlignment.align(List.of("the", "cat", "sat", "on", "the", "mat"),
                List.of("the", "cat", "sad", "on", "mat", "today"));

        assertThat(result.operations()).containsExactly(
                new Operation(Type.MATCH, 0, 0),
                new Operation(Type.MATCH, 1, 1),
                new Operation(Type.SUBSTITUTION, 2, 2),
                new Operation(Type.MATCH, 3, 3),
                new Operation(Type.DELETION, 4, -1),
                new Operation(Type.MATCH, 5, 4),
                new Operation(Type.INSERTION, -1, 5));
        assertThat(result.distance()).isEqualTo(3);
        assertThat(result.matches()).isEqualTo(4);
    }

    @Test
    void alignsEmptySequences() {
        assertThat(WordAlignment.align(List.of(), List.of()).operations()).isEmpty();
        assertThat(WordAlignment.align(List.of("a", "b"), List.of()).deletions()).isEqualTo(2);
        assertThat(WordAlignment.align(List.of(), List.of("a", "b")).insertions()).isEqualTo(2);
    }

    @Test
    void alignsCharactersToo() {
        List<Integer> kitten = "kitten".codePoints().boxed().toList();
        List<Integer> sitting = "sitting".codePoints().boxed().toList();

        Result result = WordAlignment.align(kitten, sitting);

        assertThat(result.distance()).isEqualTo(3);
        assertThat(result.substitutions()).isEqualTo(2);
        assertThat(result.insertions()).isEqualTo(1);
    }

    @Test
    void identicalSequencesAreAllMatches() {
        RandomWords random = new RandomWords(1);
        for (int run = 0; run < 300; run++) {
            List<String> words = random.sequence(60);
            Result result = WordAlignment.align(words, new ArrayList<>(words));
            assertThat(result.distance()).isZero();
            assertThat(result.matches()).isEqualTo(words.size());
        }
    }

    /** Two substitutions would cost as much, but a match is kept where there is one. */
    @Test
    void prefersMatchesAmongEquallyGoodAlignments() {
        Result result = WordAlignment.align(List.of("the", "mat"), List.of("mat", "today"));

        assertThat(result.operations()).containsExactly(
                new Operation(Type.DELETION, 0, -1),
                new Operation(Type.MATCH, 1, 0),
                new Operation(Type.INSERTION, -1, 1));
    }

    /** Small inputs (full matrix blocks) and larger ones (Hirschberg splits) against the naive DP. */
    @Test
    void costEqualsTheNaiveDistanceAndOperationsRebuildBothSequences() {
        RandomWords random = new RandomWords(42);
        for (int run = 0; run < 400; run++) {
            int maxLength = run < 300 ? 25 : 400;
            List<String> reference = random.sequence(maxLength);
            List<String> hypothesis = run % 2 == 0 ? random.sequence(maxLength)
                    : random.withErrors(reference, random.nextInt(60) / 100.0);

            Result result = WordAlignment.align(reference, hypothesis);

            assertThat(result.distance()).as("run %d", run).isEqualTo(NaiveEditDistance.of(reference, hypothesis));
            assertThat(result.substitutions()).as("run %d", run)
                    .isEqualTo(NaiveEditDistance.fewestSubstitutionsOfAnOptimalAlignment(reference, hypothesis));
            assertConsistent(result, reference, hypothesis);
        }
    }

    static void assertConsistent(Result result, List<String> reference, List<String> hypothesis) {
        List<String> rebuiltReference = new ArrayList<>();
        List<String> rebuiltHypothesis = new ArrayList<>();
        int[] counts = new int[Type.values().length];
        for (Operation operation : result.operations()) {
            counts[operation.type().ordinal()]++;
            switch (operation.type()) {
                case MATCH, SUBSTITUTION -> {
                    String r = reference.get(operation.referenceIndex());
                    String h = hypothesis.get(operation.hypothesisIndex());
                    assertThat(r.equals(h)).isEqualTo(operation.type() == Type.MATCH);
                    rebuiltReference.add(r);
                    rebuiltHypothesis.add(h);
                    assertThat(operation.referenceIndex()).isEqualTo(rebuiltReference.size() - 1);
                    assertThat(operation.hypothesisIndex()).isEqualTo(rebuiltHypothesis.size() - 1);
                }
                case DELETION -> {
                    assertThat(operation.hypothesisIndex()).isEqualTo(-1);
                    rebuiltReference.add(reference.get(operation.referenceIndex()));
                    assertThat(operation.referenceIndex()).isEqualTo(rebuiltReference.size() - 1);
                }
                case INSERTION -> {
                    assertThat(operation.referenceIndex()).isEqualTo(-1);
                    rebuiltHypothesis.add(hypothesis.get(operation.hypothesisIndex()));
                    assertThat(operation.hypothesisIndex()).isEqualTo(rebuiltHypothesis.size() - 1);
                }
            }
        }
        assertThat(rebuiltReference).isEqualTo(reference);
        assertThat(rebuiltHypothesis).isEqualTo(hypothesis);
        assertThat(counts).containsExactly(result.matches(), result.substitutions(), result.deletions(),
                result.insertions());
    }
}
