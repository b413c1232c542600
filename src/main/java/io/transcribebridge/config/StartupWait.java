package io.transcribebridge.config;

import java.io.IOException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the start-up waits for something that is not reachable yet (compose starts Label Studio and the service at
 * once): the retry backoff of the settings, doubling from {@code retry.initial-delay-ms} up to
 * {@code retry.max-delay-ms}, at most {@code retry.max-attempts} retries (negative: without limit). {@link #none()}
 * asks once, for the one-shot doctor.
 */
public record StartupWait(int retries, Duration initialDelay, Duration maxDelay, ProjectIntrospection.Sleeper sleeper) {

    private static final Logger LOG = LoggerFactory.getLogger(StartupWait.class);

    /** One attempt that may fail for a transient reason (an {@link IOException}). */
    @FunctionalInterface
    public interface Attempt<T> {
        T call() throws IOException;
    }

    /** Every attempt failed; {@link #getCause()} is the last failure. */
    public static final class GaveUp extends Exception {
        private final int attempts;

        GaveUp(int attempts, IOException last) {
            super(last.getMessage(), last);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }

        /** "after 4 attempts" / "after 1 attempt" */
        public String afterAttempts() {
            return "after " + attempts + " attempt" + (attempts == 1 ? "" : "s");
        }
    }

    public static StartupWait of(BridgeSettings settings, ProjectIntrospection.Sleeper sleeper) {
        return new StartupWait(settings.retryMaxAttempts(), settings.retryInitialDelay(), settings.retryMaxDelay(),
                sleeper);
    }

    /** Ask once, do not wait. */
    public static StartupWait none() {
        return new StartupWait(0, Duration.ZERO, Duration.ZERO, duration -> { });
    }

    /**
     * Calls until {@code attempt} succeeds, logging one WARN line per failed attempt before waiting:
     * "{@code notYet} (cause); trying again in n ms".
     */
    public <T> T call(String notYet, Attempt<T> attempt) throws GaveUp {
        Duration delay = initialDelay;
        for (int number = 1; ; number++) {
            try {
                return attempt.call();
            } catch (IOException e) {
                if (retries >= 0 && number > retries) {
                    throw new GaveUp(number, e);
                }
                LOG.warn("{} ({}); trying again in {} ms", notYet, e.getMessage(), delay.toMillis());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting at start-up", interrupted);
                }
                delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
            }
        }
    }
}
