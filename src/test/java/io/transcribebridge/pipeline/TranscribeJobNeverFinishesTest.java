package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.transcribebridge.testing.FaultInjectionTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Transcribe job that stays QUEUED for an hour: after {@code transcribe.max-wait-ms} the object gets a failure
 * record saying so, and the service stops asking about the job.
 */
class TranscribeJobNeverFinishesTest extends FaultInjectionTestSupport {

    private static final String KEY = "stuck/forever-queued.wav";
    private static final Duration MAX_WAIT = Duration.ofMillis(2000);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    @Override
    protected Properties properties() {
        Properties p = super.properties();
        p.setProperty("transcribe.max-wait-ms", Long.toString(MAX_WAIT.toMillis()));
        p.setProperty("transcribe.poll-interval-ms", Long.toString(POLL_INTERVAL.toMillis()));
        return p;
    }

    @AfterEach
    void jobsRunAgain() {
        transcribe.queuedFor(Duration.ZERO);
    }

    @Test
    void jobStillQueuedAfterTheWaitLimitIsRecordedAndNoLongerPolled() {
        transcribe.queuedFor(Duration.ofHours(1));
        long start = System.nanoTime();
        s3.put(BUCKET, KEY, "Nobody will ever transcribe this.");
        JsonNode record = awaitFailureRecord(KEY);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(record.path("stage").asText()).isEqualTo("transcribe-wait");
        assertThat(record.path("reason").asText())
                .isEqualTo("Transcribe job " + jobName(KEY) + " was still QUEUED after PT2S; stopped waiting for it");
        assertThat(millis).as("recorded after the wait limit, not much later").isBetween(MAX_WAIT.toMillis(), 8_000L);
        int polls = transcribe.calls("GetTranscriptionJob");

        // ten more poll intervals and two more listing passes: nobody asks about the job again, or starts it again
        sleep(POLL_INTERVAL.multipliedBy(10));
        awaitListingPasses(2);
        assertThat(transcribe.calls("GetTranscriptionJob")).as("GetTranscriptionJob calls after the record")
                .isEqualTo(polls);
        assertThat(transcribe.calls("StartTranscriptionJob")).isEqualTo(1);
        assertThat(transcribe.status(jobName(KEY))).contains("QUEUED");
        assertThat(failureRecords()).hasSize(1);
        assertThat(tasksPerSource()).isEmpty();

        report("objects", 1, "tasks", 0, "failureRecords", failureRecords().size(),
                "reason", '"' + record.path("reason").asText() + '"', "getCallsUntilRecord", polls,
                "getCallsTwoSecondsLater", transcribe.calls("GetTranscriptionJob"),
                "startCalls", transcribe.calls("StartTranscriptionJob"), "uploadToRecordMs", millis,
                "maxWaitMs", MAX_WAIT.toMillis());
    }
}
