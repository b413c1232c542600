package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.transcribe.model.LanguageCode;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJob;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;

class TranscriptContentTest extends EmulatorTestSupport {

    TranscriptContentTest() {
        super("content", Retries.SDK_DEFAULT, Duration.ofMillis(200));
    }

    @Test
    void speechBecomesAStandardTranscript() throws Exception {
        JsonNode file = transcribe("Hello there, world|0.42!\n  How are   you? fine|0.5", "speech");

        assertThat(file.fieldNames()).toIterable().containsExactly("jobName", "accountId", "status", "results");
        assertThat(file.path("accountId").asText()).isEqualTo(TranscribeEmulator.ACCOUNT_ID);
        JsonNode results = file.path("results");
        assertThat(results.at("/transcripts/0/transcript").asText())
                .isEqualTo("Hello there, world! How are you? fine");

        List<String> rendered = new ArrayList<>();
        for (JsonNode item : results.path("items")) {
            JsonNode alternative = item.at("/alternatives/0");
            rendered.add(item.path("id").asInt() + " " + item.path("type").asText() + " "
                    + alternative.path("content").asText() + " " + alternative.path("confidence").asText() + " "
                    + item.path("start_time").asText("-") + " " + item.path("end_time").asText("-"));
        }
        assertThat(rendered).containsExactly(
                "0 pronunciation Hello 0.98 0.5 0.9",
                "1 pronunciation there 0.98 0.9 1.3",
                "2 punctuation , 0.0 - -",
                "3 pronunciation world 0.42 1.3 1.7",
                "4 punctuation ! 0.0 - -",
                "5 pronunciation How 0.98 1.7 2.1",
                "6 pronunciation are 0.98 2.1 2.5",
                "7 pronunciation you 0.98 2.5 2.9",
                "8 punctuation ? 0.0 - -",
                "9 pronunciation fine 0.5 2.9 3.3");
        JsonNode firstItem = results.path("items").get(0);
        assertThat(firstItem.path("id").isInt()).isTrue();
        assertThat(firstItem.path("start_time").isTextual()).isTrue();
        assertThat(firstItem.at("/alternatives/0/confidence").isTextual()).isTrue();
        assertThat(results.path("items").get(2).has("start_time")).isFalse();

        JsonNode segments = results.path("audio_segments");
        assertThat(segments).hasSize(3);
        assertSegment(segments.get(0), 0, "Hello there, world!", "0.5", "1.7", 0, 1, 2, 3, 4);
        assertSegment(segments.get(1), 1, "How are you?", "1.7", "2.9", 5, 6, 7, 8);
        assertSegment(segments.get(2), 2, "fine", "2.9", "3.3", 9);
    }

    @Test
    void confidenceSuffixMayFollowOrPrecedeThePunctuation() throws Exception {
        JsonNode results = transcribe("One|0.1. Two.|0.2", "suffix").path("results");

        assertThat(results.at("/transcripts/0/transcript").asText()).isEqualTo("One. Two.");
        assertThat(results.at("/items/0/alternatives/0/confidence").asText()).isEqualTo("0.1");
        assertThat(results.at("/items/2/alternatives/0/content").asText()).isEqualTo("Two");
        assertThat(results.at("/items/2/alternatives/0/confidence").asText()).isEqualTo("0.2");
        assertThat(results.path("audio_segments")).hasSize(2);
    }

    @Test
    void transcriptJsonIsWrittenAsGivenWithTheRealJobName() throws Exception {
        String fixture = fixture("01-standard-single-speaker.json");
        JsonNode file = transcribe("#transcript-json\n" + fixture, "fixture");

        ObjectNode expected = (ObjectNode) JSON.readTree(fixture);
        expected.put("jobName", file.path("jobName").asText());
        assertThat(file.path("jobName").asText()).startsWith("fixture-");
        assertThat(file).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#silence", "#silence\nroom tone only", "   \n  "})
    void silenceCompletesWithTheEmptyAudioShape(String media) throws Exception {
        JsonNode results = transcribe(media, "silence").path("results");

        assertThat(results.at("/transcripts/0/transcript").isTextual()).isTrue();
        assertThat(results.at("/transcripts/0/transcript").asText()).isEmpty();
        assertThat(results.path("items").isArray()).isTrue();
        assertThat(results.path("items")).isEmpty();
        assertThat(results.path("audio_segments").isArray()).isTrue();
        assertThat(results.path("audio_segments")).isEmpty();
    }

    @Test
    void languageIdentificationReportsTheFirstOptionAsIdentified() throws Exception {
        s3.put(bucket, "lid.wav", "Guten Tag.");
        String job = unique("lid");

        transcribe.startTranscriptionJob(StartTranscriptionJobRequest.builder()
                .transcriptionJobName(job)
                .media(m -> m.mediaFileUri("s3://" + bucket + "/lid.wav"))
                .identifyLanguage(true)
                .languageOptions(LanguageCode.DE_DE, LanguageCode.EN_US)
                .outputBucketName(bucket)
                .build());
        TranscriptionJob done = awaitTerminal(transcribe, job);

        assertThat(done.languageCode()).isEqualTo(LanguageCode.DE_DE);
        assertThat(done.identifyLanguage()).isTrue();
        assertThat(done.identifiedLanguageScore()).isPositive();
        assertThat(done.languageOptions()).containsExactly(LanguageCode.DE_DE, LanguageCode.EN_US);
        JsonNode results = JSON.readTree(s3.getString(bucket, job + ".json").orElseThrow()).path("results");
        assertThat(results.path("language_code").asText()).isEqualTo("de-DE");
        assertThat(results.at("/language_identification/0/code").asText()).isEqualTo("de-DE");
    }

    private JsonNode transcribe(String media, String prefix) throws IOException {
        String key = prefix + ".wav";
        s3.put(bucket, key, media);
        String job = unique(prefix);
        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/" + key).outputBucketName(bucket).build());
        TranscriptionJob done = awaitTerminal(transcribe, job);
        assertThat(done.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.COMPLETED);
        return JSON.readTree(s3.getString(bucket, job + ".json").orElseThrow());
    }

    private static void assertSegment(JsonNode segment, int id, String transcript, String start, String end,
            int... items) {
        assertThat(segment.path("id").asInt()).isEqualTo(id);
        assertThat(segment.path("transcript").asText()).isEqualTo(transcript);
        assertThat(segment.path("start_time").asText()).isEqualTo(start);
        assertThat(segment.path("end_time").asText()).isEqualTo(end);
        List<Integer> ids = new ArrayList<>();
        segment.path("items").forEach(item -> ids.add(item.asInt()));
        assertThat(ids).containsExactly(Arrays.stream(items).boxed().toArray(Integer[]::new));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = TranscriptContentTest.class.getResourceAsStream("/fixtures/transcribe/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
