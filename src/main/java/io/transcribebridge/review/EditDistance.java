package io.transcribebridge.review;

import java.util.Arrays;

/**
 * The Levenshtein distance (unit costs) of two code point sequences, for the character error rate.
 * <p>
 * A 4-hour deposition is some 250,000 characters a side: 6·10^10 DP cells is far too slow one cell at a time. This
 * is Myers' bit-vector algorithm (1999) in the block form of Hyyrö (2003) for global distance: the DP is kept as
 * vertical deltas of the shorter sequence, 64 rows to a {@code long}, and each character of the longer sequence
 * advances all blocks in O(m/64) word operations, so O(n·m/64) in all, in O(m) memory. The common prefix and suffix
 * are stripped first. The match masks ("Peq") are stored sparsely, only the non-zero blocks of each symbol, so a
 * large alphabet (Chinese) costs no more memory than the length of the sequence.
 */
public final class EditDistance {

    private EditDistance() {
    }

    public static int of(String a, String b) {
        return of(a.codePoints().toArray(), b.codePoints().toArray());
    }

    public static int of(int[] a, int[] b) {
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
            suffix++;
        }
        int[] x = Arrays.copyOfRange(a, prefix, a.length - suffix);
        int[] y = Arrays.copyOfRange(b, prefix, b.length - suffix);
        return x.length <= y.length ? bitParallel(x, y) : bitParallel(y, x);
    }

    /** The distance of {@code pattern} (the rows, the shorter) to {@code text} (the columns). */
    private static int bitParallel(int[] pattern, int[] text) {
        int m = pattern.length;
        if (m == 0) {
            return text.length;
        }
        int blocks = (m + 63) >>> 6;

        // Symbols of the pattern as dense ids; text symbols absent from the pattern get -1 (never equal).
        int[] sortedSymbols = Arrays.stream(pattern).distinct().sorted().toArray();
        int[] patternIds = new int[m];
        for (int i = 0; i < m; i++) {
            patternIds[i] = Arrays.binarySearch(sortedSymbols, pattern[i]);
        }
        // Sparse Peq: for symbol s, entries [start[s], start[s + 1]) of (block, bits), blocks ascending.
        int symbols = sortedSymbols.length;
        int[] start = new int[symbols + 1];
        int[] lastBlock = new int[symbols];
        Arrays.fill(lastBlock, -1);
        for (int i = 0; i < m; i++) {
            int s = patternIds[i];
            if (lastBlock[s] != i >>> 6) {
                lastBlock[s] = i >>> 6;
                start[s + 1]++;
            }
        }
        for (int s = 0; s < symbols; s++) {
            start[s + 1] += start[s];
        }
        int[] entryBlock = new int[start[symbols]];
        long[] entryBits = new long[start[symbols]];
        int[] fill = Arrays.copyOf(start, symbols);
        Arrays.fill(lastBlock, -1);
        for (int i = 0; i < m; i++) {
            int s = patternIds[i];
            int block = i >>> 6;
            if (lastBlock[s] != block) {
                lastBlock[s] = block;
                entryBlock[fill[s]++] = block;
            }
            entryBits[fill[s] - 1] |= 1L << (i & 63);
        }

        long[] pv = new long[blocks];
        long[] mv = new long[blocks];
        Arrays.fill(pv, -1L);
        int lastBit = (m - 1) & 63;
        int score = m;
        for (int c : text) {
            int s = Arrays.binarySearch(sortedSymbols, c);
            int entry = s >= 0 ? start[s] : 0;
            int entryEnd = s >= 0 ? start[s + 1] : 0;
            // Horizontal delta entering the top of the block: +1 along row 0 of a global distance.
            int hin = 1;
            for (int b = 0; b < blocks; b++) {
                long eq = 0;
                if (entry < entryEnd && entryBlock[entry] == b) {
                    eq = entryBits[entry++];
                }
                long p = pv[b];
                long n = mv[b];
                long xv = eq | n;
                if (hin < 0) {
                    eq |= 1L;
                }
                long xh = (((eq & p) + p) ^ p) | eq;
                long ph = n | ~(xh | p);
                long mh = p & xh;
                int bit = b == blocks - 1 ? lastBit : 63;
                int hout = (int) ((ph >>> bit) & 1L) - (int) ((mh >>> bit) & 1L);
                ph <<= 1;
                mh <<= 1;
                if (hin < 0) {
                    mh |= 1L;
                } else if (hin > 0) {
                    ph |= 1L;
                }
                pv[b] = mh | ~(xv | ph);
                mv[b] = ph & xv;
                hin = hout;
            }
            score += hin;
        }
        return score;
    }
}
