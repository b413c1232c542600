package io.transcribebridge.testing.transcribe;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts calls per operation, error answers per error type, and calls per wall-clock second (the busiest overall,
 * and each second per operation).
 */
final class CallStats {

    private final Map<String, Integer> perOperation = new HashMap<>();
    private final Map<String, Integer> perErrorType = new HashMap<>();
    private final Map<String, BusiestSecond> busiestPerOperation = new HashMap<>();
    private final BusiestSecond busiest = new BusiestSecond();
    private int total;

    /** Calls in each wall-clock second (epoch second -> calls), and the most seen in any one second. */
    private static final class BusiestSecond {
        private final SortedMap<Long, Integer> perSecond = new TreeMap<>();
        private int peak;

        void record(long second) {
            peak = Math.max(peak, perSecond.merge(second, 1, Integer::sum));
        }
    }

    /** Reads the clock under the lock so that concurrent calls are bucketed in order. */
    synchronized void record(String operation) {
        long epochMillis = System.currentTimeMillis();
        perOperation.merge(operation, 1, Integer::sum);
        total++;
        long second = Math.floorDiv(epochMillis, 1000L);
        busiest.record(second);
        busiestPerOperation.computeIfAbsent(operation, o -> new BusiestSecond()).record(second);
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
        return busiest.peak;
    }

    synchronized int peakPerSecond(String operation) {
        BusiestSecond second = busiestPerOperation.get(operation);
        return second == null ? 0 : second.peak;
    }

    synchronized SortedMap<Long, Integer> perSecond(String operation) {
        BusiestSecond second = busiestPerOperation.get(operation);
        return second == null ? new TreeMap<>() : new TreeMap<>(second.perSecond);
    }
}
