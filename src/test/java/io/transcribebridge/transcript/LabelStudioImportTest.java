package io.transcribebridge.transcript;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every output plan's tasks, imported into the Label Studio emulator with strict prediction validation (LS with
 * the validation flag on) into a project with the matching label config, are accepted: 201.
 */
class LabelStudioImportTest {

    private static final SourceObject SOURCE = new SourceObject("audio", "calls/a.wav", "etag-1", 1);
    private static final Path LABEL_CONFIGS = Path.of("src/test/resources/labelstudio");

    private static LabelStudioEmulator ls;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final TranscriptParser parser = new TranscriptParser(mapper);

    @BeforeAll
    static void startLabelStudio() {
        ls = LabelStudioEmulator.start();
        ls.strictPredictionValidation(true);
    }

    @AfterAll
    static void stopLabelStudio() {
        ls.close();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("io.transcribebridge.transcript.Plans#fixturesWithEveryPlan")
    void fixtureTasksAreAccepted(Path fixture, Plans.Config config) throws Exception {
        Transcript transcript = parser.parse(Files.readAllBytes(FixtureTranscripts.DIR.resolve(fixture)));

        assertAccepted(config, transcript);
    }

    static Stream<Arguments> generatedAndPlans() {
        return Stream.of(1L, 2L, 3L, 4L, 5L, 6L)
                .flatMap(seed -> Plans.ALL.stream().map(config -> Arguments.of(seed, config)));
    }

    /** Three speakers, channels, no punctuation, PII: shapes the fixtures do not have. */
    @ParameterizedTest(name = "seed {0} as {1}")
    @MethodSource("generatedAndPlans")
    void generatedTasksAreAccepted(long seed, Plans.Config config) throws Exception {
        TranscriptGenerator.Options options = TranscriptGenerator.Options.random(new Random(seed), 400);
        Transcript transcript = parser.parse(TranscriptGenerator.generate(seed, options).json());

        assertAccepted(config, transcript);
    }

    /** The check is real: Transcribe's own labels are refused by a project that names its speakers. */
    @Test
    void aPlanForAnotherLabelConfigIsRefused() throws Exception {
        int project = ls.createProject("named", Files.readString(LABEL_CONFIGS.resolve("asr-speakers-named.xml")));
        Transcript transcript = parser.parse(FixtureTranscripts.bytes("02-speaker-diarization-2-speakers.json"));
        JsonNode task = new TaskFactory(mapper, Plans.SPEAKERS.plan(), "amazon-transcribe").task(SOURCE, "job",
                transcript);

        HttpResponse<String> response = post("/api/projects/" + project + "/import",
                mapper.createArrayNode().add(task).toString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Valid options: ['Speaker 1', 'Speaker 2']");
        assertThat(ls.tasks(project)).isEmpty();
    }

    private void assertAccepted(Plans.Config config, Transcript transcript) throws Exception {
        int project = ls.createProject(config.name(),
                Files.readString(LABEL_CONFIGS.resolve(config.labelConfigFile())));
        JsonNode task = new TaskFactory(mapper, config.plan(), "amazon-transcribe").task(SOURCE, "job", transcript);

        HttpResponse<String> response = post("/api/projects/" + project + "/import?return_task_ids=true",
                mapper.createArrayNode().add(task).toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(mapper.readTree(response.body()).path("prediction_count").asInt()).isEqualTo(1);
        JsonNode stored = ls.tasks(project).get(0).predictions().get(0);
        assertThat(stored.path("result")).isEqualTo(task.path("predictions").path(0).path("result"));
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ls.url() + path))
                .header("Authorization", "Token " + ls.legacyToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
