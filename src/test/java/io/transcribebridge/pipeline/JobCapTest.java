package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import io.transcribebridge.testing.FaultInjectionTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backpressure: with TRANSCRIBE_MAX_RUNNING_JOBS equal to the account's quota, a burst of objects waits at intake
 * instead of starting jobs the quota refuses; each queued object starts as a slot frees.
 */
class JobCapTest extends FaultInjectionTestSupport {

    private static final int OBJECTS = 15;
    private static final int CAP = 3;

    @Override
    protected Properties properties() {
        Properties p = super.properties();
        p.setProperty("transcribe.max-running-jobs", Integer.toString(CAP));
        return p;
    }

    @AfterEach
    void liftQuota() {
        transcribe.maxRunningJobs(250);
        transcribe.runFor(Duration.ofMillis(600));
    }

    @Test
    void aBurstWaitsForFreeSlotsInsteadOfHittingTheQuota() {
        transcribe.maxRunningJobs(CAP);
        transcribe.runFor(Duration.ofMillis(800));
        List<String> keys = IntStream.rangeClosed(1, OBJECTS).mapToObj(i -> "burst/call-" + i + ".wav").toList();
        keys.forEach(key -> s3.put(BUCKET, key, "Call " + key + " waits for a slot."));

        awaitCompletionMarkers(keys);

        assertOneTaskEach(keys);
        assertThat(failureRecords()).isEmpty();
        assertThat(transcribe.errors("LimitExceededException")).as("starts refused by the quota").isZero();
        assertThat(transcribe.calls("StartTranscriptionJob")).as("one start per object").isEqualTo(OBJECTS);
        report("objects", OBJECTS, "cap", CAP, "startCalls", transcribe.calls("StartTranscriptionJob"),
                "quotaRefusals", transcribe.errors("LimitExceededException"),
                "getCalls", transcribe.calls("GetTranscriptionJob"));
    }
}
