package io.transcribebridge.transcript;

/** How figures are rounded in the task JSON. */
final class Numbers {

    private Numbers() {
    }

    /** Seconds to the millisecond, the precision Transcribe writes. */
    static double seconds(double value) {
        return Math.round(value * 1_000d) / 1_000d;
    }

    /** Scores and confidences to four decimals. */
    static double score(double value) {
        return Math.round(value * 10_000d) / 10_000d;
    }
}
