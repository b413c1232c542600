package io.transcribebridge.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A readiness check of a dependency (never liveness: the service is alive while it waits for one). It asks the
 * dependency at most once per {@code interval}; probes in between get the last answer, so frequent probes (several
 * replicas, several probers) do not load S3 or Label Studio. A change of state is logged once: the management
 * server's one-line answer does not say why the service is not ready.
 */
public abstract class CachedReadinessCheck extends AbstractHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger("io.transcribebridge.health");

    private final Duration interval;
    private final Clock clock;
    private Instant checkedAt;
    private String problem;

    protected CachedReadinessCheck(String id, Duration interval, Clock clock) {
        super("transcribe-bridge", id);
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String current = problem();
        if (current == null) {
            builder.up();
        } else {
            builder.down().message(current);
        }
    }

    /** Null when ready, else why not; from the cache unless the last answer is older than the interval. */
    synchronized String problem() {
        if (checkedAt != null && clock.instant().isBefore(checkedAt.plus(interval))) {
            return problem;
        }
        boolean first = checkedAt == null;
        String previous = problem;
        try {
            problem = probe();
        } catch (RuntimeException e) {
            problem = getId() + " check failed: " + e.getClass().getSimpleName();
        }
        checkedAt = clock.instant();
        if (problem != null && (first || previous == null)) {
            LOG.warn("Not ready: {}", problem);
        } else if (problem == null && previous != null) {
            LOG.info("Ready again: {} answers", getId());
        }
        return problem;
    }

    /** Asks the dependency: null when it is usable, else a one-line reason that names no credential. */
    protected abstract String probe();
}
