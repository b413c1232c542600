package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.FaultInjectionTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting the failure record of an object whose Transcribe job FAILED re-drives it: the old job is deleted and
 * started again under the same name. The media is still corrupt, so it fails again and leaves a new record.
 */
class TranscribeFailedReplayTest extends FaultInjectionTestSupport {

    private static final String KEY = "broken/replayed.flac";
    private static final String REASON = "Transcribe job FAILED: The data in your input media file isn't valid. "
                                         + "Check the media file and try your request again.";
    private static final Duration SCAN_INTERVAL = Duration.ofMillis(1000);

    @Override
    protected Properties properties() {
        Properties p = super.properties();
        p.setProperty("replay.scan-interval-ms", Long.toString(SCAN_INTERVAL.toMillis()));
        return p;
    }

    @Test
    void replayDeletesTheFailedJobAndRunsItAgain() {
        s3.put(BUCKET, KEY, "#corrupt");
        JsonNode first = awaitFailureRecord(KEY);
        assertThat(first.path("stage").asText()).isEqualTo("transcribe-wait");
        assertThat(first.path("reason").asText()).isEqualTo(REASON);
        awaitListingPasses(1);
        assertThat(transcribe.calls("StartTranscriptionJob")).isEqualTo(1);

        long deleted = System.nanoTime();
        s3.client().deleteObject(b -> b.bucket(BUCKET).key(failureRecordKey(KEY)));
        Eventually.await(SCAN_INTERVAL.plusSeconds(5), "a new failure record after the replay",
                () -> failureRecord(KEY).filter(r -> !r.path("time").equals(first.path("time"))).isPresent());
        long replayMillis = (System.nanoTime() - deleted) / 1_000_000;
        JsonNode second = awaitFailureRecord(KEY);
        awaitListingPasses(2);

        assertThat(second.path("stage").asText()).isEqualTo("transcribe-wait");
        assertThat(second.path("reason").asText()).isEqualTo(REASON);
        assertThat(failureRecords()).hasSize(1);
        assertThat(tasksPerSource()).isEmpty();
        // first run: Start; replay: Start (ConflictException), Get (FAILED), Delete, Start
        assertThat(transcribe.calls("StartTranscriptionJob")).isEqualTo(3);
        assertThat(transcribe.calls("DeleteTranscriptionJob")).isEqualTo(1);
        assertThat(transcribe.errors("ConflictException")).isEqualTo(1);
        assertThat(transcribe.jobNames()).containsExactly(jobName(KEY));
        assertThat(transcribe.status(jobName(KEY))).contains("FAILED");

        report("objects", 1, "tasks", 0, "failureRecordsEachTime", failureRecords().size(),
                "startCalls", transcribe.calls("StartTranscriptionJob"),
                "conflicts", transcribe.errors("ConflictException"),
                "deleteCalls", transcribe.calls("DeleteTranscriptionJob"),
                "getCalls", transcribe.calls("GetTranscriptionJob"), "deleteToNewRecordMs", replayMillis);
    }
}
