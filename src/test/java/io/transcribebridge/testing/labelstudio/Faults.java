package io.transcribebridge.testing.labelstudio;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Scripted failures of the import endpoint. */
final class Faults {

    private record Plan(int remaining, int status, Duration retryAfter) {
    }

    private static final Map<Integer, String> NGINX_STATUS_LINES = Map.of(
            413, "413 Request Entity Too Large",
            502, "502 Bad Gateway",
            503, "503 Service Temporarily Unavailable",
            504, "504 Gateway Time-out");

    private final AtomicReference<Plan> plan = new AtomicReference<>(new Plan(0, 0, Duration.ZERO));
    private volatile Duration importDelay = Duration.ZERO;

    void failNextImports(int count, int httpStatus, Duration retryAfter) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("not an error status: " + httpStatus);
        }
        plan.set(new Plan(count, httpStatus, retryAfter));
    }

    void importDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        this.importDelay = delay;
    }

    /** Consumes one scripted failure, if any is left. */
    Optional<Response> nextImportFault() {
        Plan current = plan.getAndUpdate(p -> p.remaining() > 0 ? new Plan(p.remaining() - 1, p.status(), p.retryAfter()) : p);
        return current.remaining() > 0 ? Optional.of(response(current)) : Optional.empty();
    }

    void sleepBeforeImportAnswer() {
        Duration delay = importDelay;
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Response response(Plan plan) {
        int status = plan.status();
        if (NGINX_STATUS_LINES.containsKey(status)) {
            return Errors.nginx(status, NGINX_STATUS_LINES.get(status));
        }
        if (status == 429) {
            long seconds = Math.max(1, (plan.retryAfter().toMillis() + 999) / 1000);
            String unit = seconds == 1 ? "second" : "seconds";
            return Errors.envelope(429, "Request was throttled. Expected available in " + seconds + " " + unit + ".")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        if (status == 500) {
            return Errors.envelope(500, "Injected failure (LabelStudioEmulator.failNextImports)");
        }
        return Errors.envelope(status, "Injected failure " + status + " (LabelStudioEmulator.failNextImports)");
    }
}
