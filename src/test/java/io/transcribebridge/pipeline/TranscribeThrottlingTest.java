package io.transcribebridge.pipeline;

import java.util.List;
import java.util.stream.IntStream;

import io.transcribebridge.testing.FaultInjectionTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transcribe throttles 30 % of all calls and runs at most 3 jobs at a time while 20 objects arrive at once: no
 * object may fail for that. Throttling and the job quota are retried without an attempt limit.
 */
class TranscribeThrottlingTest extends FaultInjectionTestSupport {

    private static final int OBJECTS = 20;
    private static final int MAX_RUNNING_JOBS = 3;

    @AfterEach
    void calmTranscribe() {
        transcribe.throttle(0);
        transcribe.maxRunningJobs(250);
    }

    @Test
    void everyObjectBecomesExactlyOneTaskDespiteThrottlingAndTheJobQuota() {
        List<String> keys = IntStream.rangeClosed(1, OBJECTS).mapToObj(i -> "busy/call-" + i + ".wav").toList();
        transcribe.throttle(0.3);
        transcribe.maxRunningJobs(MAX_RUNNING_JOBS);
        long start = System.nanoTime();
        keys.forEach(key -> s3.put(BUCKET, key, "Call " + key + " queued behind the others."));
        awaitCompletionMarkers(keys);
        long millis = (System.nanoTime() - start) / 1_000_000;
        awaitListingPasses(2);

        assertOneTaskEach(keys);
        assertThat(labelStudio.tasks(project)).hasSize(OBJECTS);
        assertThat(failureRecords()).isEmpty();
        assertThat(transcribe.jobNames()).hasSize(OBJECTS);
        int throttled = transcribe.errors("ThrottlingException");
        int overQuota = transcribe.errors("LimitExceededException");
        assertThat(throttled).as("throttled calls").isPositive();
        assertThat(overQuota).as("starts refused by the 3-job quota").isPositive();
        int starts = transcribe.calls("StartTranscriptionJob");
        assertThat(starts).as("every start that was not refused created a job")
                .isLessThanOrEqualTo(OBJECTS + throttled + overQuota).isGreaterThan(OBJECTS);
        assertThat(redeliveries.at("transcribe-start") + redeliveries.at("transcribe-wait"))
                .as("Camel retries (the AWS SDK retried the other throttled calls itself)").isPositive();
        assertThat(labelStudio.importRequests()).as("imports are batched").isBetween(1, OBJECTS - 1);

        report("objects", OBJECTS, "tasks", labelStudio.tasks(project).size(), "failureRecords", failureRecords().size(),
                "transcribeCalls", transcribe.totalCalls(), "startCalls", starts,
                "getCalls", transcribe.calls("GetTranscriptionJob"), "throttledCalls", throttled,
                "quotaRefusals", overQuota, "camelRetries", redeliveries,
                "peakCallsPerSecond", transcribe.peakCallsPerSecond(), "uploadToLastMarkerMs", millis);
    }
}
