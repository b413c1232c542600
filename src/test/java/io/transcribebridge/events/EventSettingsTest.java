package io.transcribebridge.events;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.transcribebridge.claims.ClaimSettings;
import io.transcribebridge.config.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event queues' and claims' settings, each problem named by its environment variable. */
class EventSettingsTest {

    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/transcribe-bridge-";

    @Test
    void withoutQueuesNothingIsEventDriven() {
        EventSettings settings = EventSettings.load(key -> Optional.empty());

        assertThat(settings.anyQueue()).isFalse();
        assertThat(settings.fallbackPoll()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.handoverReceives()).isEqualTo(3);
        assertThat(settings.listingInterval()).as("listing every s3.poll-interval-ms")
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void withASourceQueueListingIsTheReconciliationSweep() {
        Map<String, String> values = Map.of("source.events-queue-url", QUEUE + "source-events",
                "s3.poll-interval-ms", "2000", "s3.reconcile-interval-ms", "900000");

        EventSettings settings = EventSettings.load(key -> Optional.ofNullable(values.get(key)));

        assertThat(settings.listingInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> EventSettings.load(key -> Optional.ofNullable(Map.of(
                "s3.reconcile-interval-ms", "hourly").get(key))))
                .hasMessageContaining("S3_RECONCILE_INTERVAL_MS must be a positive number of milliseconds");
    }

    @Test
    void aQueueMustBeAUrlAndTheTwoQueuesMustDiffer() {
        Map<String, String> values = Map.of("source.events-queue-url", "transcribe-bridge-source-events",
                "transcribe.events-queue-url", QUEUE + "x");
        assertThatThrownBy(() -> EventSettings.load(key -> Optional.ofNullable(values.get(key))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SOURCE_EVENTS_QUEUE_URL must be a queue URL");

        Map<String, String> same = Map.of("source.events-queue-url", QUEUE + "x",
                "transcribe.events-queue-url", QUEUE + "x");
        assertThatThrownBy(() -> EventSettings.load(key -> Optional.ofNullable(same.get(key))))
                .hasMessageContaining("must be two queues");
    }

    @Test
    void aClaimLeaseMustOutlastAnImport() {
        ClaimSettings claims = ClaimSettings.load(key -> Optional.ofNullable(
                Map.of("claims.lease-ms", "30000").get(key)));

        assertThat(claims.renewInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(claims.problemWith(Duration.ofSeconds(20), Duration.ofSeconds(2))).isEmpty();
        assertThat(claims.problemWith(Duration.ofSeconds(60), Duration.ofSeconds(2))).get().asString()
                .contains("CLAIMS_LEASE_MS (30000) must exceed LABEL_STUDIO_TIMEOUT_MS + LABEL_STUDIO_BATCH_WAIT_MS");
        assertThatThrownBy(() -> ClaimSettings.load(key -> Optional.ofNullable(
                Map.of("claims.lease-ms", "1000").get(key)))).hasMessageContaining("CLAIMS_LEASE_MS must be at least");
    }
}
