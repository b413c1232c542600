package io.transcribebridge.review;

import java.util.List;

/** The textbook full-matrix Levenshtein DP, the reference the fast implementations are checked against. */
final class NaiveEditDistance {

    private NaiveEditDistance() {
    }

    static <T> int of(List<T> a, List<T> b) {
        int[][] d = new int[a.size() + 1][b.size() + 1];
        for (int i = 0; i <= a.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                int substitution = d[i - 1][j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                d[i][j] = Math.min(substitution, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
            }
        }
        return d[a.size()][b.size()];
    }

    /** The fewest substitutions of any alignment with the fewest edits: the DP over (edits, substitutions). */
    static <T> int fewestSubstitutionsOfAnOptimalAlignment(List<T> a, List<T> b) {
        long k = Math.min(a.size(), b.size()) + 1L;
        long[][] d = new long[a.size() + 1][b.size() + 1];
        for (int i = 0; i <= a.size(); i++) {
            d[i][0] = i * k;
        }
        for (int j = 0; j <= b.size(); j++) {
            d[0][j] = j * k;
        }
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                long substitution = d[i - 1][j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : k + 1);
                d[i][j] = Math.min(substitution, Math.min(d[i - 1][j], d[i][j - 1]) + k);
            }
        }
        return (int) (d[a.size()][b.size()] % k);
    }
}
