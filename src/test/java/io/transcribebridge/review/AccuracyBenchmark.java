package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.List;

/**
 * How long {@link AccuracyMeter#measure} takes on a 4-hour deposition: 40,000 reference words against a hypothesis
 * with about 10 % word errors. A program, not a test (timings come from benchmarks, never from unit tests):
 * <pre>mvn -o -q test-compile && java -Xmx256m -cp target/classes:target/test-classes \
 *     io.transcribebridge.review.AccuracyBenchmark</pre>
 */
public final class AccuracyBenchmark {

    private AccuracyBenchmark() {
    }

    public static void main(String[] args) {
        int words = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        List<String> vocabulary = new ArrayList<>();
        RandomWords letters = new RandomWords(3, List.of("a", "e", "i", "o", "u", "n", "s", "t", "r", "l", "m"));
        for (int k = 0; k < 3_000; k++) {
            StringBuilder word = new StringBuilder();
            for (int length = 2 + k % 7; length > 0; length--) {
                word.append(letters.word());
            }
            vocabulary.add(word.toString());
        }
        RandomWords random = new RandomWords(11, vocabulary);
        List<String> reference = new ArrayList<>();
        while (reference.size() < words) {
            reference.add(random.word());
        }
        List<String> hypothesis = random.withErrors(reference, 0.10);
        String referenceText = String.join(" ", reference);
        String hypothesisText = String.join(" ", hypothesis);

        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            WordAlignment.Result alignment = WordAlignment.align(reference, hypothesis);
            long t1 = System.nanoTime();
            int characters = EditDistance.of(referenceText, hypothesisText);
            long t2 = System.nanoTime();
            AccuracyMeter.Measurement measurement = AccuracyMeter.measure(referenceText, hypothesisText);
            long t3 = System.nanoTime();
            System.out.printf("round %d: %d vs %d words (%d vs %d chars): word alignment %.2f s (distance %d), "
                            + "character distance %.2f s (%d), measure %.2f s (wer %.4f, cer %.4f)%n",
                    round, reference.size(), hypothesis.size(), referenceText.length(), hypothesisText.length(),
                    (t1 - t0) / 1e9, alignment.distance(), (t2 - t1) / 1e9, characters, (t3 - t2) / 1e9,
                    measurement.accuracy().wer(), measurement.accuracy().cer());
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("heap max %d MB%n", runtime.maxMemory() >> 20);
    }
}
