package io.transcribebridge.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Counts the retries Camel's error handler makes ({@link CamelEvent.ExchangeRedeliveryEvent}), by the pipeline
 * stage the exchange was in (its {@code stage} property: {@code transcribe-start}, {@code import}, ...).
 */
public final class Redeliveries extends EventNotifierSupport {

    private final Map<String, AtomicInteger> byStage = new ConcurrentHashMap<>();

    /** Registers a new counter with a started context. */
    public static Redeliveries countIn(CamelContext context) {
        Redeliveries redeliveries = new Redeliveries();
        redeliveries.setCamelContext(context);
        ServiceHelper.startService(redeliveries);
        context.getManagementStrategy().addEventNotifier(redeliveries);
        return redeliveries;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeRedeliveryEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeRedeliveryEvent redelivery) {
            String stage = redelivery.getExchange().getProperty("stage", "none", String.class);
            byStage.computeIfAbsent(stage, s -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Retries made at {@code stage} so far. */
    public int at(String stage) {
        AtomicInteger count = byStage.get(stage);
        return count == null ? 0 : count.get();
    }

    public int total() {
        return byStage.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public String toString() {
        Map<String, Integer> sorted = new TreeMap<>();
        byStage.forEach((stage, count) -> sorted.put(stage, count.get()));
        return sorted.toString();
    }
}
