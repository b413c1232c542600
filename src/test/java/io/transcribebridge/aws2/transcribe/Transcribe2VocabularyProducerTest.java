package io.transcribebridge.aws2.transcribe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.transcribe.model.BadRequestException;
import software.amazon.awssdk.services.transcribe.model.ConflictException;
import software.amazon.awssdk.services.transcribe.model.CreateVocabularyRequest;
import software.amazon.awssdk.services.transcribe.model.CreateVocabularyResponse;
import software.amazon.awssdk.services.transcribe.model.GetVocabularyRequest;
import software.amazon.awssdk.services.transcribe.model.GetVocabularyResponse;
import software.amazon.awssdk.services.transcribe.model.LanguageCode;
import software.amazon.awssdk.services.transcribe.model.UpdateVocabularyRequest;
import software.amazon.awssdk.services.transcribe.model.UpdateVocabularyResponse;
import software.amazon.awssdk.services.transcribe.model.VocabularyState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** createVocabulary, updateVocabulary and getVocabulary of the aws2-transcribe component against the emulator. */
class Transcribe2VocabularyProducerTest extends Transcribe2EmulatorTestSupport {

    private static final String TABLE = "Phrase\tSoundsLike\tIPA\tDisplayAs\nTranscribe-Bridge\t\t\tTranscribe Bridge\n";

    @BeforeAll
    static void startServers() {
        startServers("vocab", Map.of("calls.txt", TABLE,
                "digits.txt", "Phrase\tSoundsLike\tIPA\tDisplayAs\nRoute-66\t\t\tRoute 66\n"));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                String client = "&transcribeClient=#client";
                from("direct:create").to("aws2-transcribe:t?operation=createVocabulary" + client);
                from("direct:createPojo").to("aws2-transcribe:t?operation=createVocabulary&pojoRequest=true" + client);
                from("direct:update").to("aws2-transcribe:t?operation=updateVocabulary" + client);
                from("direct:updatePojo").to("aws2-transcribe:t?operation=updateVocabulary&pojoRequest=true" + client);
                from("direct:get").to("aws2-transcribe:t?operation=getVocabulary" + client);
                from("direct:getPojo").to("aws2-transcribe:t?operation=getVocabulary&pojoRequest=true" + client);
            }
        };
    }

    private GetVocabularyResponse get(String name) {
        return template.requestBodyAndHeader("direct:get", null, Transcribe2Constants.VOCABULARY_NAME, name,
                GetVocabularyResponse.class);
    }

    @Test
    void headerModeCreateFromAFileThenGet() {
        CreateVocabularyResponse created = template.requestBodyAndHeaders("direct:create", null, Map.of(
                Transcribe2Constants.VOCABULARY_NAME, "calls-en",
                Transcribe2Constants.LANGUAGE_CODE, "en-US",
                Transcribe2Constants.VOCABULARY_FILE_URI, "s3://vocab/calls.txt"), CreateVocabularyResponse.class);

        assertThat(created.vocabularyState()).isEqualTo(VocabularyState.PENDING);
        GetVocabularyResponse got = get("calls-en");
        assertThat(got.vocabularyState()).isEqualTo(VocabularyState.READY);
        assertThat(got.languageCode()).isEqualTo(LanguageCode.EN_US);
        assertThat(got.downloadUri()).isNotBlank();
    }

    @Test
    void headerModePhrasesAsAListOrOneString() {
        template.requestBodyAndHeaders("direct:create", null, Map.of(
                Transcribe2Constants.VOCABULARY_NAME, "listed",
                Transcribe2Constants.LANGUAGE_CODE, "en-US",
                Transcribe2Constants.VOCABULARY_PHRASES, List.of("Transcribe-Bridge", "Label-Studio")));
        template.requestBodyAndHeaders("direct:create", null, Map.of(
                Transcribe2Constants.VOCABULARY_NAME, "single",
                Transcribe2Constants.LANGUAGE_CODE, "en-US",
                Transcribe2Constants.VOCABULARY_PHRASES, "Agent-7"));

        assertThat(get("listed").vocabularyState()).isEqualTo(VocabularyState.READY);
        assertThat(get("single").vocabularyState()).isEqualTo(VocabularyState.FAILED);
        assertThat(get("single").failureReason()).contains("Agent-7");
    }

    @Test
    void pojoModeCreateUpdateAndGet() {
        template.requestBody("direct:createPojo", CreateVocabularyRequest.builder().vocabularyName("pojo")
                .languageCode(LanguageCode.EN_US).vocabularyFileUri("s3://vocab/digits.txt").build());
        assertThat(get("pojo").vocabularyState()).isEqualTo(VocabularyState.FAILED);

        UpdateVocabularyResponse updated = template.requestBody("direct:updatePojo",
                UpdateVocabularyRequest.builder().vocabularyName("pojo").languageCode(LanguageCode.EN_US)
                        .vocabularyFileUri("s3://vocab/calls.txt").build(), UpdateVocabularyResponse.class);

        assertThat(updated.vocabularyState()).isEqualTo(VocabularyState.PENDING);
        GetVocabularyResponse got = template.requestBody("direct:getPojo",
                GetVocabularyRequest.builder().vocabularyName("pojo").build(), GetVocabularyResponse.class);
        assertThat(got.vocabularyState()).isEqualTo(VocabularyState.READY);
    }

    @Test
    void headerModeUpdateWhilePendingAndAfterwards() {
        emulator.vocabularyProcessingTime(Duration.ofMinutes(5));
        try {
            template.requestBodyAndHeaders("direct:create", null, Map.of(
                    Transcribe2Constants.VOCABULARY_NAME, "slow",
                    Transcribe2Constants.LANGUAGE_CODE, "en-US",
                    Transcribe2Constants.VOCABULARY_FILE_URI, "s3://vocab/calls.txt"));
            Map<String, Object> update = Map.of(
                    Transcribe2Constants.VOCABULARY_NAME, "slow",
                    Transcribe2Constants.LANGUAGE_CODE, "en-GB",
                    Transcribe2Constants.VOCABULARY_FILE_URI, "s3://vocab/calls.txt");

            assertThatThrownBy(() -> template.requestBodyAndHeaders("direct:update", null, update))
                    .isInstanceOf(CamelExecutionException.class)
                    .hasCauseInstanceOf(BadRequestException.class);
            emulator.fastForward(Duration.ofMinutes(5));
            UpdateVocabularyResponse updated = template.requestBodyAndHeaders("direct:update", null, update,
                    UpdateVocabularyResponse.class);
            assertThat(updated.languageCode()).isEqualTo(LanguageCode.EN_GB);
            assertThat(updated.vocabularyState()).isEqualTo(VocabularyState.PENDING);
        } finally {
            emulator.vocabularyProcessingTime(Duration.ZERO);
        }
    }

    @Test
    void serviceErrorsArriveAsTypedExceptions() {
        Map<String, Object> headers = Map.of(
                Transcribe2Constants.VOCABULARY_NAME, "twice",
                Transcribe2Constants.LANGUAGE_CODE, "en-US",
                Transcribe2Constants.VOCABULARY_PHRASES, List.of("Bridge"));
        template.requestBodyAndHeaders("direct:create", null, headers);

        assertThatThrownBy(() -> template.requestBodyAndHeaders("direct:create", null, headers))
                .isInstanceOf(CamelExecutionException.class)
                .hasCauseInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> get("no-such-vocabulary"))
                .hasCauseInstanceOf(BadRequestException.class);
    }

    @Test
    void pojoModeRejectsTheWrongBody() {
        assertThatThrownBy(() -> template.requestBody("direct:createPojo", "not a request"))
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CreateVocabularyRequest");
    }
}
