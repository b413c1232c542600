package io.transcribebridge.transcript;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        assertThat(ItemText.join(transcript.items(), 0, transcript.items().size())).isEqualTo(transcript.text());
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

    @Test
    void readsAudioSegmentsAndItemIds() {
        Transcript transcript = parser.parse(FixtureTranscripts.bytes("02-speaker-diarization-2-speakers.json"));

        assertThat(transcript.items()).extracting(TranscriptItem::id).startsWith(0, 1, 2);
        assertThat(transcript.audioSegments()).hasSize(4);
        AudioSegment second = transcript.audioSegments().get(1);
        assertThat(second.id()).isEqualTo(1);
        assertThat(second.startTime()).isEqualTo(3.95);
        assertThat(second.endTime()).isEqualTo(5.985);
        assertThat(second.speakerLabel()).isEqualTo("spk_1");
        assertThat(second.itemIds()).startsWith(10, 11).endsWith(17);
        assertThat(transcript.audioSeconds()).isEqualTo(12.77);
        assertThat(transcript.hasChannels()).isFalse();
    }

    @Test
    void itemsWithoutSpeakerGetItFromTheSpeakerSegmentsByTime() throws Exception {
        ObjectNode json = fixture("02-speaker-diarization-2-speakers.json");
        List<String> speakers = parse(json).items().stream().map(TranscriptItem::speakerLabel).toList();
        removeFromEach(json.path("results").path("items"), "speaker_label");
        Transcript fromTurns = parse(json);
        removeFromEach(json.path("results").path("speaker_labels").path("segments"), "items");
        Transcript fromSegments = parse(json);

        assertThat(speakers).contains("spk_0", "spk_1").doesNotContainNull();
        assertThat(fromTurns.items()).extracting(TranscriptItem::speakerLabel).isEqualTo(speakers);
        assertThat(fromSegments.items()).extracting(TranscriptItem::speakerLabel).isEqualTo(speakers);
    }

    @Test
    void channelItemsAreMergedByTimeWhenTheTopLevelItemsAreMissing() throws Exception {
        ObjectNode json = fixture("03-channel-identification-2-channels.json");
        Transcript merged = parse(json);
        ((ObjectNode) json.path("results")).remove("items");

        Transcript fromChannels = parse(json);

        assertThat(fromChannels.items()).isEqualTo(merged.items());
        assertThat(fromChannels.channelLabels()).containsExactly("ch_0", "ch_1");
        assertThat(fromChannels.hasChannels()).isTrue();
        assertThat(fromChannels.channelIndex("ch_1")).isEqualTo(1);
    }

    @Test
    void unlabelledTopLevelItemsGetTheirChannelFromTheChannelLists() throws Exception {
        ObjectNode json = fixture("03-channel-identification-2-channels.json");
        List<String> channels = parse(json).items().stream().map(TranscriptItem::channelLabel).toList();
        removeFromEach(json.path("results").path("items"), "channel_label");
        Transcript byId = parse(json);
        removeFromEach(json.path("results").path("items"), "id");
        Transcript byTime = parse(json);

        assertThat(byId.items()).extracting(TranscriptItem::channelLabel).isEqualTo(channels);
        assertThat(byTime.items()).extracting(TranscriptItem::channelLabel).isEqualTo(channels);
    }

    @Test
    void languageIdentificationIsReadAndOnlyItMeansAnIdentifiedLanguage() {
        Transcript identified = parser.parse(FixtureTranscripts.bytes("04-language-identification.json"));
        assertThat(identified.languageIdentification()).containsExactly(new LanguageScore("en-GB", 0.9712),
                new LanguageScore("en-US", 0.0213), new LanguageScore("en-AU", 0.0075));
        assertThat(identified.identifiedLanguage()).contains("en-GB");

        Transcript configured = parser.parse("""
                {"results":{"language_code":"en-US","items":[]}}""".getBytes(StandardCharsets.UTF_8));
        assertThat(configured.languageCode()).isEqualTo("en-US");
        assertThat(configured.identifiedLanguage()).isEmpty();

        Transcript scoresOnly = parser.parse("""
                {"results":{"language_identification":[{"code":"de-DE","score":0.2},{"code":"fr-FR","score":"0.8"}]}}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(scoresOnly.identifiedLanguage()).contains("fr-FR");
    }

    @Test
    void toleratesAnyKeyOrderUnknownKeysNullBlocksAndMissingIds() {
        String json = """
                {"results":{"speaker_labels":null,"channel_labels":null,"audio_segments":null,"unknown":{"a":[1]},
                  "items":[{"alternatives":[{"content":"Hi","confidence":"0.9","extra":true}],"language_code":"en-US",
                            "end_time":"0.4","start_time":"0.1","type":"pronunciation"}],
                  "transcripts":[{"transcript":"Hi"}]},
                 "status":"COMPLETED","jobName":"late-name","isRedacted":false}""";

        Transcript transcript = parser.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(transcript.jobName()).isEqualTo("late-name");
        assertThat(transcript.items()).containsExactly(new TranscriptItem(null, TranscriptItem.Type.PRONUNCIATION,
                "Hi", 0.9, 0.1, 0.4, null, null));
        assertThat(transcript.audioSegments()).isEmpty();
    }

    @Test
    void readsFromAStream() {
        Transcript transcript = parser.parse(new ByteArrayInputStream(FixtureTranscripts.bytes("01-standard-single-speaker.json")));

        assertThat(transcript.items()).hasSize(44);
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

    private ObjectNode fixture(String name) throws Exception {
        return (ObjectNode) mapper.readTree(FixtureTranscripts.bytes(name));
    }

    private Transcript parse(JsonNode json) throws Exception {
        return parser.parse(mapper.writeValueAsBytes(json));
    }

    private static void removeFromEach(JsonNode array, String field) {
        array.forEach(element -> ((ObjectNode) element).remove(field));
    }
}
