package io.transcribebridge.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs docker/healthcheck.sh the way Docker's HEALTHCHECK does (the file itself, its shebang picks bash). */
final class HealthcheckScript {

    static final Path SCRIPT = Path.of("docker/healthcheck.sh").toAbsolutePath();

    private HealthcheckScript() {
    }

    /** The script's exit code against 127.0.0.1:{@code port}; fails if it runs longer than {@code limit}. */
    static int run(int port, Duration limit) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(port));
        builder.environment().put("HEALTHCHECK_TIMEOUT_SECONDS", "1");
        Process process = builder.start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the health check ran longer than " + limit);
        }
        return process.exitValue();
    }
}
