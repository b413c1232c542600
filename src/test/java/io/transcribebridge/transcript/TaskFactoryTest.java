package io.transcribebridge.transcript;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.labelstudio.TaskLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskFactoryTest {

    private static final SourceObject SOURCE =
            new SourceObject("my-audio", "calls/Zürich 2024/call + 1%.wav", "abc123", 42);

    private final ObjectMapper mapper = new ObjectMapper();
    private final TranscriptParser parser = new TranscriptParser(mapper);
    private final TaskFactory factory = new TaskFactory(mapper, TaskLayout.ASR_TEMPLATE, "amazon-transcribe");

    static List<Path> fixtures() {
        return FixtureTranscripts.all();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureBecomesOneTaskWithOneTextareaPrediction(Path file) throws Exception {
        Transcript transcript = parser.parse(Files.readAllBytes(file));
        JsonNode task = factory.task(SOURCE, "tb-job-1", transcript);

        assertThat(task.path("data").path("audio").asText()).isEqualTo("s3://my-audio/calls/Zürich 2024/call + 1%.wav");
        assertThat(task.path("data").path("source_uri").asText()).isEqualTo(task.path("data").path("audio").asText());
        assertThat(task.path("data").path("transcribe_job").asText()).isEqualTo("tb-job-1");

        assertThat(task.path("predictions")).hasSize(1);
        JsonNode prediction = task.path("predictions").path(0);
        assertThat(prediction.path("model_version").asText()).isEqualTo("amazon-transcribe");
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
        JsonNode task = custom.task(SOURCE, "j", parser.parse(FixtureTranscripts.bytes("06-empty-audio.json")));
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
}
