package io.transcribebridge.failure;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs before each retry of Transcribe throttling and of its job quota ({@code onRedeliveryRef}), which are retried
 * without limit. Camel counts every retry of an exchange in one header, {@code CamelRedeliveryCounter}, bounds the
 * retries of outages ({@code retry.max-attempts}) by it and derives the exponential delay from it. So this keeps a
 * count of its own: it drops Camel's counter (these retries must not use up the attempts of a later outage) and
 * sets the next delay itself ({@code CamelRedeliveryDelay}): doubling from the initial delay up to the maximum, with
 * jitter, so a queue of objects waiting for a job slot does not hammer Transcribe.
 */
public final class ThrottlingBackoff implements Processor {

    static final String RETRIES = "transcribeThrottledRetries";

    private final Duration initialDelay;
    private final Duration maxDelay;

    public ThrottlingBackoff(Duration initialDelay, Duration maxDelay) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    @Override
    public void process(Exchange exchange) {
        int retries = exchange.getProperty(RETRIES, 0, Integer.class) + 1;
        exchange.setProperty(RETRIES, retries);
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_COUNTER);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, nextDelay(retries).toMillis());
    }

    /** After {@code retries} throttled retries: initial x 2^retries, at most the maximum, then +/-15% jitter. */
    Duration nextDelay(int retries) {
        long initial = initialDelay.toMillis();
        long max = maxDelay.toMillis();
        long delay = retries >= 62 || initial << retries > max || initial << retries <= 0 ? max : initial << retries;
        double jitter = 0.85 + 0.3 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(delay * jitter)));
    }
}
