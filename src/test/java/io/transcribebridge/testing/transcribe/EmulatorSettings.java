package io.transcribebridge.testing.transcribe;

import java.time.Duration;

/** Knobs that tests may change at any time; each job copies the timings it starts with. */
final class EmulatorSettings {

    private volatile Duration queuedFor = Duration.ZERO;
    private volatile Duration runFor = Duration.ofSeconds(1);
    private volatile int maxRunningJobs = 250;
    private volatile String region = "us-east-1";

    Duration queuedFor() {
        return queuedFor;
    }

    void queuedFor(Duration value) {
        queuedFor = requireNotNegative(value);
    }

    Duration runFor() {
        return runFor;
    }

    void runFor(Duration value) {
        runFor = requireNotNegative(value);
    }

    int maxRunningJobs() {
        return maxRunningJobs;
    }

    void maxRunningJobs(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("maxRunningJobs must be >= 0, was " + value);
        }
        maxRunningJobs = value;
    }

    String region() {
        return region;
    }

    void region(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        region = value;
    }

    private static Duration requireNotNegative(Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("duration must be >= 0, was " + value);
        }
        return value;
    }
}
