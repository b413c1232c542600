package io.transcribebridge.review;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EditDistanceTest {

    @Test
    void computesByHand() {
        assertThat(EditDistance.of("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.of("", "abc")).isEqualTo(3);
        assertThat(EditDistance.of("abc", "")).isEqualTo(3);
        assertThat(EditDistance.of("", "")).isZero();
        assertThat(EditDistance.of("same", "same")).isZero();
        // code points, not UTF-16 units: one emoji for another is one substitution
        assertThat(EditDistance.of("a🙂b", "a🙃b")).isEqualTo(1);
    }

    /** Lengths across one and several 64-row blocks, small and large alphabets, against the naive DP. */
    @Test
    void equalsTheNaiveDistanceOnRandomStrings() {
        Random random = new Random(7);
        for (int run = 0; run < 500; run++) {
            int alphabet = run % 3 == 0 ? 2 : run % 3 == 1 ? 5 : 300;
            int maxLength = run < 250 ? 70 : 300;
            int[] a = randomString(random, maxLength, alphabet);
            int[] b = run % 2 == 0 ? randomString(random, maxLength, alphabet) : mutate(random, a, alphabet);

            List<Integer> x = java.util.Arrays.stream(a).boxed().toList();
            List<Integer> y = java.util.Arrays.stream(b).boxed().toList();
            assertThat(EditDistance.of(a, b)).as("run %d", run).isEqualTo(NaiveEditDistance.of(x, y));
            assertThat(EditDistance.of(b, a)).isEqualTo(EditDistance.of(a, b));
        }
    }

    private static int[] randomString(Random random, int maxLength, int alphabet) {
        int[] s = new int[random.nextInt(maxLength + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 'a' + random.nextInt(alphabet);
        }
        return s;
    }

    private static int[] mutate(Random random, int[] s, int alphabet) {
        StringBuilder out = new StringBuilder();
        for (int c : s) {
            int roll = random.nextInt(10);
            if (roll == 0) {
                out.appendCodePoint('a' + random.nextInt(alphabet));
            } else if (roll == 1) {
                out.appendCodePoint(c).appendCodePoint('a' + random.nextInt(alphabet));
            } else if (roll != 2) {
                out.appendCodePoint(c);
            }
        }
        return out.codePoints().toArray();
    }
}
