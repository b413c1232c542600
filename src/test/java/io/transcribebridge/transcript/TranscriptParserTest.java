package io.transcribebridge.transcript;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TranscriptParserTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final TranscriptParser parser = new TranscriptParser(mapper);

    static List<Path> fixtures() {
        return FixtureTranscripts.all();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readsEveryFixtureTextAndWords(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        JsonNode raw = mapper.readTree(bytes);
        Transcript transcript = parser.parse(bytes);

        assertThat(transcript.jobName()).isEqualTo(raw.path("jobName").asText());
        assertThat(transcript.text()).isEqualTo(raw.path("results").path("transcripts").path(0).path("transcript").asText());
        assertThat(transcript.items()).hasSize(raw.path("results").path("items").size());
        // the fixture README's rule: joining item contents gives the transcript
        assertThat(TranscriptParser.joinItems(transcript.items())).isEqualTo(transcript.text());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void meanConfidenceCoversSpokenWordsThatHaveOne(Path file) throws Exception {
        JsonNode items = mapper.readTree(file.toFile()).path("results").path("items");
        double sum = 0;
        int count = 0;
        for (JsonNode item : items) {
            JsonNode confidence = item.path("alternatives").path(0).path("confidence");
            if ("pronunciation".equals(item.path("type").asText()) && !confidence.isMissingNode()) {
                sum += Double.parseDouble(confidence.asText());
                count++;
            }
        }
        Transcript transcript = parser.parse(Files.readAllBytes(file));
        if (count == 0) {
            assertThat(transcript.meanConfidence()).isEmpty();
        } else {
            assertThat(transcript.meanConfidence().getAsDouble()).isCloseTo(sum / count, within(1e-12));
        }
    }

    @Test
    void redactedItemsHaveNoConfidenceAndAreLeftOutOfTheMean() {
        Transcript transcript = parser.parse(FixtureTranscripts.bytes("05-redacted-pii.json"));
        assertThat(transcript.redacted()).isTrue();
        assertThat(transcript.text()).contains("[PII]");
        assertThat(transcript.items()).filteredOn(i -> i.content().equals("[PII]"))
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.confidence()).isNull());
        assertThat(transcript.meanConfidence()).isPresent();
    }

    @Test
    void speakerChannelAndLanguageAreRead() {
        assertThat(parser.parse(FixtureTranscripts.bytes("02-speaker-diarization-2-speakers.json")).items())
                .extracting(TranscriptItem::speakerLabel).contains("spk_0", "spk_1");
        assertThat(parser.parse(FixtureTranscripts.bytes("03-channel-identification-2-channels.json")).items())
                .extracting(TranscriptItem::channelLabel).contains("ch_0", "ch_1");
        assertThat(parser.parse(FixtureTranscripts.bytes("04-language-identification.json")).languageCode())
                .isEqualTo("en-GB");
    }

    @Test
    void emptyAudioIsAnEmptyTranscriptNotAnError() {
        Transcript transcript = parser.parse(FixtureTranscripts.bytes("06-empty-audio.json"));
        assertThat(transcript.text()).isEmpty();
        assertThat(transcript.items()).isEmpty();
        assertThat(transcript.wordCount()).isZero();
        assertThat(transcript.meanConfidence()).isEmpty();
    }

    @Test
    void acceptsLocalStackStyleNumbersAndNoPunctuation() {
        String json = """
                {"jobName":"j","status":"COMPLETED","results":{"transcripts":[{"transcript":"hello world"}],
                 "items":[{"start_time":0.5,"end_time":0.9,"type":"pronunciation","alternatives":[{"confidence":0.75,"content":"hello"}]},
                          {"start_time":1.0,"end_time":1.4,"type":"pronunciation","alternatives":[{"confidence":0.25,"content":"world"}]}]}}""";
        Transcript transcript = parser.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(transcript.meanConfidence().getAsDouble()).isEqualTo(0.5);
        assertThat(transcript.items().get(1).startTime()).isEqualTo(1.0);
    }

    @Test
    void rebuildsTheTextFromItemsWhenTranscriptsAreMissing() {
        String json = """
                {"results":{"items":[
                  {"type":"pronunciation","alternatives":[{"confidence":"0.9","content":"Hi"}],"start_time":"0.1","end_time":"0.2"},
                  {"type":"punctuation","alternatives":[{"confidence":"0.0","content":","}]},
                  {"type":"pronunciation","alternatives":[{"confidence":"0.9","content":"there"}],"start_time":"0.3","end_time":"0.4"},
                  {"type":"punctuation","alternatives":[{"confidence":"0.0","content":"."}]}]}}""";
        assertThat(parser.parse(json.getBytes(StandardCharsets.UTF_8)).text()).isEqualTo("Hi, there.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not json", "[1,2]", "{\"jobName\":\"j\"}", "{\"results\":\"x\"}",
                             "{\"results\":{\"items\":{}}}",
                             "{\"results\":{\"items\":[{\"type\":\"pronunciation\",\"start_time\":\"abc\"}]}}" })
    void rejectsFilesThatAreNotTranscripts(String content) {
        assertThatThrownBy(() -> parser.parse(content.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedTranscriptException.class)
                .hasMessageStartingWith("transcript");
    }
}
