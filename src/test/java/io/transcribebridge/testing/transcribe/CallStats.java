package io.transcribebridge.testing.transcribe;

import java.util.HashMap;
import java.util.Map;

/** Counts calls per operation, error answers per error type, and the busiest wall-clock second. */
final class CallStats {

    private final Map<String, Integer> perOperation = new HashMap<>();
    private final Map<String, Integer> perErrorType = new HashMap<>();
    private int total;
    private long currentSecond = Long.MIN_VALUE;
    private int callsThisSecond;
    private int peakPerSecond;

    /** Reads the clock under the lock so that concurrent calls are bucketed in order. */
    synchronized void record(String operation) {
        long epochMillis = System.currentTimeMillis();
        perOperation.merge(operation, 1, Integer::sum);
        total++;
        long second = Math.floorDiv(epochMillis, 1000L);
        if (second != currentSecond) {
            currentSecond = second;
            callsThisSecond = 0;
        }
        callsThisSecond++;
        peakPerSecond = Math.max(peakPerSecond, callsThisSecond);
    }

    synchronized void recordError(String errorType) {
        perErrorType.merge(errorType, 1, Integer::sum);
    }

    synchronized int errors(String errorType) {
        return perErrorType.getOrDefault(errorType, 0);
    }

    synchronized int calls(String operation) {
        return perOperation.getOrDefault(operation, 0);
    }

    synchronized int total() {
        return total;
    }

    synchronized int peakPerSecond() {
        return peakPerSecond;
    }
}
