package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.transcribebridge.config.BridgeSettings;
import io.transcribebridge.config.TestSettings;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.progress.OutputLayout;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJob;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;

/**
 * The contract between the service and the emulator: every feature combination the settings accept gives a
 * StartTranscriptionJob request the emulator (and so, as far as it knows, Transcribe) accepts and completes.
 */
class ProductionRequestsTest extends EmulatorTestSupport {

    ProductionRequestsTest() {
        super("production", Retries.NONE, Duration.ofMillis(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "transcribe.speaker-labels.max=30",
            "transcribe.channel-identification=true",
            "transcribe.identify-language=true;transcribe.language-options=en-US,es-US,de-DE",
            "transcribe.vocabulary-name=calls-en;transcribe.vocabulary-filter-name=filter-en;"
            + "transcribe.vocabulary-filter-method=tag",
            "transcribe.identify-language=true;transcribe.language-options=en-US,es-US;"
            + "transcribe.vocabulary-name=en-US:calls-en,es-US:calls-es;"
            + "transcribe.vocabulary-filter-name=en-US:filter-en;transcribe.vocabulary-filter-method=remove",
            "transcribe.redact-pii=true;transcribe.speaker-labels.max=2",
            "transcribe.redact-pii=true;transcribe.pii-entity-types=NAME,SSN;transcribe.language-code=es-US;"
            + "transcribe.channel-identification=true"})
    void acceptedSettingsGiveAcceptedRequests(String settingsText) {
        emulator.vocabulary("calls-en", "en-US").vocabulary("calls-es", "es-US").vocabularyFilter("filter-en", "en-US");
        Map<String, String> values = TestSettings.required();
        values.put("source.bucket", bucket);
        for (String setting : settingsText.split(";")) {
            if (!setting.isEmpty()) {
                values.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        BridgeSettings settings = TestSettings.load(values);
        var jobs = new io.transcribebridge.transcribe.TranscriptionJobs(settings.languageCode(),
                settings.transcribeFeatures(), new OutputLayout(bucket, "transcribe-bridge/"), Duration.ofHours(1),
                Clock.systemUTC());
        s3.put(bucket, "call.wav", "spk_0: Hello, this is Dana|PII:NAME.\nspk_1: Hi.");
        String name = unique("job");

        transcribe.startTranscriptionJob(jobs.startRequest(new SourceObject(bucket, "call.wav", "e", 1), name));

        TranscriptionJob job = awaitTerminal(transcribe, name);
        assertThat(job.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.COMPLETED);
        var response = transcribe.getTranscriptionJob(r -> r.transcriptionJobName(name));
        assertThat(s3.getString(bucket, jobs.completedTranscriptKey(name, response))).as("the transcript to read")
                .isPresent();
    }
}
