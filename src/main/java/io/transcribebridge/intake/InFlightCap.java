package io.transcribebridge.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Backpressure for the object pipeline: once {@code max} objects are in flight (nearly all of them waiting on a
 * Transcribe job), the route's consumer is suspended, so queued objects wait at intake instead of starting jobs the
 * account's quota would refuse; it resumes as soon as the count falls to {@code resumeAt}.
 * <p>
 * Camel's ThrottlingInflightRoutePolicy only checks when an exchange completes, so a burst would overshoot the cap
 * before the first completion; this checks as each exchange begins.
 */
public final class InFlightCap extends RoutePolicySupport {

    private final int max;
    private final int resumeAt;
    private int inFlight;

    public InFlightCap(int max, int resumeAt) {
        if (max < 1 || resumeAt < 0 || resumeAt >= max) {
            throw new IllegalArgumentException("need 0 <= resumeAt < max, got max " + max + ", resumeAt " + resumeAt);
        }
        this.max = max;
        this.resumeAt = resumeAt;
    }

    @Override
    public synchronized void onExchangeBegin(Route route, Exchange exchange) {
        if (++inFlight >= max) {
            control(() -> suspendOrStopConsumer(route.getConsumer()));
        }
    }

    @Override
    public synchronized void onExchangeDone(Route route, Exchange exchange) {
        if (--inFlight <= resumeAt) {
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
