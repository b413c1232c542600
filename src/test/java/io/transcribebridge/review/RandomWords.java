package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random word sequences over a small vocabulary, and copies of them with random word errors. */
final class RandomWords {

    static final List<String> VOCABULARY = List.of("the", "a", "cat", "sat", "on", "mat", "dog", "ran", "to",
            "and", "it", "was");

    private final Random random;
    private final List<String> vocabulary;

    RandomWords(long seed) {
        this(seed, VOCABULARY);
    }

    RandomWords(long seed, List<String> vocabulary) {
        this.random = new Random(seed);
        this.vocabulary = vocabulary;
    }

    List<String> sequence(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        List<String> words = new ArrayList<>(length);
        for (int k = 0; k < length; k++) {
            words.add(word());
        }
        return words;
    }

    /** A copy where each word is substituted, dropped or followed by an extra word with the given probability. */
    List<String> withErrors(List<String> words, double errorRate) {
        List<String> result = new ArrayList<>(words.size());
        for (String word : words) {
            double roll = random.nextDouble();
            if (roll < errorRate / 3) {
                result.add(word());
            } else if (roll < 2 * errorRate / 3) {
                continue;
            } else if (roll < errorRate) {
                result.add(word);
                result.add(word());
            } else {
                result.add(word);
            }
        }
        return result;
    }

    String word() {
        return vocabulary.get(random.nextInt(vocabulary.size()));
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
