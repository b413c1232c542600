package io.transcribebridge.bench;

import java.util.List;

/** Nearest-rank percentiles. */
final class Percentiles {

    private Percentiles() {
    }

    /** The value at percentile {@code p} (0 to 100) of {@code values}, or -1 if there are none. */
    static long of(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
