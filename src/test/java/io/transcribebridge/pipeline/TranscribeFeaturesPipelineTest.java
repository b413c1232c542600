package io.transcribebridge.pipeline;

import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.labelstudio.Task;
import io.transcribebridge.transcribe.JobNames;
import io.transcribebridge.transcript.OutputPlan;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.transcribe.TranscribeClient;
import software.amazon.awssdk.services.transcribe.model.RedactionOutput;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJob;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transcribe features switched on through settings reach the jobs, and with PII redaction the task gets the redacted
 * transcript, read from where the job says it is ({@code RedactedTranscriptFileUri}, which the emulator puts next to
 * the OutputKey as {@code redacted-<job>.json}).
 */
class TranscribeFeaturesPipelineTest extends BridgeTestSupport {

    private static final String KEY = "calls/support.wav";

    @Override
    protected Properties properties() {
        Properties p = super.properties();
        p.setProperty("transcribe.redact-pii", "true");
        p.setProperty("transcribe.speaker-labels.max", "2");
        return p;
    }

    @Test
    void redactedDiarizedTranscriptBecomesTheTask() {
        s3.put(BUCKET, KEY, "spk_0: Thanks for calling, this is Dana|PII:NAME.\nspk_1: My number is 5550100|PII:PHONE.");
        String job = JobNames.of(BUCKET, KEY, s3.etag(BUCKET, KEY));

        Eventually.await(SLOW, "the task", () -> labelStudio.tasks(project).size() == 1);

        Task task = labelStudio.tasks(project).get(0);
        JsonNode prediction = task.predictions().get(0);
        assertThat(prediction.at("/result/0/value/text/0").asText())
                .isEqualTo("Thanks for calling, this is [PII]. My number is [PII].");
        assertThat(task.meta().path("words").asInt()).isEqualTo(10);

        TranscriptionJob started = context.getRegistry().lookupByNameAndType("transcribeClient", TranscribeClient.class)
                .getTranscriptionJob(r -> r.transcriptionJobName(job)).transcriptionJob();
        assertThat(started.settings().showSpeakerLabels()).isTrue();
        assertThat(started.settings().maxSpeakerLabels()).isEqualTo(2);
        assertThat(started.contentRedaction().redactionOutput()).isEqualTo(RedactionOutput.REDACTED);
        assertThat(started.transcript().transcriptFileUri()).isNull();
        assertThat(started.transcript().redactedTranscriptFileUri())
                .endsWith("/" + BUCKET + "/" + OUTPUT_PREFIX + "transcripts/redacted-" + job + ".json");
        assertThat(s3.getString(BUCKET, OUTPUT_PREFIX + "transcripts/" + job + ".json")).isEmpty();

        OutputPlan plan = context.getRegistry().lookupByNameAndType("outputPlan", OutputPlan.class);
        assertThat(plan.mode()).isEqualTo(OutputPlan.Mode.WHOLE_FILE);
    }
}
