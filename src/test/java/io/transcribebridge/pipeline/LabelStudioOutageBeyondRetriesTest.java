package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.FaultInjectionTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Label Studio stays down longer than the retries last: the object gets a failure record at stage {@code import}
 * that names the cause. Deleting the record (with Label Studio back) re-drives the object: its finished Transcribe
 * job is adopted, not run again, and it becomes exactly one task.
 */
class LabelStudioOutageBeyondRetriesTest extends FaultInjectionTestSupport {

    private static final String KEY = "outage/too-long.wav";
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration SCAN_INTERVAL = Duration.ofMillis(1000);

    /** Three retries 100-200 ms apart: the outage outlasts them within half a second. */
    @Override
    protected Properties properties() {
        Properties p = retries(super.properties(), 100, 200, MAX_ATTEMPTS);
        p.setProperty("replay.scan-interval-ms", Long.toString(SCAN_INTERVAL.toMillis()));
        return p;
    }

    @Test
    void outageLongerThanTheRetriesIsRecordedAndReplayAdoptsTheJob() {
        labelStudio.down();
        s3.put(BUCKET, KEY, "Recorded while Label Studio was down.");
        JsonNode record = awaitFailureRecord(KEY);
        assertThat(record.path("stage").asText()).isEqualTo("import");
        assertThat(record.path("reason").asText()).as("the reason names the cause")
                .startsWith("cannot reach Label Studio at " + labelStudio.url()).contains("ConnectException");
        assertThat(redeliveries.at("import")).as("import retries before giving up").isEqualTo(MAX_ATTEMPTS);
        assertThat(failureRecords()).hasSize(1);
        assertThat(tasksPerSource()).isEmpty();
        int retriesBeforeReplay = redeliveries.at("import");

        // replay: Label Studio is back and the operator deletes the record
        labelStudio.up();
        awaitListingPasses(1);
        assertThat(transcribe.calls("StartTranscriptionJob")).as("a failed object is left alone").isEqualTo(1);
        long deleted = System.nanoTime();
        s3.client().deleteObject(b -> b.bucket(BUCKET).key(failureRecordKey(KEY)));
        Eventually.await(SCAN_INTERVAL.plusSeconds(3), "the replayed object imported",
                () -> tasksFor(KEY) == 1);
        long replayMillis = (System.nanoTime() - deleted) / 1_000_000;
        awaitListingPasses(2);

        assertOneTaskEach(List.of(KEY));
        assertThat(labelStudio.tasks(project)).hasSize(1);
        assertThat(failureRecords()).isEmpty();
        assertThat(s3.getString(BUCKET, completionMarkerKey(KEY))).isPresent();
        // adopted: the second StartTranscriptionJob was answered ConflictException, nothing was deleted or re-run
        assertThat(transcribe.jobNames()).containsExactly(jobName(KEY));
        assertThat(transcribe.calls("StartTranscriptionJob")).isEqualTo(2);
        assertThat(transcribe.errors("ConflictException")).isEqualTo(1);
        assertThat(transcribe.calls("DeleteTranscriptionJob")).isZero();
        assertThat(labelStudio.importRequests()).isEqualTo(1);
        assertThat(lookups()).as("an adopted job is looked up before it is imported").isEqualTo(1);
        assertThat(redeliveries.at("import")).isEqualTo(retriesBeforeReplay);

        report("objects", 1, "tasks", labelStudio.tasks(project).size(), "failureRecordsAfterOutage", 1,
                "reason", '"' + record.path("reason").asText() + '"', "importRetries", retriesBeforeReplay,
                "startTranscriptionJobCalls", transcribe.calls("StartTranscriptionJob"),
                "conflicts", transcribe.errors("ConflictException"),
                "transcribeJobs", transcribe.jobNames().size(), "importRequests", labelStudio.importRequests(),
                "lookups", lookups(), "deleteToTaskMs", replayMillis, "scanIntervalMs", SCAN_INTERVAL.toMillis());
    }
}
