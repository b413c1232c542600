package io.transcribebridge.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.transcribebridge.testing.FaultInjectionTestSupport;
import io.transcribebridge.testing.labelstudio.Task;
import io.transcribebridge.transcribe.JobNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Inputs {@link PipelineEndToEndTest} and {@link PipelineFailuresTest} do not cover. */
class BadInputsTest extends FaultInjectionTestSupport {

    /** Exactly 1,000 characters (1,008 UTF-8 bytes, S3 allows 1,024) with spaces, '+', '%' and non-ASCII. */
    private static final String LONG_KEY = longKey();

    private static String longKey() {
        String head = "odd keys/Zürich Gespräch + 100% 日本語/";
        String tail = "/call + 50% off.wav";
        String filler = "a b+c%d ".repeat(200);
        return head + filler.substring(0, 1000 - head.length() - tail.length()) + tail;
    }

    @Test
    void aThousandCharacterKeyWithSpacesPlusPercentAndNonAsciiBecomesOneTask() {
        assertThat(LONG_KEY).hasSize(1000);
        assertThat(LONG_KEY.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(1024);
        int starts = transcribe.calls("StartTranscriptionJob");
        s3.put(BUCKET, LONG_KEY, "A very long name for a short call.");
        awaitCompletionMarkers(List.of(LONG_KEY));
        awaitListingPasses(2);

        assertOneTaskEach(List.of(LONG_KEY));
        Task task = labelStudio.tasks(project).stream()
                .filter(t -> t.data().path("source_uri").asText().equals(uri(LONG_KEY))).findFirst().orElseThrow();
        assertThat(task.data().path("audio").asText()).isEqualTo(uri(LONG_KEY));
        assertThat(task.data().path("transcribe_job").asText()).isEqualTo(jobName(LONG_KEY)).matches(JobNames.VALID);
        assertThat(task.predictions().get(0).path("result").path(0).path("value").path("text").path(0).asText())
                .isEqualTo("A very long name for a short call.");
        assertThat(failureRecord(LONG_KEY)).isEmpty();
        assertThat(transcribe.calls("StartTranscriptionJob")).isEqualTo(starts + 1);

        report("keyChars", LONG_KEY.length(), "keyUtf8Bytes", LONG_KEY.getBytes(StandardCharsets.UTF_8).length,
                "objects", 1, "tasks", tasksFor(LONG_KEY), "failureRecords", failureRecord(LONG_KEY).isPresent() ? 1 : 0,
                "jobName", jobName(LONG_KEY));
    }

    /** The job COMPLETED, but its transcript is gone before it is read, as after a lifecycle rule deleted it. */
    @Test
    void transcriptMissingFromTheOutputBucketIsRecordedWithAClearReason() {
        String key = "gone/transcript-deleted.wav";
        int before = failureRecords().size();
        s3.put(BUCKET, key, "#no-transcript");
        JsonNode record = awaitFailureRecord(key);
        awaitListingPasses(2);

        assertThat(record.path("stage").asText()).isEqualTo("read-transcript");
        assertThat(record.path("reason").asText())
                .isEqualTo("the transcript is missing from the output bucket (deleted by someone or a lifecycle rule?)");
        assertThat(transcribe.status(jobName(key))).contains("COMPLETED");
        assertThat(s3.getString(BUCKET, OUTPUT_PREFIX + "transcripts/" + jobName(key) + ".json")).isEmpty();
        assertThat(failureRecords()).hasSize(before + 1);
        assertThat(tasksFor(key)).isZero();
        assertThat(redeliveries.at("read-transcript")).as("a missing object is not retried").isZero();
        assertThat(transcribe.calls("StartTranscriptionJob")).as("nor started again").isEqualTo(
                transcribe.jobNames().size());

        report("objects", 1, "tasks", tasksFor(key), "failureRecords", failureRecords().size() - before,
                "stage", record.path("stage").asText(), "reason", '"' + record.path("reason").asText() + '"',
                "readTranscriptRetries", redeliveries.at("read-transcript"));
    }
}
