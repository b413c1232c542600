package io.transcribebridge.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.transcribebridge.testing.ServiceProcess;

/** {@code GET /observe/health} once a second, as a container orchestrator's liveness probe would. */
final class HealthProbe implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-health-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    HealthProbe(ServiceProcess service) {
        timer.scheduleAtFixedRate(() -> {
            probes.incrementAndGet();
            if (service.healthStatus() != 200) {
                failures.incrementAndGet();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    int probes() {
        return probes.get();
    }

    /** Probes not answered 200 (within ServiceProcess's 2 s timeout). */
    int failures() {
        return failures.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
