package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.transcribe.model.BadRequestException;
import software.amazon.awssdk.services.transcribe.model.ConflictException;
import software.amazon.awssdk.services.transcribe.model.CreateVocabularyResponse;
import software.amazon.awssdk.services.transcribe.model.GetVocabularyResponse;
import software.amazon.awssdk.services.transcribe.model.LanguageCode;
import software.amazon.awssdk.services.transcribe.model.UpdateVocabularyResponse;
import software.amazon.awssdk.services.transcribe.model.VocabularyState;

class CustomVocabularyTest extends EmulatorTestSupport {

    private static final String TABLE = "Phrase\tSoundsLike\tIPA\tDisplayAs\n"
            + "Los-Angeles\t\t\tLos Angeles\n"
            + "Transcribe-Bridge\t\t\tTranscribe Bridge\n";

    CustomVocabularyTest() {
        super("vocab", Retries.NONE);
    }

    @Test
    void createAnswersPendingThenReadyAfterTheProcessingTime() {
        emulator.vocabularyProcessingTime(Duration.ofMinutes(2));
        s3.put(bucket, "vocab.txt", TABLE);

        CreateVocabularyResponse created = transcribe.createVocabulary(r -> r.vocabularyName("calls-en")
                .languageCode(LanguageCode.EN_US).vocabularyFileUri("s3://" + bucket + "/vocab.txt"));

        assertThat(created.vocabularyState()).isEqualTo(VocabularyState.PENDING);
        assertThat(created.vocabularyName()).isEqualTo("calls-en");
        assertThat(created.languageCode()).isEqualTo(LanguageCode.EN_US);
        assertThat(created.lastModifiedTime()).isNotNull();
        assertThat(get("calls-en").vocabularyState()).isEqualTo(VocabularyState.PENDING);
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("job"), "s3://" + bucket + "/a.wav")
                .settings(s -> s.vocabularyName("calls-en")).build()))
                .as("a PENDING vocabulary can't be used yet").isInstanceOf(BadRequestException.class);

        emulator.fastForward(Duration.ofMinutes(2));

        GetVocabularyResponse ready = get("calls-en");
        assertThat(ready.vocabularyState()).isEqualTo(VocabularyState.READY);
        assertThat(ready.failureReason()).isNull();
        assertThat(ready.downloadUri()).startsWith("https://s3.us-east-1.amazonaws.com/").endsWith("/input.txt");
        assertThat(emulator.vocabularyState("calls-en")).hasValue("READY");
    }

    @Test
    void sameNameTwiceIsAConflict() {
        transcribe.createVocabulary(r -> r.vocabularyName("dup").languageCode(LanguageCode.EN_US).phrases("Bridge"));

        assertThatThrownBy(() -> transcribe.createVocabulary(r -> r.vocabularyName("dup")
                .languageCode(LanguageCode.EN_US).phrases("Other")))
                .isInstanceOf(ConflictException.class)
                .satisfies(awsMessage("The requested vocabulary name already exists. Use a different vocabulary name."));
    }

    @Test
    void requestValidation() {
        assertThatThrownBy(() -> transcribe.createVocabulary(r -> r.vocabularyName("none")
                .languageCode(LanguageCode.EN_US)))
                .isInstanceOf(BadRequestException.class)
                .satisfies(awsMessage("Either Phrases or VocabularyFileUri field should be provided."));
        assertThatThrownBy(() -> transcribe.createVocabulary(r -> r.vocabularyName("ftp")
                .languageCode(LanguageCode.EN_US).vocabularyFileUri("ftp://b/v.txt")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("at 'vocabularyFileUri' failed to satisfy constraint");
        assertThatThrownBy(() -> transcribe.createVocabulary(r -> r.vocabularyName("https")
                .languageCode(LanguageCode.EN_US).vocabularyFileUri("https://example.com/v.txt")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("isn't an s3://bucket/key URI");
        assertThatThrownBy(() -> transcribe.getVocabulary(r -> r.vocabularyName("nope")))
                .isInstanceOf(BadRequestException.class)
                .satisfies(awsMessage(CustomVocabularies.NOT_FOUND));
        assertThatThrownBy(() -> transcribe.updateVocabulary(r -> r.vocabularyName("nope")
                .languageCode(LanguageCode.EN_US).phrases("x")))
                .isInstanceOf(BadRequestException.class)
                .satisfies(awsMessage(CustomVocabularies.NOT_FOUND));
    }

    @Test
    void badFilesAndDigitsFailTheVocabulary() {
        s3.put(bucket, "bad-header.txt", "Phrase\tDisplayAs\nLos-Angeles\tLos Angeles\n");
        s3.put(bucket, "digits.txt", "Phrase\tSoundsLike\tIPA\tDisplayAs\nRoute-66\t\t\tRoute 66\n");

        transcribe.createVocabulary(r -> r.vocabularyName("header").languageCode(LanguageCode.EN_US)
                .vocabularyFileUri("s3://" + bucket + "/bad-header.txt"));
        transcribe.createVocabulary(r -> r.vocabularyName("digits").languageCode(LanguageCode.EN_US)
                .vocabularyFileUri("s3://" + bucket + "/digits.txt"));
        transcribe.createVocabulary(r -> r.vocabularyName("missing").languageCode(LanguageCode.EN_US)
                .vocabularyFileUri("s3://" + bucket + "/missing.txt"));
        transcribe.createVocabulary(r -> r.vocabularyName("phrase-digits").languageCode(LanguageCode.EN_US)
                .phrases("Agent-7"));

        assertThat(get("header").vocabularyState()).isEqualTo(VocabularyState.FAILED);
        assertThat(get("header").failureReason()).contains("header");
        assertThat(get("digits").failureReason()).contains("Route-66");
        assertThat(get("missing").vocabularyState()).isEqualTo(VocabularyState.FAILED);
        assertThat(get("phrase-digits").failureReason()).contains("Agent-7");
    }

    @Test
    void updateStartsProcessingAgainAndIsRefusedWhilePending() {
        emulator.vocabularyProcessingTime(Duration.ofMinutes(1));
        s3.put(bucket, "digits.txt", "Phrase\tSoundsLike\tIPA\tDisplayAs\nRoute-66\t\t\tRoute 66\n");
        s3.put(bucket, "good.txt", TABLE);
        transcribe.createVocabulary(r -> r.vocabularyName("calls").languageCode(LanguageCode.EN_US)
                .vocabularyFileUri("s3://" + bucket + "/digits.txt"));

        assertThatThrownBy(() -> transcribe.updateVocabulary(r -> r.vocabularyName("calls")
                .languageCode(LanguageCode.EN_US).vocabularyFileUri("s3://" + bucket + "/good.txt")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("PENDING");
        emulator.fastForward(Duration.ofMinutes(1));
        assertThat(get("calls").vocabularyState()).isEqualTo(VocabularyState.FAILED);

        UpdateVocabularyResponse updated = transcribe.updateVocabulary(r -> r.vocabularyName("calls")
                .languageCode(LanguageCode.EN_GB).vocabularyFileUri("s3://" + bucket + "/good.txt"));

        assertThat(updated.vocabularyState()).isEqualTo(VocabularyState.PENDING);
        assertThat(updated.languageCode()).isEqualTo(LanguageCode.EN_GB);
        emulator.fastForward(Duration.ofMinutes(1));
        GetVocabularyResponse ready = get("calls");
        assertThat(ready.vocabularyState()).isEqualTo(VocabularyState.READY);
        assertThat(ready.languageCode()).isEqualTo(LanguageCode.EN_GB);
        assertThat(ready.failureReason()).isNull();
    }

    @Test
    void presetVocabulariesStayReady() {
        emulator.vocabulary("preset", "en-US");

        assertThat(get("preset").vocabularyState()).isEqualTo(VocabularyState.READY);
        assertThat(get("preset").languageCode()).isEqualTo(LanguageCode.EN_US);
    }

    private GetVocabularyResponse get(String name) {
        return transcribe.getVocabulary(r -> r.vocabularyName(name));
    }
}
