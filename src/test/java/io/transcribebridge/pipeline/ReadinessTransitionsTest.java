package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.Properties;

import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.ManagementEndpoints;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness follows the dependencies, liveness does not: while Label Studio is unreachable (or refuses the key) the
 * service is not ready, with the cause named in the full health report, and it is live all along; once Label Studio
 * answers again it is ready again, without a restart.
 */
class ReadinessTransitionsTest extends BridgeTestSupport {

    private static final String READY = "/observe/health/ready";
    private static final String LIVE = "/observe/health/live";
    private static final Duration CHANGE = Duration.ofSeconds(10);

    private final ManagementEndpoints management = new ManagementEndpoints(managementPort);

    @Override
    protected Properties properties() {
        Properties p = super.properties();
        p.setProperty("health.check-interval-ms", "200");
        p.setProperty("health.timeout-ms", "2000");
        return p;
    }

    @Test
    void labelStudioDownMeansNotReadyButLiveAndBackMeansReady() {
        Eventually.await(SLOW, "ready after start-up", () -> management.status(READY) == 200);
        assertThat(management.status(LIVE)).isEqualTo(200);
        assertThat(management.status("/observe/health")).isEqualTo(200);

        labelStudio.down();
        try {
            Eventually.await(CHANGE, "not ready while Label Studio is down", () -> management.status(READY) == 503);
            String report = management.get(READY + "?exposureLevel=full").body();
            assertThat(report).contains("\"name\":\"label-studio\"", "cannot reach Label Studio")
                    .doesNotContain(configuredKey);
            assertThat(management.status("/observe/health")).as("the overall status").isEqualTo(503);
            // live for the whole outage: several check intervals, probed all along
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                assertThat(management.status(LIVE)).isEqualTo(200);
                assertThat(management.status(READY)).isEqualTo(503);
                sleep(100);
            }
        } finally {
            labelStudio.up();
        }

        Eventually.await(CHANGE, "ready once Label Studio is back", () -> management.status(READY) == 200);
        assertThat(management.status(LIVE)).isEqualTo(200);
        assertThat(management.get(READY + "?exposureLevel=full").body()).contains("\"name\":\"label-studio\"")
                .doesNotContain("DOWN");
    }

    @Test
    void aKeyLabelStudioNoLongerAcceptsMeansNotReady() {
        Eventually.await(SLOW, "ready after start-up", () -> management.status(READY) == 200);

        labelStudio.revoke(configuredKey);
        labelStudio.invalidateIssuedAccessTokens();

        Eventually.await(CHANGE, "not ready once the key is refused", () -> management.status(READY) == 503);
        assertThat(management.status(LIVE)).isEqualTo(200);
        assertThat(management.get(READY + "?exposureLevel=full").body())
                .contains("\"name\":\"label-studio\"", "Label Studio refused the Personal Access Token")
                .doesNotContain(configuredKey);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
