package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.transcribe.model.BadRequestException;
import software.amazon.awssdk.services.transcribe.model.LanguageCode;
import software.amazon.awssdk.services.transcribe.model.LanguageIdSettings;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;

/** StartTranscriptionJob refuses feature combinations as Transcribe does: BadRequestException, nothing started. */
class FeatureValidationTest extends EmulatorTestSupport {

    private String media;

    FeatureValidationTest() {
        super("feature-validation", Retries.NONE, Duration.ofMillis(300));
    }

    @BeforeEach
    void putMedia() {
        s3.put(bucket, "talk.wav", "Valid media.");
        media = "s3://" + bucket + "/talk.wav";
        emulator.vocabulary("calls-en", "en-US").vocabulary("calls-es", "es-US").vocabularyFilter("filter-en", "en-US");
    }

    private StartTranscriptionJobRequest.Builder identifying() {
        return StartTranscriptionJobRequest.builder().transcriptionJobName(unique("lid"))
                .media(m -> m.mediaFileUri(media)).identifyLanguage(true)
                .languageOptions(LanguageCode.EN_US, LanguageCode.ES_US);
    }

    private void assertRejected(StartTranscriptionJobRequest request, String message) {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(request))
                .isInstanceOf(BadRequestException.class)
                .satisfies(awsMessage(message));
        assertThat(emulator.jobNames()).doesNotContain(request.transcriptionJobName());
    }

    @Test
    void maxSpeakerLabelsBelowTwo() {
        assertRejected(start(unique("spk"), media).settings(s -> s.showSpeakerLabels(true).maxSpeakerLabels(1)).build(),
                "1 validation error detected: Value '1' at 'settings.maxSpeakerLabels' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 2");
    }

    @Test
    void languageCodeTogetherWithIdentifyLanguage() {
        assertRejected(identifying().languageCode(LanguageCode.EN_US).build(),
                "You can only specify one of LanguageCode, IdentifyLanguage or IdentifyMultipleLanguages. Remove the "
                + "others and try your request again.");
    }

    @Test
    void languageOptionsMustBeLanguageCodes() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(identifying()
                .languageOptionsWithStrings("en-US", "xx-XX").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("1 validation error detected: Value '[en-US, xx-XX]' at 'languageOptions' "
                                        + "failed to satisfy constraint: Member must satisfy constraint: [Member must "
                                        + "satisfy enum value set: [");
    }

    @Test
    void vocabularyFilterWithoutMethod() {
        assertRejected(start(unique("filter"), media).settings(s -> s.vocabularyFilterName("filter-en")).build(),
                "VocabularyFilterName and VocabularyFilterMethod must be used together. Set both or neither and try "
                + "your request again.");
    }

    @Test
    void unknownVocabularyFilterMethod() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("filter"), media)
                .settings(s -> s.vocabularyFilterName("filter-en").vocabularyFilterMethod("bleep")).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Value 'bleep' at 'settings.vocabularyFilterMethod' failed to satisfy "
                                      + "constraint: Member must satisfy enum value set: [remove, mask, tag]");
    }

    @Test
    void vocabularyInAnotherLanguage() {
        assertRejected(start(unique("vocab"), media).settings(s -> s.vocabularyName("calls-es")).build(),
                "The vocabulary calls-es is for es-US, which doesn't match the language en-US. Use a vocabulary in "
                + "that language and try your request again.");
    }

    @Test
    void unknownVocabularyFilter() {
        assertRejected(start(unique("filter"), media).settings(s -> s.vocabularyFilterName("nope")
                        .vocabularyFilterMethod("tag")).build(),
                "The requested vocabulary filter couldn't be found. Check the vocabulary filter name and try your "
                + "request again.");
    }

    @Test
    void withLanguageIdentificationVocabulariesGoIntoLanguageIdSettings() {
        assertRejected(identifying().settings(s -> s.vocabularyName("calls-en")).build(),
                "With language identification, specify custom vocabularies and vocabulary filters per language in "
                + "LanguageIdSettings, not in Settings. Move them and try your request again.");

        String accepted = unique("lid");
        transcribe.startTranscriptionJob(identifying().transcriptionJobName(accepted)
                .languageIdSettingsWithStrings(Map.of(
                        "en-US", LanguageIdSettings.builder().vocabularyName("calls-en")
                                .vocabularyFilterName("filter-en").build(),
                        "es-US", LanguageIdSettings.builder().vocabularyName("calls-es").build()))
                .settings(s -> s.vocabularyFilterMethod("remove"))
                .build());
        assertThat(awaitTerminal(transcribe, accepted).languageIdSettingsAsStrings()).containsKeys("en-US", "es-US");
    }

    @Test
    void languageIdSettingsForALanguageThatIsNoOption() {
        assertRejected(identifying().languageIdSettingsWithStrings(Map.of("de-DE",
                        LanguageIdSettings.builder().vocabularyName("calls-en").build())).build(),
                "The language code de-DE in LanguageIdSettings must also be in LanguageOptions. Add it to "
                + "LanguageOptions or remove it from LanguageIdSettings and try your request again.");
    }

    @Test
    void languageIdSettingsWithAVocabularyOfAnotherLanguage() {
        assertRejected(identifying().languageIdSettingsWithStrings(Map.of("es-US",
                        LanguageIdSettings.builder().vocabularyName("calls-en").build())).build(),
                "The vocabulary calls-en is for en-US, which doesn't match the language es-US. Use a vocabulary in "
                + "that language and try your request again.");
    }

    @Test
    void languageIdSettingsWithoutLanguageIdentification() {
        assertRejected(start(unique("lids"), media).languageIdSettingsWithStrings(Map.of("en-US",
                        LanguageIdSettings.builder().vocabularyName("calls-en").build())).build(),
                "LanguageIdSettings requires IdentifyLanguage or IdentifyMultipleLanguages. Remove LanguageIdSettings "
                + "and try your request again.");
    }

    @Test
    void redactionWithLanguageIdentification() {
        assertRejected(identifying().contentRedaction(r -> r.redactionType("PII").redactionOutput("redacted")).build(),
                "Content redaction isn't supported with language identification. Remove ContentRedaction or specify a "
                + "LanguageCode and try your request again.");
    }

    @Test
    void redactionInAnUnsupportedLanguage() {
        assertRejected(start(unique("pii"), media).languageCode(LanguageCode.DE_DE)
                        .contentRedaction(r -> r.redactionType("PII").redactionOutput("redacted")).build(),
                "Content redaction isn't supported for language code de-DE. Use en-US or es-US, or remove "
                + "ContentRedaction, and try your request again.");
    }

    @Test
    void redactionNeedsItsTypeAndOutputAndKnownEntityTypes() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("pii"), media)
                .contentRedaction(r -> r.piiEntityTypesWithStrings("NAME", "PASSPORT")).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("3 validation errors detected: Value null at 'contentRedaction.redactionType' "
                                        + "failed to satisfy constraint: Member must not be null; Value null at "
                                        + "'contentRedaction.redactionOutput' failed to satisfy constraint: Member "
                                        + "must not be null; Value '[NAME, PASSPORT]' at "
                                        + "'contentRedaction.piiEntityTypes' failed to satisfy constraint");
    }

    @Test
    void speakerLabelsWithChannelIdentificationAreAcceptedAsByTheCurrentApi() {
        String name = unique("both");
        transcribe.startTranscriptionJob(start(name, media)
                .settings(s -> s.showSpeakerLabels(true).maxSpeakerLabels(2).channelIdentification(true)).build());

        assertThat(awaitTerminal(transcribe, name).settings().channelIdentification()).isTrue();
    }
}
