package io.transcribebridge.transcript;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.labelstudio.TaskLayout;
import io.transcribebridge.transcript.OutputPlan.ScoreMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskFactoryTest {

    private static final SourceObject SOURCE =
            new SourceObject("my-audio", "calls/Zürich 2024/call + 1%.wav", "abc123", 42);

    private final ObjectMapper mapper = new ObjectMapper();
    private final TranscriptParser parser = new TranscriptParser(mapper);
    private final TaskFactory factory = new TaskFactory(mapper, TaskLayout.ASR_TEMPLATE, "amazon-transcribe");

    /** The fixtures with words; silence gets no result (silenceInWholeFileModeIsAnEmptyPredictionWithoutScore). */
    static List<Path> fixturesWithText() {
        return FixtureTranscripts.all().stream().filter(file -> !file.endsWith("06-empty-audio.json")).toList();
    }

    @ParameterizedTest
    @MethodSource("fixturesWithText")
    void everyFixtureWithWordsBecomesOneTaskWithOneTextareaPrediction(Path file) throws Exception {
        Transcript transcript = parser.parse(Files.readAllBytes(file));
        JsonNode task = factory.task(SOURCE, "tb-job-1", transcript);

        assertThat(task.path("data").path("audio").asText()).isEqualTo("s3://my-audio/calls/Zürich 2024/call + 1%.wav");
        assertThat(task.path("data").path("source_uri").asText()).isEqualTo(task.path("data").path("audio").asText());
        assertThat(task.path("data").path("transcribe_job").asText()).isEqualTo("tb-job-1");

        assertThat(task.path("predictions")).hasSize(1);
        JsonNode prediction = task.path("predictions").path(0);
        assertThat(prediction.path("model_version").asText()).isEqualTo(transcript.identifiedLanguage()
                .map(language -> "amazon-transcribe/" + language).orElse("amazon-transcribe"));
        assertThat(prediction.path("result")).hasSize(1);
        JsonNode result = prediction.path("result").path(0);
        assertThat(result.path("from_name").asText()).isEqualTo("transcription");
        assertThat(result.path("to_name").asText()).isEqualTo("audio");
        assertThat(result.path("type").asText()).isEqualTo("textarea");
        assertThat(result.path("value").size()).as("only 'text' in the value").isEqualTo(1);
        assertThat(result.path("value").path("text")).hasSize(1);
        assertThat(result.path("value").path("text").path(0).asText()).isEqualTo(transcript.text());

        if (transcript.meanConfidence().isPresent()) {
            double score = prediction.path("score").asDouble();
            assertThat(score).isBetween(0.0, 1.0);
            assertThat(score).isCloseTo(transcript.meanConfidence().getAsDouble(),
                    org.assertj.core.api.Assertions.within(0.0001));
        } else {
            assertThat(prediction.has("score")).as("no words, no score").isFalse();
        }
    }

    @Test
    void standardFixtureGolden() throws Exception {
        JsonNode task = factory.task(SOURCE, "tb-job-1",
                parser.parse(FixtureTranscripts.bytes("01-standard-single-speaker.json")));
        JsonNode prediction = task.path("predictions").path(0);
        assertThat(prediction.path("result").path(0).path("value").path("text").path(0).asText())
                .startsWith("Good morning, and welcome to the quarterly operations review.")
                .endsWith("because they affected almost every region.");
        assertThat(task.path("meta").path("words").asLong()).isGreaterThan(30);
    }

    @Test
    void namesComeFromTheLayout() {
        TaskFactory custom = new TaskFactory(mapper, new TaskLayout("text", "recording", "$url"), "v2");
        JsonNode task = custom.task(SOURCE, "j",
                parser.parse(FixtureTranscripts.bytes("01-standard-single-speaker.json")));
        assertThat(task.path("data").has("url")).isTrue();
        assertThat(task.path("predictions").path(0).path("result").path(0).path("from_name").asText()).isEqualTo("text");
        assertThat(task.path("predictions").path(0).path("result").path(0).path("to_name").asText()).isEqualTo("recording");
        assertThat(task.path("predictions").path(0).path("model_version").asText()).isEqualTo("v2");
    }

    @Test
    void modelVersionIsRequired() {
        assertThatThrownBy(() -> new TaskFactory(mapper, TaskLayout.ASR_TEMPLATE, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLayoutConstructorMeansTodaysWholeFileOutput() {
        Transcript transcript = parser.parse(FixtureTranscripts.bytes("02-speaker-diarization-2-speakers.json"));

        assertThat(factory.task(SOURCE, "j", transcript)).isEqualTo(
                new TaskFactory(mapper, OutputPlan.wholeFile(TaskLayout.ASR_TEMPLATE), "amazon-transcribe")
                        .task(SOURCE, "j", transcript));
    }

    @Test
    void anIdentifiedLanguageGoesIntoTheDataAndTheModelVersion() {
        JsonNode task = factory.task(SOURCE, "j", parser.parse(FixtureTranscripts.bytes("04-language-identification.json")));

        assertThat(task.path("data").path("language").asText()).isEqualTo("en-GB");
        assertThat(task.path("predictions").path(0).path("model_version").asText())
                .isEqualTo("amazon-transcribe/en-GB");
    }

    @Test
    void aConfiguredLanguageChangesNothing() {
        Transcript transcript = parser.parse("""
                {"results":{"language_code":"en-US","transcripts":[{"transcript":"Hi"}],
                 "items":[{"type":"pronunciation","alternatives":[{"confidence":"0.9","content":"Hi"}],
                           "start_time":"0.1","end_time":"0.3"}]}}""".getBytes(StandardCharsets.UTF_8));

        JsonNode task = factory.task(SOURCE, "j", transcript);

        assertThat(task.path("data").has("language")).isFalse();
        assertThat(task.path("predictions").path(0).path("model_version").asText()).isEqualTo("amazon-transcribe");
    }

    @ParameterizedTest
    @EnumSource(ScoreMethod.class)
    void thePredictionIsScoredByThePlansMethodWithTheFiguresInTheMeta(ScoreMethod method) {
        Transcript transcript = new Items().confidence(0.9).word("one", 0, 1).confidence(0.5).word("two", 1, 2)
                .confidence(0.7).word("three", 29, 30).transcript();

        JsonNode task = factory(wholeFile(method, 0.6)).task(SOURCE, "j", transcript);

        double expected = switch (method) {
            case MEAN -> 0.7;
            case MIN -> 0.5;
            case ERRORS_PER_MINUTE -> 0.3571;
        };
        assertThat(task.path("predictions").path(0).path("score").asDouble()).isEqualTo(expected);
        JsonNode meta = task.path("meta");
        assertThat(meta.path("score_method").asText()).isEqualTo(method.name());
        assertThat(meta.path("mean_confidence").asDouble()).isEqualTo(0.7);
        assertThat(meta.path("min_confidence").asDouble()).isEqualTo(0.5);
        assertThat(meta.path("expected_errors_per_minute").asDouble()).isEqualTo(1.8);
        assertThat(meta.path("audio_seconds").asDouble()).isEqualTo(30.0);
        assertThat(meta.path("low_confidence_words").asInt()).isEqualTo(1);
        assertThat(meta.path("low_confidence").toString())
                .isEqualTo("[{\"word\":\"two\",\"confidence\":0.5,\"start\":1.0}]");
    }

    @Test
    void wholeFileMetaListsAtMostAHundredLowConfidenceWords() {
        Items items = new Items().confidence(0.1);
        for (int i = 0; i < 150; i++) {
            items.word("w" + i, i, i + 0.5);
        }

        JsonNode meta = factory(wholeFile(ScoreMethod.MEAN, 0.5)).task(SOURCE, "j", items.transcript()).path("meta");

        assertThat(meta.path("low_confidence_words").asInt()).isEqualTo(150);
        assertThat(meta.path("low_confidence")).hasSize(TaskFactory.LISTED_LOW_CONFIDENCE_WORDS);
    }

    @Test
    void segmentRegionsCarryTheirScoreAndLowConfidenceWordsOnBothResults() {
        Transcript transcript = new Items().speaker("spk_0").confidence(0.42).word("Hello", 0, 0.4).mark(".")
                .speaker("spk_1").confidence(0.9).word("Hi", 0.5, 0.7).transcript();

        JsonNode result = factory(Plans.SPEAKERS_NAMED.plan()).task(SOURCE, "j", transcript)
                .path("predictions").path(0).path("result");

        assertThat(result).hasSize(4);
        for (JsonNode one : List.of(result.get(0), result.get(1))) {
            assertThat(one.path("id").asText()).isEqualTo("seg_000");
            assertThat(one.path("score").asDouble()).isEqualTo(0.42);
            assertThat(one.path("meta").toString()).isEqualTo("{\"text\":[\"low confidence: Hello (0.42)\"]}");
        }
        assertThat(result.get(0).path("value").path("labels").path(0).asText()).isEqualTo("Speaker 1");
        assertThat(result.get(2).path("value").path("labels").path(0).asText()).isEqualTo("Speaker 2");
        assertThat(result.get(3).has("meta")).isFalse();
        assertThat(result.get(3).path("value").toString()).isEqualTo("{\"start\":0.5,\"end\":0.7,\"text\":[\"Hi\"]}");
    }

    @Test
    void withoutALabelsControlSegmentsAreTextareaResultsOnly() {
        OutputPlan plan = new OutputPlan(OutputPlan.Mode.SEGMENTS, TaskLayout.ASR_TEMPLATE, null, List.of(), Map.of(),
                null, new OutputPlan.Scoring(ScoreMethod.MEAN, 0.5), Plans.SEGMENTATION);

        JsonNode result = factory(plan).task(SOURCE, "j",
                parser.parse(FixtureTranscripts.bytes("02-speaker-diarization-2-speakers.json")))
                .path("predictions").path(0).path("result");

        assertThat(result).hasSize(4).allSatisfy(one -> assertThat(one.path("type").asText()).isEqualTo("textarea"));
    }

    @Test
    void silenceInSegmentModeIsAnEmptyPredictionWithoutScore() {
        JsonNode prediction = factory(Plans.SEGMENTS.plan()).task(SOURCE, "j",
                parser.parse(FixtureTranscripts.bytes("06-empty-audio.json"))).path("predictions").path(0);

        assertThat(prediction.path("result")).isEmpty();
        assertThat(prediction.has("score")).isFalse();
    }

    @Test
    void silenceInWholeFileModeIsAnEmptyPredictionWithoutScore() {
        // a textarea result with text [""] shows as an empty chip and, with maxSubmissions="1", no input box
        JsonNode task = factory.task(SOURCE, "j", parser.parse(FixtureTranscripts.bytes("06-empty-audio.json")));
        JsonNode prediction = task.path("predictions").path(0);

        assertThat(prediction.path("result").isArray()).isTrue();
        assertThat(prediction.path("result")).isEmpty();
        assertThat(prediction.path("model_version").asText()).isEqualTo("amazon-transcribe");
        assertThat(prediction.has("score")).isFalse();
        assertThat(task.path("meta").path("words").asInt()).isZero();
    }

    private TaskFactory factory(OutputPlan plan) {
        return new TaskFactory(mapper, plan, "amazon-transcribe");
    }

    private static OutputPlan wholeFile(ScoreMethod method, double lowConfidence) {
        return new OutputPlan(OutputPlan.Mode.WHOLE_FILE, TaskLayout.ASR_TEMPLATE, null, List.of(), Map.of(), null,
                new OutputPlan.Scoring(method, lowConfidence), Plans.SEGMENTATION);
    }
}
