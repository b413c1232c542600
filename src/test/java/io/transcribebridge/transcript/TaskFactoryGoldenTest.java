package io.transcribebridge.transcript;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.intake.SourceObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task each fixture becomes in each output plan, compared with src/test/resources/golden/FIXTURE.PLAN.json.
 * <p>
 * After an intended change of the output, regenerate the files and review the diff before committing:
 * <pre>mvn -o test -Dtest=TaskFactoryGoldenTest -Dgolden.update=true && git diff src/test/resources/golden</pre>
 */
class TaskFactoryGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final SourceObject SOURCE =
            new SourceObject("my-audio", "calls/2024/call-0001.wav", "abc123", 42);

    private final ObjectMapper mapper = new ObjectMapper();
    private final TranscriptParser parser = new TranscriptParser(mapper);

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("io.transcribebridge.transcript.Plans#fixturesWithEveryPlan")
    void taskMatchesTheGoldenFile(Path fixture, Plans.Config config) throws Exception {
        byte[] json = Files.readAllBytes(FixtureTranscripts.DIR.resolve(fixture));
        assertMatchesGolden(json, config, stem(fixture) + "." + config.name() + ".json");
    }

    /** Older output has no audio_segments: the segments are built from the items. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void withoutAudioSegmentsTaskMatchesTheGoldenFile(Path fixture) throws Exception {
        ObjectNode json = (ObjectNode) mapper.readTree(FixtureTranscripts.DIR.resolve(fixture).toFile());
        ((ObjectNode) json.path("results")).remove("audio_segments");
        assertMatchesGolden(mapper.writeValueAsBytes(json), Plans.SPEAKERS_NAMED,
                stem(fixture) + ".no-audio-segments." + Plans.SPEAKERS_NAMED.name() + ".json");
    }

    static Stream<Path> fixtures() {
        return FixtureTranscripts.all().stream().map(Path::getFileName);
    }

    private void assertMatchesGolden(byte[] transcriptJson, Plans.Config config, String goldenName)
            throws Exception {
        Transcript transcript = parser.parse(transcriptJson);
        JsonNode task = new TaskFactory(mapper, config.plan(), "amazon-transcribe").task(SOURCE, "tb-job-1",
                transcript);
        String actual = pretty(task);
        Path golden = GOLDEN.resolve(goldenName);

        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual);
            return;
        }
        assertThat(golden).as("golden file; create it with -Dgolden.update=true").exists();
        assertThat(actual).isEqualTo(pretty(mapper.readTree(golden.toFile())));
    }

    private static String stem(Path fixture) {
        return fixture.toString().replaceFirst("\\.json$", "");
    }

    private String pretty(JsonNode json) throws Exception {
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    }
}
