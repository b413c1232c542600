package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import io.transcribebridge.testing.FaultInjectionTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Label Studio answers imports more slowly than {@code label-studio.timeout-ms}: the service gives up waiting, but
 * Label Studio still creates the task. The retry looks the task up, finds it, and does not import it again.
 */
class LabelStudioSlowImportTest extends FaultInjectionTestSupport {

    private static final int OBJECTS = 3;
    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    private static final Duration IMPORT_DELAY = Duration.ofMillis(1500);

    /**
     * The retry comes {@code TIMEOUT + retry delay} after the POST was sent, at least 1000 + 1000 * 0.85 (Camel's
     * collision avoidance varies a delay by up to 15 %) = 1850 ms, after Label Studio has finished the 1500 ms
     * import. Real Label Studio commits the tasks at the end of that request (the emulator commits them before its
     * delay, so here the look-up would find them at any delay): the look-up only protects against a duplicate if
     * it runs after the slow request finished. The remaining duplicate window is a request that Label Studio
     * finishes later than the retry delay after our timeout; a longer delay narrows it, none closes it.
     */
    @Override
    protected Properties properties() {
        Properties p = retries(super.properties(), 1000, 1000, 3);
        p.setProperty("label-studio.timeout-ms", Long.toString(TIMEOUT.toMillis()));
        return p;
    }

    @Test
    void timedOutImportIsFoundByTheRetryAndNotImportedAgain() {
        List<String> keys = IntStream.rangeClosed(1, OBJECTS).mapToObj(i -> "slow/meeting-" + i + ".wav").toList();
        labelStudio.importDelay(IMPORT_DELAY);
        long start = System.nanoTime();
        keys.forEach(key -> s3.put(BUCKET, key, "Label Studio takes its time with " + key + "."));
        awaitCompletionMarkers(keys);
        long millis = (System.nanoTime() - start) / 1_000_000;
        labelStudio.importDelay(Duration.ZERO);
        awaitListingPasses(2);

        assertOneTaskEach(keys);
        assertThat(labelStudio.tasks(project)).hasSize(OBJECTS);
        assertThat(failureRecords()).isEmpty();
        // the tasks travel in batches: fewer POSTs (each timed out) and look-ups than objects, one retry per object
        assertThat(labelStudio.importRequests()).as("batched POSTs, each timed out").isBetween(1, OBJECTS - 1);
        assertThat(redeliveries.at("import")).as("one retry per object").isEqualTo(OBJECTS);
        assertThat(lookups()).as("batched look-ups before the retried imports").isBetween(1, OBJECTS - 1);
        assertThat(keys).allMatch(key -> s3.getString(BUCKET, completionMarkerKey(key)).orElseThrow()
                .contains("\"foundExistingTask\" : true"));

        report("objects", OBJECTS, "tasks", labelStudio.tasks(project).size(), "failureRecords", failureRecords().size(),
                "importRequests", labelStudio.importRequests(), "lookups", lookups(),
                "importRetries", redeliveries.at("import"), "timeoutMs", TIMEOUT.toMillis(),
                "importDelayMs", IMPORT_DELAY.toMillis(), "uploadToLastMarkerMs", millis);
    }
}
