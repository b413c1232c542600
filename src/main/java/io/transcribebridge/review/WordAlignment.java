package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Levenshtein alignment (unit costs) of a reference against a hypothesis, with the operations that turn one into
 * the other. Elements are compared with {@code equals}, so it aligns words or, given code points, characters.
 * <p>
 * Memory: a 4-hour deposition is some 40,000 words a side, and a full cost or direction matrix would not fit a
 * small heap. The common prefix and suffix are stripped first (cheap, and reviewed text shares most of itself);
 * the rest is aligned with Hirschberg's algorithm: O(n·m) time, O(n + m) space. Each step computes the last
 * DP row of the upper half of the reference forwards and of the lower half backwards, splits the hypothesis where
 * their sum is smallest and recurses; small blocks are finished with a full matrix.
 * <p>
 * Of the alignments with the fewest edits it returns one with the most matches (the fewest substitutions): for
 * reference {@code the mat} and hypothesis {@code mat today}, a deletion, a match and an insertion rather than two
 * substitutions, which would report the corrections {@code the → mat} and {@code mat → today} and misplace
 * {@code mat} in time. To that end each step costs {@code K·edits + substitutions} with {@code K} above any possible
 * number of substitutions. Remaining ties are broken the same way every time (the first best split point; match
 * or substitution before deletion before insertion in the small blocks), so the alignment is deterministic.
 */
public final class WordAlignment {

    /** Below this many cells a block is aligned with a full matrix. */
    private static final int FULL_MATRIX_CELLS = 1 << 14;

    public enum Type {
        MATCH,
        SUBSTITUTION,
        /** A reference element missing from the hypothesis. */
        DELETION,
        /** An extra hypothesis element. */
        INSERTION
    }

    /**
     * One step of the alignment.
     *
     * @param referenceIndex  the reference element's index, -1 for an insertion
     * @param hypothesisIndex the hypothesis element's index, -1 for a deletion
     */
    public record Operation(Type type, int referenceIndex, int hypothesisIndex) {
    }

    /** The operations in order: both sequences are read from start to end exactly once. */
    public record Result(List<Operation> operations, int matches, int substitutions, int deletions, int insertions) {

        public Result {
            operations = List.copyOf(operations);
        }

        /** The edit distance: substitutions + deletions + insertions. */
        public int distance() {
            return substitutions + deletions + insertions;
        }
    }

    private final int[] reference;
    private final int[] hypothesis;
    /** The cost of a deletion or insertion; a substitution costs one more. */
    private final long indel;
    private final long[] forward;
    private final long[] backward;
    private final List<Operation> operations = new ArrayList<>();

    private WordAlignment(int[] reference, int[] hypothesis) {
        this.reference = reference;
        this.hypothesis = hypothesis;
        this.indel = Math.min(reference.length, hypothesis.length) + 1L;
        this.forward = new long[hypothesis.length + 1];
        this.backward = new long[hypothesis.length + 1];
    }

    public static <T> Result align(List<T> reference, List<T> hypothesis) {
        Map<T, Integer> ids = new HashMap<>();
        int[] ref = intern(reference, ids);
        int[] hyp = intern(hypothesis, ids);
        return align(ref, hyp);
    }

    /** Aligns symbol sequences (word ids, code points). */
    public static Result align(int[] reference, int[] hypothesis) {
        WordAlignment alignment = new WordAlignment(reference, hypothesis);
        int n = reference.length;
        int m = hypothesis.length;
        int prefix = 0;
        while (prefix < n && prefix < m && reference[prefix] == hypothesis[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < n - prefix && suffix < m - prefix
                && reference[n - 1 - suffix] == hypothesis[m - 1 - suffix]) {
            suffix++;
        }
        for (int k = 0; k < prefix; k++) {
            alignment.operations.add(new Operation(Type.MATCH, k, k));
        }
        alignment.solve(prefix, n - suffix, prefix, m - suffix);
        for (int k = suffix; k > 0; k--) {
            alignment.operations.add(new Operation(Type.MATCH, n - k, m - k));
        }
        return summarise(alignment.operations);
    }

    private static <T> int[] intern(List<T> items, Map<T, Integer> ids) {
        int[] result = new int[items.size()];
        for (int k = 0; k < result.length; k++) {
            result[k] = ids.computeIfAbsent(items.get(k), item -> ids.size());
        }
        return result;
    }

    private static Result summarise(List<Operation> operations) {
        int[] counts = new int[Type.values().length];
        for (Operation operation : operations) {
            counts[operation.type().ordinal()]++;
        }
        return new Result(operations, counts[Type.MATCH.ordinal()],
                counts[Type.SUBSTITUTION.ordinal()], counts[Type.DELETION.ordinal()],
                counts[Type.INSERTION.ordinal()]);
    }

    /** Appends the operations aligning {@code reference[r0, r1)} with {@code hypothesis[h0, h1)}. */
    private void solve(int r0, int r1, int h0, int h1) {
        int rows = r1 - r0;
        int columns = h1 - h0;
        if (rows == 0) {
            for (int h = h0; h < h1; h++) {
                operations.add(new Operation(Type.INSERTION, -1, h));
            }
        } else if (columns == 0) {
            for (int r = r0; r < r1; r++) {
                operations.add(new Operation(Type.DELETION, r, -1));
            }
        } else if (rows == 1 || (long) rows * columns <= FULL_MATRIX_CELLS) {
            fullMatrix(r0, r1, h0, h1);
        } else {
            int middle = r0 + rows / 2;
            forwardRow(r0, middle, h0, h1);
            backwardRow(middle, r1, h0, h1);
            int split = 0;
            long best = Long.MAX_VALUE;
            for (int j = 0; j <= columns; j++) {
                long cost = forward[j] + backward[j];
                if (cost < best) {
                    best = cost;
                    split = j;
                }
            }
            solve(r0, middle, h0, h0 + split);
            solve(middle, r1, h0 + split, h1);
        }
    }

    /** {@code forward[j]}: the cost of aligning {@code reference[r0, r1)} with {@code hypothesis[h0, h0 + j)}. */
    private void forwardRow(int r0, int r1, int h0, int h1) {
        int columns = h1 - h0;
        long[] row = forward;
        long substitution = indel + 1;
        for (int j = 0; j <= columns; j++) {
            row[j] = j * indel;
        }
        for (int r = r0; r < r1; r++) {
            int symbol = reference[r];
            long diagonal = row[0];
            long left = diagonal + indel;
            row[0] = left;
            for (int j = 1; j <= columns; j++) {
                long up = row[j];
                long cost = diagonal + (hypothesis[h0 + j - 1] == symbol ? 0 : substitution);
                left = Math.min(cost, Math.min(up, left) + indel);
                row[j] = left;
                diagonal = up;
            }
        }
    }

    /** {@code backward[j]}: the cost of aligning {@code reference[r0, r1)} with {@code hypothesis[h0 + j, h1)}. */
    private void backwardRow(int r0, int r1, int h0, int h1) {
        int columns = h1 - h0;
        long[] row = backward;
        long substitution = indel + 1;
        for (int j = columns; j >= 0; j--) {
            row[j] = (columns - j) * indel;
        }
        for (int r = r1 - 1; r >= r0; r--) {
            int symbol = reference[r];
            long diagonal = row[columns];
            long right = diagonal + indel;
            row[columns] = right;
            for (int j = columns - 1; j >= 0; j--) {
                long down = row[j];
                long cost = diagonal + (hypothesis[h0 + j] == symbol ? 0 : substitution);
                right = Math.min(cost, Math.min(down, right) + indel);
                row[j] = right;
                diagonal = down;
            }
        }
    }

    private void fullMatrix(int r0, int r1, int h0, int h1) {
        int rows = r1 - r0;
        int columns = h1 - h0;
        int width = columns + 1;
        long substitution = indel + 1;
        long[] cost = new long[(rows + 1) * width];
        for (int j = 0; j <= columns; j++) {
            cost[j] = j * indel;
        }
        for (int i = 1; i <= rows; i++) {
            cost[i * width] = i * indel;
            int symbol = reference[r0 + i - 1];
            for (int j = 1; j <= columns; j++) {
                long diagonal = cost[(i - 1) * width + j - 1]
                        + (hypothesis[h0 + j - 1] == symbol ? 0 : substitution);
                long other = Math.min(cost[(i - 1) * width + j], cost[i * width + j - 1]) + indel;
                cost[i * width + j] = Math.min(diagonal, other);
            }
        }
        List<Operation> reversed = new ArrayList<>(rows + columns);
        int i = rows;
        int j = columns;
        while (i > 0 || j > 0) {
            long here = cost[i * width + j];
            if (i > 0 && j > 0) {
                boolean same = reference[r0 + i - 1] == hypothesis[h0 + j - 1];
                if (here == cost[(i - 1) * width + j - 1] + (same ? 0 : substitution)) {
                    reversed.add(new Operation(same ? Type.MATCH : Type.SUBSTITUTION, r0 + i - 1, h0 + j - 1));
                    i--;
                    j--;
                    continue;
                }
            }
            if (i > 0 && here == cost[(i - 1) * width + j] + indel) {
                reversed.add(new Operation(Type.DELETION, r0 + i - 1, -1));
                i--;
            } else {
                reversed.add(new Operation(Type.INSERTION, -1, h0 + j - 1));
                j--;
            }
        }
        Collections.reverse(reversed);
        operations.addAll(reversed);
    }
}
