package io.transcribebridge.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.transcribebridge.testing.FaultInjectionTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Label Studio refuses the configured key for good (401): the object gets a failure record whose reason says why,
 * at once, without retries. Here a revoked Personal Access Token; {@link DisabledLegacyTokenTest} a legacy token
 * after the organization disabled them. ({@link SecretsNeverLeakTest} checks that neither leaks the key.)
 */
class RevokedKeyTest extends FaultInjectionTestSupport {

    private static final String KEY = "refused/key.wav";

    /**
     * After start-up (which read the project with the key), before the routes' first request: the routes' authenticator
     * holds no access token minted earlier.
     */
    protected void refuseKey() {
        labelStudio.revoke(configuredKey);
    }

    protected String expectedReason() {
        return "Label Studio refused the Personal Access Token at /api/token/refresh/ (HTTP 401: Token is "
               + "blacklisted). The token was revoked, has expired or belongs to another Label Studio instance: "
               + "create a new one under Account & Settings.";
    }

    /** POSTs to the import endpoint: none for a PAT, whose refresh fails first. */
    protected int expectedImportRequests() {
        return 0;
    }

    /** Token refreshes after start-up (the start-up project look-up has an authenticator of its own). */
    protected int expectedRefreshRequests() {
        return 1;
    }

    @Test
    void refusedKeyIsRecordedWithItsCauseAndNotRetried() {
        int refreshesAtStartUp = labelStudio.refreshRequests();
        refuseKey();
        s3.put(BUCKET, KEY, "Nobody may import this.");
        JsonNode record = awaitFailureRecord(KEY);
        awaitListingPasses(2);

        assertThat(record.path("stage").asText()).isEqualTo("import");
        assertThat(record.path("reason").asText()).isEqualTo(expectedReason());
        assertThat(failureRecords()).hasSize(1);
        assertThat(tasksPerSource()).isEmpty();
        assertThat(redeliveries.at("import")).as("retries of a refused key").isZero();
        assertThat(labelStudio.importRequests()).isEqualTo(expectedImportRequests());
        assertThat(labelStudio.refreshRequests() - refreshesAtStartUp).isEqualTo(expectedRefreshRequests());
        assertThat(labelStudio.unauthorizedResponses()).isEqualTo(1);

        report("objects", 1, "tasks", 0, "failureRecords", failureRecords().size(),
                "reason", '"' + record.path("reason").asText() + '"', "importRetries", redeliveries.at("import"),
                "importRequests", labelStudio.importRequests(), "refreshRequests", labelStudio.refreshRequests() - refreshesAtStartUp,
                "unauthorizedResponses", labelStudio.unauthorizedResponses());
    }
}
