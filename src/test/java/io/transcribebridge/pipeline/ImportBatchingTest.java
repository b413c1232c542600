package io.transcribebridge.pipeline;

import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.FaultInjectionTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completed transcripts are imported in batches (here at most 5 tasks or 500 ms), one exchange per object all the
 * same: each object still gets exactly one task, its own completion marker, or its own failure record.
 */
class ImportBatchingTest extends FaultInjectionTestSupport {

    @Override
    protected Properties properties() {
        Properties p = retries(super.properties(), 100, 400, 5);
        p.setProperty("label-studio.batch-size", "5");
        p.setProperty("label-studio.batch-wait-ms", "500");
        return p;
    }

    private static List<String> upload(String folder, int count) {
        List<String> keys = IntStream.rangeClosed(1, count).mapToObj(i -> folder + "/call-" + i + ".wav").toList();
        keys.forEach(key -> s3.put(BUCKET, key, "Batch call " + key + " is done."));
        return keys;
    }

    @Test
    void aBurstOfCompletionsBecomesAFewRequests() {
        int before = labelStudio.importRequests();
        List<String> keys = upload("burst", 12);

        awaitCompletionMarkers(keys);

        assertOneTaskEach(keys);
        int requests = labelStudio.importRequests() - before;
        assertThat(requests).as("12 tasks in batches of at most 5").isBetween(3, 6);
        report("objects", keys.size(), "importRequests", requests);
    }

    @Test
    void aRejectedBatchIsRetriedTaskByTaskSoOnlyTheBadTaskFails() {
        int before = labelStudio.importRequests();
        List<String> keys = upload("rejected", 5);
        // the batch is rejected, then the first task retried alone is rejected again: that one is "the bad task"
        labelStudio.failNextImports(2, 400);

        awaitListingPasses(1);
        Eventually.await(SLOW, "4 tasks and 1 failure record",
                () -> tasksPerSource().size() == 4 && failureRecords().size() == 1);

        assertThat(failureRecords()).hasSize(1);
        String failed = keys.stream().filter(key -> failureRecord(key).isPresent()).findFirst().orElseThrow();
        assertThat(failureRecord(failed).orElseThrow().path("reason").asText()).contains("HTTP 400");
        assertOneTaskEach(keys.stream().filter(key -> !key.equals(failed)).toList());
        int requests = labelStudio.importRequests() - before;
        report("objects", keys.size(), "importRequests", requests, "failureRecords", failureRecords().size());
    }
}
