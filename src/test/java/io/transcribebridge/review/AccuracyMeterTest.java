package io.transcribebridge.review;

import java.util.List;

import io.transcribebridge.review.AccuracyMeter.Measurement;
import io.transcribebridge.review.AccuracyMeter.Substitution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AccuracyMeterTest {

    @Test
    void aMissingWord() {
        Measurement measurement = AccuracyMeter.measure("The cat sat on the mat.", "the cat sat on mat");

        Accuracy accuracy = measurement.accuracy();
        assertThat(accuracy.wer()).isCloseTo(1 / 6.0, within(1e-12));
        assertThat(accuracy.referenceWords()).isEqualTo(6);
        assertThat(accuracy.deletions()).isEqualTo(1);
        assertThat(accuracy.substitutions()).isZero();
        assertThat(accuracy.insertions()).isZero();
        // "the cat sat on the mat" (22 characters) loses "the " (4)
        assertThat(accuracy.cer()).isCloseTo(4 / 22.0, within(1e-12));
        assertThat(measurement.corrections()).isEmpty();
    }

    @Test
    void characterErrorRateByHand() {
        // kitten → sitting: k→s, e→i, +g
        Measurement measurement = AccuracyMeter.measure("kitten", "sitting");

        assertThat(measurement.accuracy().cer()).isEqualTo(0.5);
        assertThat(measurement.accuracy().wer()).isEqualTo(1.0);
        assertThat(measurement.corrections()).containsExactly(new Correction("sitting", "kitten", 1));
    }

    @Test
    void cerCountsTheSpacesBetweenWords() {
        // "ab cd" (5 characters) against "abcd": one deleted space
        assertThat(AccuracyMeter.measure("ab cd", "abcd").accuracy().cer()).isEqualTo(0.2);
    }

    @Test
    void normalisationMakesSpellingsOfTheSameTextEqual() {
        assertThat(AccuracyMeter.measure("Don’t stop", "don't stop!").accuracy().wer()).isZero();
        assertThat(AccuracyMeter.measure("'Tis ﬁne", "tis fine").accuracy().wer()).isZero();
        assertThat(AccuracyMeter.measure("Room １０１", "room 101").accuracy().cer()).isZero();
    }

    @Test
    void correctionsAreAggregatedMostFrequentFirst() {
        Measurement measurement = AccuracyMeter.measure("Smith met Smith and Jones at Acme.",
                "smyth met smyth and jonas at acne");

        assertThat(measurement.corrections()).containsExactly(
                new Correction("smyth", "smith", 2),
                new Correction("acne", "acme", 1),
                new Correction("jonas", "jones", 1));
        assertThat(measurement.substitutions()).containsExactly(
                new Substitution(0, 0, "smyth", "smith", "Smith"),
                new Substitution(2, 2, "smyth", "smith", "Smith"),
                new Substitution(4, 4, "jonas", "jones", "Jones"),
                new Substitution(6, 6, "acne", "acme", "Acme"));
    }

    @Test
    void anEmptyReferenceScoresZeroOnlyAgainstAnEmptyHypothesis() {
        assertThat(AccuracyMeter.measure("", "").accuracy()).isEqualTo(new Accuracy(0, 0, 0, 0, 0, 0));
        assertThat(AccuracyMeter.measure(" ... ", "").accuracy().wer()).isZero();
        Accuracy accuracy = AccuracyMeter.measure("", "uh hello").accuracy();
        assertThat(accuracy.wer()).isEqualTo(1.0);
        assertThat(accuracy.cer()).isEqualTo(1.0);
        assertThat(accuracy.insertions()).isEqualTo(2);
    }

    @Test
    void anEmptyHypothesisMissesEverything() {
        Accuracy accuracy = AccuracyMeter.measure("one two", "").accuracy();
        assertThat(accuracy.wer()).isEqualTo(1.0);
        assertThat(accuracy.cer()).isEqualTo(1.0);
        assertThat(accuracy.deletions()).isEqualTo(2);
    }

    @Test
    void identicalTextsHaveNoErrors() {
        RandomWords random = new RandomWords(5);
        for (int run = 0; run < 300; run++) {
            String text = String.join(" ", random.sequence(40));
            Accuracy accuracy = AccuracyMeter.measure(text, text).accuracy();
            assertThat(accuracy.wer()).isZero();
            assertThat(accuracy.cer()).isZero();
            assertThat(accuracy.errors()).isZero();
        }
    }

    @Test
    void errorsEqualTheNaiveDistanceAndCorrectionsComeFromSubstitutions() {
        RandomWords random = new RandomWords(99);
        for (int run = 0; run < 400; run++) {
            List<String> reference = random.sequence(30);
            List<String> hypothesis = run % 2 == 0 ? random.sequence(30)
                    : random.withErrors(reference, random.nextInt(50) / 100.0);
            String referenceText = String.join(" ", reference);
            String hypothesisText = String.join(" ", hypothesis);

            Measurement measurement = AccuracyMeter.measure(referenceText, hypothesisText);

            Accuracy accuracy = measurement.accuracy();
            assertThat(accuracy.errors()).isEqualTo(NaiveEditDistance.of(reference, hypothesis));
            if (!reference.isEmpty()) {
                assertThat(accuracy.wer()).isCloseTo((double) accuracy.errors() / reference.size(), within(1e-12));
                List<Integer> referenceCharacters = referenceText.codePoints().boxed().toList();
                List<Integer> hypothesisCharacters = hypothesisText.codePoints().boxed().toList();
                assertThat(accuracy.cer()).isCloseTo((double) NaiveEditDistance.of(referenceCharacters,
                        hypothesisCharacters) / referenceCharacters.size(), within(1e-12));
            }
            assertThat(measurement.corrections()).allSatisfy(c -> assertThat(c.from()).isNotEqualTo(c.to()));
            assertThat(measurement.corrections().stream().mapToInt(Correction::count).sum())
                    .isEqualTo(accuracy.substitutions());
            assertThat(measurement.substitutions()).hasSize(accuracy.substitutions());
            WordAlignmentTest.assertConsistent(measurement.alignment(), reference, hypothesis);
        }
    }
}
