package io.transcribebridge.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.transcribebridge.labelstudio.LabelOverrides;
import io.transcribebridge.labelstudio.TaskLayout;
import io.transcribebridge.transcribe.TranscribeFeatures;
import io.transcribebridge.transcript.OutputPlan;
import io.transcribebridge.transcript.OutputPlan.ScoreMethod;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BridgeSettingsTest {

    private final Map<String, String> values = TestSettings.required();

    private BridgeSettings load() {
        return TestSettings.load(values);
    }

    @Test
    void defaults() {
        BridgeSettings settings = load();
        assertThat(settings.outputBucket()).isEqualTo("audio");
        assertThat(settings.outputPrefix()).isEqualTo("transcribe-bridge/");
        assertThat(settings.sourcePrefix()).isEmpty();
        assertThat(settings.languageCode()).isEqualTo("en-US");
        assertThat(settings.transcribePolling().firstPoll()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.transcribePolling().maxInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.transcribeMaxRunningJobs()).isEqualTo(100);
        assertThat(settings.s3KeysPerRequest()).isEqualTo(1000);
        assertThat(settings.labelStudioProjectId()).isEqualTo(7);
        assertThat(settings.taskLayout().fromName()).isEqualTo("transcription");
        assertThat(settings.taskLayout().audioVariable()).isEqualTo("audio");
        assertThat(settings.transcribeMaxWait()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void intervalsMustBePositiveNumbers() {
        values.put("transcribe.max-wait-ms", "lots");
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TRANSCRIBE_MAX_WAIT_MS must be a positive number of milliseconds, got 'lots'");
    }

    @Test
    void namesEveryMissingRequiredVariableInOneMessage() {
        values.clear();
        values.put("label-studio.project-id", " ");
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SOURCE_BUCKET")
                .hasMessageContaining("LABEL_STUDIO_URL")
                .hasMessageContaining("LABEL_STUDIO_API_KEY")
                .hasMessageContaining("LABEL_STUDIO_PROJECT_ID");
    }

    @Test
    void reportsInvalidValuesWithoutEchoingTheApiKey() {
        values.put("label-studio.project-id", "seven");
        values.put("output.prefix", "out put/");
        values.put("transcribe.poll-interval-ms", "-5");
        values.put("label-studio.url", "label-studio:8080");
        assertThatThrownBy(this::load)
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(4))
                .hasMessageContaining("LABEL_STUDIO_PROJECT_ID")
                .hasMessageContaining("OUTPUT_PREFIX")
                .hasMessageContaining("TRANSCRIBE_POLL_INTERVAL_MS")
                .hasMessageContaining("LABEL_STUDIO_URL")
                .hasMessageNotContaining("0123456789abcdef");
        assertThat(load_safeToString()).doesNotContain("0123456789abcdef");
    }

    private String load_safeToString() {
        values.put("label-studio.project-id", "7");
        values.put("output.prefix", "out/");
        values.put("transcribe.poll-interval-ms", "5");
        values.put("label-studio.url", "http://ls");
        return load().toString();
    }

    @Test
    void outputPrefixGetsATrailingSlash() {
        values.put("output.prefix", "bridge");
        assertThat(load().outputPrefix()).isEqualTo("bridge/");
    }

    @Test
    void environmentNamesFollowCamelsRule() {
        assertThat(BridgeSettings.environmentName("label-studio.api-key")).isEqualTo("LABEL_STUDIO_API_KEY");
        assertThat(BridgeSettings.environmentName("s3.poll-interval-ms")).isEqualTo("S3_POLL_INTERVAL_MS");
    }

    private void assertRejected(String... expectedMessages) {
        assertThatThrownBy(this::load)
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.problems()).containsExactly(expectedMessages));
    }

    @Nested
    class LabelStudioProject {

        @Test
        void namesAreDetectedUnlessOverridden() {
            BridgeSettings settings = load();
            assertThat(settings.labelOverrides()).isEqualTo(LabelOverrides.NONE);
            assertThat(settings.taskLayout()).isEqualTo(TaskLayout.ASR_TEMPLATE);

            values.put("label-studio.from-name", "text");
            values.put("label-studio.audio-variable", "$recording");
            values.put("label-studio.labels-name", " speaker ");
            settings = load();
            assertThat(settings.labelOverrides()).isEqualTo(new LabelOverrides("text", null, "recording", "speaker"));
            assertThat(settings.taskLayout()).isEqualTo(new TaskLayout("text", "audio", "recording"));
        }

        @Test
        void outputDefaults() {
            BridgeSettings settings = load();
            assertThat(settings.speakerLabels()).isEmpty();
            assertThat(settings.defaultLabel()).isEqualTo("Speech");
            assertThat(settings.scoring()).isEqualTo(new OutputPlan.Scoring(ScoreMethod.MEAN, 0.5));
            assertThat(settings.segmentation()).isEqualTo(new OutputPlan.Segmentation(30, 1.5));
            assertThat(settings.retryMaxAttempts()).isEqualTo(12);
        }

        @Test
        void speakerLabelsAreTranscribeLabelToLabelValuePairs() {
            values.put("label-studio.speaker-labels", "spk_0=Agent, spk_1 = Customer,ch_1=Speaker 2");
            assertThat(load().speakerLabels()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("spk_0", "Agent", "spk_1", "Customer", "ch_1", "Speaker 2"));
        }

        @Test
        void speakerLabelsThatAreNotPairsOfTranscribeLabels() {
            values.put("label-studio.speaker-labels", "spk_0=Agent,Customer,speaker_1=Customer,spk_0=Other,ch_2=");
            assertRejected(
                    "LABEL_STUDIO_SPEAKER_LABELS must be transcribe-label=Label value pairs such as "
                    + "spk_0=Agent,spk_1=Customer (or ch_0=...,ch_1=...); got 'Customer'",
                    "LABEL_STUDIO_SPEAKER_LABELS: 'speaker_1' is not a Transcribe speaker label (spk_0, spk_1, ...) "
                    + "or channel label (ch_0, ch_1)",
                    "LABEL_STUDIO_SPEAKER_LABELS maps spk_0 twice",
                    "LABEL_STUDIO_SPEAKER_LABELS must be transcribe-label=Label value pairs such as "
                    + "spk_0=Agent,spk_1=Customer (or ch_0=...,ch_1=...); got 'ch_2='");
        }

        @Test
        void scoringAndSegmentation() {
            values.put("prediction.score", "MIN");
            values.put("prediction.low-confidence", "1");
            values.put("segments.max-seconds", "10");
            values.put("segments.pause-seconds", "0.25");
            BridgeSettings settings = load();
            assertThat(settings.scoring()).isEqualTo(new OutputPlan.Scoring(ScoreMethod.MIN, 1.0));
            assertThat(settings.segmentation()).isEqualTo(new OutputPlan.Segmentation(10, 0.25));
        }

        @Test
        void invalidScoringAndSegmentation() {
            values.put("prediction.score", "median");
            values.put("prediction.low-confidence", "1.5");
            values.put("segments.max-seconds", "0");
            values.put("segments.pause-seconds", "soon");
            assertRejected(
                    "PREDICTION_SCORE must be mean, min or errors-per-minute, got 'median'",
                    "PREDICTION_LOW_CONFIDENCE must be a number from 0 to 1, got '1.5'",
                    "SEGMENTS_MAX_SECONDS must be a number above 0, got '0'",
                    "SEGMENTS_PAUSE_SECONDS must be a number above 0, got 'soon'");
        }
    }

    @Nested
    class TranscribeFeaturesTest {

        @Test
        void allOffByDefault() {
            assertThat(load().transcribeFeatures()).isEqualTo(TranscribeFeatures.NONE);
        }

        @Test
        void everyFeatureThatCanBeCombined() {
            values.put("transcribe.speaker-labels.max", "4");
            values.put("transcribe.vocabulary-name", "calls");
            values.put("transcribe.vocabulary-filter-name", "profanity");
            values.put("transcribe.vocabulary-filter-method", "Mask");
            values.put("transcribe.redact-pii", "TRUE");
            values.put("transcribe.pii-entity-types", "name, ssn");
            TranscribeFeatures features = load().transcribeFeatures();

            assertThat(features).isEqualTo(new TranscribeFeatures(4, false, false, List.of(),
                    Map.of("en-US", "calls"), Map.of("en-US", "profanity"), "mask", true, List.of("NAME", "SSN")));
        }

        @Test
        void languageIdentificationWithAVocabularyPerLanguage() {
            values.put("transcribe.identify-language", "true");
            values.put("transcribe.language-options", "en-US, es-US,de-DE");
            values.put("transcribe.vocabulary-name", "en-US:calls-en,es-US:calls-es");
            values.put("transcribe.vocabulary-filter-name", "de-DE:filter-de");
            values.put("transcribe.vocabulary-filter-method", "tag");
            values.put("transcribe.channel-identification", "true");
            TranscribeFeatures features = load().transcribeFeatures();

            assertThat(features).isEqualTo(new TranscribeFeatures(0, true, true, List.of("en-US", "es-US", "de-DE"),
                    Map.of("en-US", "calls-en", "es-US", "calls-es"), Map.of("de-DE", "filter-de"), "tag", false,
                    List.of()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "31", "-2"})
        void speakerLabelsOutOfRange(String max) {
            values.put("transcribe.speaker-labels.max", max);
            assertRejected("TRANSCRIBE_SPEAKER_LABELS_MAX must be 0 (off) or 2 to 30 (the most speakers Transcribe "
                           + "tells apart in a recording), got " + max);
        }

        @Test
        void speakerLabelsThatAreNotANumber() {
            values.put("transcribe.speaker-labels.max", "two");
            assertRejected("TRANSCRIBE_SPEAKER_LABELS_MAX must be a whole number, got 'two'");
        }

        @Test
        void flagsThatAreNotBooleans() {
            values.put("transcribe.channel-identification", "yes");
            values.put("transcribe.redact-pii", "1");
            assertRejected("TRANSCRIBE_CHANNEL_IDENTIFICATION must be true or false, got 'yes'",
                    "TRANSCRIBE_REDACT_PII must be true or false, got '1'");
        }

        @Test
        void speakerLabelsWithChannelIdentification() {
            values.put("transcribe.speaker-labels.max", "2");
            values.put("transcribe.channel-identification", "true");
            assertRejected("TRANSCRIBE_SPEAKER_LABELS_MAX and TRANSCRIBE_CHANNEL_IDENTIFICATION cannot be combined: "
                           + "use channel identification for recordings with one party per channel (two-channel call "
                           + "recordings), speaker labels for mono recordings. (Transcribe rejected the combination "
                           + "until November 2023, and a segment's speaker would be ambiguous.)");
        }

        @Test
        void redactionWithLanguageIdentification() {
            values.put("transcribe.identify-language", "true");
            values.put("transcribe.language-options", "en-US,es-US");
            values.put("transcribe.redact-pii", "true");
            assertRejected("TRANSCRIBE_REDACT_PII and TRANSCRIBE_IDENTIFY_LANGUAGE cannot be combined: Transcribe's "
                           + "batch PII redaction is not compatible with language identification. Set "
                           + "TRANSCRIBE_LANGUAGE_CODE (en-US or es-US) instead, or turn redaction off.");
        }

        @Test
        void redactionInAnotherLanguageThanUsEnglishOrSpanish() {
            values.put("transcribe.language-code", "de-DE");
            values.put("transcribe.redact-pii", "true");
            assertRejected("TRANSCRIBE_REDACT_PII works only for en-US and es-US recordings (Transcribe's batch PII "
                           + "redaction), but TRANSCRIBE_LANGUAGE_CODE is 'de-DE'");
            values.put("transcribe.language-code", "es-US");
            assertThat(load().transcribeFeatures().redactPii()).isTrue();
        }

        @Test
        void piiEntityTypesWithoutRedactionOrUnknown() {
            values.put("transcribe.pii-entity-types", "NAME,PASSPORT");
            assertRejected("TRANSCRIBE_PII_ENTITY_TYPES: 'PASSPORT' is not one of BANK_ACCOUNT_NUMBER, BANK_ROUTING, "
                           + "CREDIT_DEBIT_NUMBER, CREDIT_DEBIT_CVV, CREDIT_DEBIT_EXPIRY, PIN, EMAIL, ADDRESS, NAME, "
                           + "PHONE, SSN, ALL",
                    "TRANSCRIBE_PII_ENTITY_TYPES is set but TRANSCRIBE_REDACT_PII is not true");
        }

        @Test
        void languageOptionsWithoutLanguageIdentification() {
            values.put("transcribe.language-options", "en-US,es-US");
            assertRejected("TRANSCRIBE_LANGUAGE_OPTIONS is set but TRANSCRIBE_IDENTIFY_LANGUAGE is not true: the "
                           + "options are the candidates for language identification. Set "
                           + "TRANSCRIBE_IDENTIFY_LANGUAGE=true, or remove TRANSCRIBE_LANGUAGE_OPTIONS and set "
                           + "TRANSCRIBE_LANGUAGE_CODE.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "en-US", "en-US,en-US"})
        void languageIdentificationWithFewerThanTwoOptions(String options) {
            values.put("transcribe.identify-language", "true");
            values.put("transcribe.language-options", options);
            assertRejected("TRANSCRIBE_IDENTIFY_LANGUAGE=true needs TRANSCRIBE_LANGUAGE_OPTIONS with at least 2 "
                           + "language codes the recordings may be in, e.g. en-US,es-US (got "
                           + (options.isEmpty() ? "none" : "en-US") + "). For recordings in one language set "
                           + "TRANSCRIBE_LANGUAGE_CODE instead.");
        }

        @Test
        void languageOptionsThatAreNotLanguageCodes() {
            values.put("transcribe.identify-language", "true");
            values.put("transcribe.language-options", "en-US,spanish");
            assertRejected("TRANSCRIBE_LANGUAGE_OPTIONS: 'spanish' is not a language code such as en-US");
        }

        @Test
        void filterWithoutMethod() {
            values.put("transcribe.vocabulary-filter-name", "profanity");
            assertRejected("TRANSCRIBE_VOCABULARY_FILTER_NAME needs TRANSCRIBE_VOCABULARY_FILTER_METHOD: remove (drop "
                           + "the words), mask (replace them with ***) or tag (mark them, keep the text)");
        }

        @Test
        void methodWithoutFilterOrUnknown() {
            values.put("transcribe.vocabulary-filter-method", "mask");
            assertRejected("TRANSCRIBE_VOCABULARY_FILTER_METHOD is set but TRANSCRIBE_VOCABULARY_FILTER_NAME is not: "
                           + "name the vocabulary filter to apply");
            values.put("transcribe.vocabulary-filter-name", "profanity");
            values.put("transcribe.vocabulary-filter-method", "bleep");
            assertRejected("TRANSCRIBE_VOCABULARY_FILTER_METHOD must be remove, mask or tag, got 'bleep'");
        }

        @Test
        void vocabularyNamesFollowTranscribesPattern() {
            values.put("transcribe.vocabulary-name", "my vocabulary");
            assertRejected("TRANSCRIBE_VOCABULARY_NAME: 'my vocabulary' is not a vocabulary name (1 to 200 letters, "
                           + "digits, '.', '_' and '-')");
        }

        @Test
        void vocabularyPerLanguageOnlyWithLanguageIdentification() {
            values.put("transcribe.vocabulary-name", "en-US:calls-en");
            assertRejected("TRANSCRIBE_VOCABULARY_NAME must be the name of one vocabulary in the language of the "
                           + "recordings (TRANSCRIBE_LANGUAGE_CODE); the language:name form is for "
                           + "TRANSCRIBE_IDENTIFY_LANGUAGE=true");
        }

        @Test
        void vocabularyWithLanguageIdentificationMustBePerLanguage() {
            values.put("transcribe.identify-language", "true");
            values.put("transcribe.language-options", "en-US,es-US");
            values.put("transcribe.vocabulary-name", "calls");
            values.put("transcribe.vocabulary-filter-name", "fr-FR:filtre,en-US:filter,en-US:other");
            values.put("transcribe.vocabulary-filter-method", "remove");
            assertRejected("TRANSCRIBE_VOCABULARY_NAME must name one vocabulary per language when "
                           + "TRANSCRIBE_IDENTIFY_LANGUAGE=true, as language:name pairs such as "
                           + "en-US:calls-en,es-US:calls-es (a vocabulary belongs to one language); got 'calls'",
                    "TRANSCRIBE_VOCABULARY_FILTER_NAME: fr-FR is not one of TRANSCRIBE_LANGUAGE_OPTIONS (en-US,es-US)",
                    "TRANSCRIBE_VOCABULARY_FILTER_NAME names two vocabulary filters for en-US");
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            values.put("transcribe.speaker-labels.max", "40");
            values.put("transcribe.language-options", "en-US");
            values.put("transcribe.vocabulary-filter-name", "profanity");
            values.put("transcribe.redact-pii", "true");
            values.put("transcribe.language-code", "fr-FR");
            assertThatThrownBy(BridgeSettingsTest.this::load)
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(4))
                    .hasMessageContaining("TRANSCRIBE_SPEAKER_LABELS_MAX")
                    .hasMessageContaining("TRANSCRIBE_LANGUAGE_OPTIONS is set")
                    .hasMessageContaining("TRANSCRIBE_VOCABULARY_FILTER_METHOD")
                    .hasMessageContaining("TRANSCRIBE_REDACT_PII works only");
        }
    }
}
