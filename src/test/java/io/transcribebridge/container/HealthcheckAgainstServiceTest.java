package io.transcribebridge.container;

import java.time.Duration;

import io.transcribebridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docker/healthcheck.sh finds the real service's management server at MANAGEMENT_PORT and finds it live. */
class HealthcheckAgainstServiceTest extends BridgeTestSupport {

    @Test
    void theRunningServiceIsHealthy() throws Exception {
        assertThat(HealthcheckScript.run(managementPort, Duration.ofSeconds(5))).isZero();
    }
}
