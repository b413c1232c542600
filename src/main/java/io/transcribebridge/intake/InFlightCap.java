package io.transcribebridge.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Backpressure for the object pipeline: once {@code max} objects are in flight (nearly all of them waiting on a
 * Transcribe job), the route's consumer is suspended, so queued objects wait at intake instead of starting jobs the
 * account's quota would refuse; it resumes as soon as one of their jobs finishes ({@link #jobFinished}) or one of them
 * completes.
 * <p>
 * Camel's ThrottlingInflightRoutePolicy only checks when an exchange completes, so a burst would overshoot the cap
 * before the first completion; this checks as each exchange begins. There is no hysteresis: the cap is what limits
 * throughput (max / job duration), so a slot left free is throughput lost (resuming at 90 % of the cap kept the
 * pipeline at about 96 of 100 on average), and suspending and resuming cost nothing worth saving: a suspended seda
 * consumer only looks again every {@code pollTimeout}.
 */
public final class InFlightCap extends RoutePolicySupport {

    /** Exchange property: this object's job has finished, its slot is already free. */
    static final String SLOT_FREED = "transcribeJobSlotFreed";

    private final int max;
    private int inFlight;
    private Route route;

    public InFlightCap(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("need max >= 1, got " + max);
        }
        this.max = max;
    }

    @Override
    public synchronized void onExchangeBegin(Route route, Exchange exchange) {
        this.route = route;
        if (++inFlight >= max) {
            control(() -> suspendOrStopConsumer(route.getConsumer()));
        }
    }

    @Override
    public synchronized void onExchangeDone(Route route, Exchange exchange) {
        free(exchange);
    }

    /**
     * The object's Transcribe job has finished (or is no longer waited for): its slot goes to the next object at
     * once, without waiting for the import, which holds no Transcribe job (and may wait for its batch).
     */
    public synchronized void jobFinished(Exchange exchange) {
        free(exchange);
    }

    private void free(Exchange exchange) {
        if (Boolean.TRUE.equals(exchange.getProperty(SLOT_FREED, Boolean.class))) {
            return;
        }
        exchange.setProperty(SLOT_FREED, true);
        if (--inFlight < max && route != null) {
            control(() -> resumeOrStartConsumer(route.getConsumer()));
        }
    }

    private interface ConsumerControl {
        boolean run() throws Exception;
    }

    private void control(ConsumerControl action) {
        try {
            action.run();
        } catch (Exception e) {
            handleException(e);
        }
    }

    public synchronized int inFlight() {
        return inFlight;
    }
}
