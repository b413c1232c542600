package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.transcribe.model.LanguageCode;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJob;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;

/** The request's features shape the transcript the way Transcribe's output does (see the fixtures 02 to 05). */
class TranscriptFeaturesTest extends EmulatorTestSupport {

    private static final String CALL = """
            spk_0: Thanks for calling, this is Dana|PII:NAME.
            spk_1: Hi Dana|PII:NAME. My card is 4111|PII:CREDIT_DEBIT_NUMBER.
            spk_0: Let me check.""";

    private TranscriptionJob job;

    TranscriptFeaturesTest() {
        super("features", Retries.SDK_DEFAULT, Duration.ofMillis(200));
    }

    private JsonNode transcribe(String media, UnaryOperator<StartTranscriptionJobRequest.Builder> features)
            throws IOException {
        s3.put(bucket, "call.wav", media);
        String name = unique("call");
        transcribe.startTranscriptionJob(features.apply(start(name, "s3://" + bucket + "/call.wav")
                .outputBucketName(bucket).outputKey("out/" + name + ".json")).build());
        job = awaitTerminal(transcribe, name);
        assertThat(job.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.COMPLETED);
        String key = job.transcript().redactedTranscriptFileUri() == null ? "out/" + name + ".json"
                : "out/redacted-" + name + ".json";
        return JSON.readTree(s3.getString(bucket, key).orElseThrow());
    }

    private static List<String> texts(JsonNode nodes, String field) {
        List<String> values = new ArrayList<>();
        nodes.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    @Test
    void withoutFeaturesThePrefixesAreNotSpeechButTurnsEndSegments() throws IOException {
        JsonNode results = transcribe(CALL, b -> b).path("results");

        assertThat(results.fieldNames()).toIterable().containsExactly("transcripts", "items", "audio_segments");
        assertThat(results.at("/transcripts/0/transcript").asText())
                .isEqualTo("Thanks for calling, this is Dana. Hi Dana. My card is 4111. Let me check.");
        assertThat(texts(results.path("audio_segments"), "transcript"))
                .containsExactly("Thanks for calling, this is Dana.", "Hi Dana.", "My card is 4111.", "Let me check.");
        assertThat(results.at("/items/0").has("speaker_label")).isFalse();
    }

    @Test
    void speakerLabelsAsInTheDiarizationFixture() throws IOException {
        JsonNode results = transcribe(CALL, b -> b.settings(s -> s.showSpeakerLabels(true).maxSpeakerLabels(2)))
                .path("results");

        assertThat(results.fieldNames()).toIterable()
                .containsExactly("transcripts", "speaker_labels", "items", "audio_segments");
        JsonNode labels = results.path("speaker_labels");
        assertThat(labels.fieldNames()).toIterable().containsExactly("segments", "channel_label", "speakers");
        assertThat(labels.path("speakers").asInt()).isEqualTo(2);
        assertThat(texts(labels.path("segments"), "speaker_label")).containsExactly("spk_0", "spk_1", "spk_0");
        JsonNode firstTurn = labels.at("/segments/0");
        assertThat(firstTurn.path("start_time").asText()).isEqualTo("0.5");
        assertThat(firstTurn.path("end_time").asText()).isEqualTo("2.9");
        assertThat(firstTurn.path("items")).hasSize(6);
        assertThat(firstTurn.at("/items/0").fieldNames()).toIterable()
                .containsExactly("speaker_label", "start_time", "end_time");

        for (JsonNode item : results.path("items")) {
            assertThat(item.path("speaker_label").asText()).as("item %s", item).matches("spk_[01]");
        }
        JsonNode firstPunctuation = results.at("/items/3");
        assertThat(firstPunctuation.path("type").asText()).isEqualTo("punctuation");
        assertThat(firstPunctuation.fieldNames()).toIterable()
                .containsExactly("id", "type", "alternatives", "speaker_label");
        assertThat(texts(results.path("audio_segments"), "speaker_label"))
                .containsExactly("spk_0", "spk_1", "spk_1", "spk_0");
        assertThat(results.at("/audio_segments/1").fieldNames()).toIterable()
                .containsExactly("id", "transcript", "start_time", "end_time", "speaker_label", "items");
        assertThat(job.settings().showSpeakerLabels()).isTrue();
    }

    @Test
    void moreScriptedSpeakersThanAllowedShareTheLastSpeakerLabel() throws IOException {
        JsonNode results = transcribe("spk_0: One.\nspk_1: Two.\nspk_2: Three.",
                b -> b.settings(s -> s.showSpeakerLabels(true).maxSpeakerLabels(2))).path("results");

        assertThat(texts(results.path("audio_segments"), "speaker_label")).containsExactly("spk_0", "spk_1", "spk_1");
        assertThat(results.at("/speaker_labels/speakers").asInt()).isEqualTo(2);
    }

    @Test
    void channelIdentificationAsInTheChannelFixture() throws IOException {
        JsonNode results = transcribe("ch_0: Hello, you're through to billing.\nch_1: Hi, I was charged twice.",
                b -> b.settings(s -> s.channelIdentification(true))).path("results");

        assertThat(results.fieldNames()).toIterable()
                .containsExactly("transcripts", "channel_labels", "items", "audio_segments");
        JsonNode labels = results.path("channel_labels");
        assertThat(labels.path("number_of_channels").asInt()).isEqualTo(2);
        assertThat(texts(labels.path("channels"), "channel_label")).containsExactly("ch_0", "ch_1");
        JsonNode channel1 = labels.at("/channels/1/items");
        assertThat(channel1.at("/0/alternatives/0/content").asText()).isEqualTo("Hi");
        assertThat(channel1.at("/0/id").asInt()).isEqualTo(7);
        assertThat(channel1.at("/0/channel_label").asText()).isEqualTo("ch_1");
        assertThat(texts(results.path("items"), "channel_label")).containsOnly("ch_0", "ch_1");
        assertThat(texts(results.path("audio_segments"), "channel_label")).containsExactly("ch_0", "ch_1");
        assertThat(job.settings().channelIdentification()).isTrue();
    }

    @Test
    void aThirdChannelFailsTheJob() {
        s3.put(bucket, "three.wav", "ch_0: One.\nch_2: Three.");
        String name = unique("three");
        transcribe.startTranscriptionJob(start(name, "s3://" + bucket + "/three.wav")
                .settings(s -> s.channelIdentification(true)).build());

        TranscriptionJob failed = awaitTerminal(transcribe, name);
        assertThat(failed.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo("Invalid number of channels: number of channels too large");
    }

    @Test
    void speakerLabelsAndChannelIdentificationTogether() throws IOException {
        JsonNode results = transcribe(CALL, b -> b.settings(s -> s.showSpeakerLabels(true).maxSpeakerLabels(2)
                .channelIdentification(true))).path("results");

        assertThat(results.fieldNames()).toIterable()
                .containsExactly("transcripts", "speaker_labels", "channel_labels", "items", "audio_segments");
        assertThat(results.at("/items/0/speaker_label").asText()).isEqualTo("spk_0");
        assertThat(results.at("/items/0/channel_label").asText()).isEqualTo("ch_0");
    }

    @Test
    void languageIdentificationAsInTheLanguageFixture() throws IOException {
        JsonNode file = transcribe("#language es-US\nHola, buenos días.",
                b -> b.languageCode((String) null).identifyLanguage(true)
                        .languageOptions(LanguageCode.EN_US, LanguageCode.ES_US, LanguageCode.DE_DE));
        JsonNode results = file.path("results");

        assertThat(results.fieldNames()).toIterable().containsExactly("language_code", "transcripts",
                "language_identification", "items", "audio_segments");
        assertThat(results.path("language_code").asText()).isEqualTo("es-US");
        assertThat(results.at("/transcripts/0/transcript").asText()).isEqualTo("Hola, buenos días.");
        assertThat(texts(results.path("language_identification"), "code")).containsExactly("es-US", "en-US", "de-DE");
        assertThat(texts(results.path("language_identification"), "score"))
                .containsExactly("0.9800", "0.0100", "0.0100");
        assertThat(job.languageCode()).isEqualTo(LanguageCode.ES_US);
        assertThat(job.identifiedLanguageScore()).isEqualTo(0.98f);
        assertThat(job.identifyLanguage()).isTrue();
    }

    @Test
    void aLanguageThatIsNoOptionIsNotIdentified() throws IOException {
        JsonNode results = transcribe("#language fr-FR\nBonjour.", b -> b.languageCode((String) null)
                .identifyLanguage(true).languageOptions(LanguageCode.EN_US, LanguageCode.ES_US)).path("results");

        assertThat(results.path("language_code").asText()).isEqualTo("en-US");
        assertThat(results.at("/transcripts/0/transcript").asText()).isEqualTo("Bonjour.");
    }

    @Test
    void piiRedactionAsInTheRedactionFixture() throws IOException {
        JsonNode file = transcribe(CALL, b -> b.contentRedaction(r -> r.redactionType("PII")
                .redactionOutput("redacted")));

        assertThat(file.fieldNames()).toIterable()
                .containsExactly("jobName", "accountId", "isRedacted", "status", "results");
        assertThat(file.path("isRedacted").asBoolean()).isTrue();
        JsonNode results = file.path("results");
        assertThat(results.at("/transcripts/0/transcript").asText())
                .isEqualTo("Thanks for calling, this is [PII]. Hi [PII]. My card is [PII]. Let me check.");
        JsonNode name = results.at("/items/6");
        assertThat(name.fieldNames()).toIterable().containsExactly("id", "type", "alternatives", "start_time",
                "end_time");
        JsonNode alternative = name.at("/alternatives/0");
        assertThat(alternative.fieldNames()).toIterable().containsExactly("content", "redactions");
        assertThat(alternative.path("content").asText()).isEqualTo("[PII]");
        assertThat(alternative.at("/redactions/0/type").asText()).isEqualTo("NAME");
        assertThat(alternative.at("/redactions/0/category").asText()).isEqualTo("PII");
        assertThat(alternative.at("/redactions/0/confidence").asText()).isEqualTo("0.9999");

        String jobName = job.transcriptionJobName();
        assertThat(job.transcript().transcriptFileUri()).isNull();
        assertThat(job.transcript().redactedTranscriptFileUri()).isEqualTo("https://s3.us-east-1.amazonaws.com/"
                + bucket + "/out/redacted-" + jobName + ".json");
        assertThat(s3.getString(bucket, "out/" + jobName + ".json")).as("no unredacted transcript").isEmpty();
        assertThat(job.contentRedaction().redactionOutputAsString()).isEqualTo("redacted");
    }

    @Test
    void piiRedactionOfSomeTypesOnlyWithTheUnredactedTranscriptToo() throws IOException {
        JsonNode redacted = transcribe(CALL, b -> b.contentRedaction(r -> r.redactionType("PII")
                .redactionOutput("redacted_and_unredacted").piiEntityTypesWithStrings("CREDIT_DEBIT_NUMBER")));

        assertThat(redacted.at("/results/transcripts/0/transcript").asText())
                .isEqualTo("Thanks for calling, this is Dana. Hi Dana. My card is [PII]. Let me check.");
        String jobName = job.transcriptionJobName();
        assertThat(job.transcript().transcriptFileUri()).endsWith("/" + bucket + "/out/" + jobName + ".json");
        assertThat(job.transcript().redactedTranscriptFileUri())
                .endsWith("/" + bucket + "/out/redacted-" + jobName + ".json");
        JsonNode unredacted = JSON.readTree(s3.getString(bucket, "out/" + jobName + ".json").orElseThrow());
        assertThat(unredacted.path("isRedacted").asBoolean(true)).isFalse();
        assertThat(unredacted.at("/results/transcripts/0/transcript").asText())
                .isEqualTo("Thanks for calling, this is Dana. Hi Dana. My card is 4111. Let me check.");
    }

    @Test
    void silenceWithSpeakerLabelsHasNullSpeakerLabels() throws IOException {
        JsonNode results = transcribe("#silence", b -> b.settings(s -> s.showSpeakerLabels(true).maxSpeakerLabels(2)))
                .path("results");

        assertThat(results.fieldNames()).toIterable()
                .containsExactly("transcripts", "speaker_labels", "items", "audio_segments");
        assertThat(results.path("speaker_labels").isNull()).isTrue();
    }

    @Test
    void customVocabulariesThatExistAreAccepted() throws IOException {
        emulator.vocabulary("calls-en", "en-US").vocabularyFilter("profanity-en", "en-US");

        transcribe("Hello.", b -> b.settings(s -> s.vocabularyName("calls-en").vocabularyFilterName("profanity-en")
                .vocabularyFilterMethod("mask")));

        assertThat(job.settings().vocabularyName()).isEqualTo("calls-en");
        assertThat(job.settings().vocabularyFilterMethodAsString()).isEqualTo("mask");
    }
}
