package io.transcribebridge.failure;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs before each retry of Transcribe throttling and of its job quota ({@code onRedeliveryRef}). Camel counts
 * every retry of an exchange in one header, {@code CamelRedeliveryCounter}, and bounds the retries of outages
 * ({@code retry.max-attempts}) by it; forgetting the count here keeps these unlimited retries from using up the
 * attempts of a later outage.
 */
public final class UncountedRetry implements Processor {

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_COUNTER);
    }
}
