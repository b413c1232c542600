package io.transcribebridge.transcript;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.intake.SourceObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PredictionInvariants} over every fixture and over seeded random transcripts of every shape, in every
 * output plan. A failing seed reproduces with {@code TranscriptGenerator.generate(seed, ...)}.
 */
class ConversionPropertiesTest {

    private static final SourceObject SOURCE = new SourceObject("audio", "calls/a.wav", "etag-1", 1);
    private static final long FIRST_SEED = 20_240_601;
    private static final int SEEDS = 150;

    private final ObjectMapper mapper = new ObjectMapper();
    private final TranscriptParser parser = new TranscriptParser(mapper);

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("io.transcribebridge.transcript.Plans#fixturesWithEveryPlan")
    void fixturesKeepEveryWordInOrderedValidRegions(Path file, Plans.Config config) throws Exception {
        Transcript transcript = parser.parse(Files.readAllBytes(FixtureTranscripts.DIR.resolve(file)));
        JsonNode task = new TaskFactory(mapper, config.plan(), "m").task(SOURCE, "job", transcript);

        PredictionInvariants.check(file + " as " + config, transcript, transcript.text(), config.plan(), task);
        PredictionInvariants.checkMaxLength(file + " as " + config, config.plan(), task);
    }

    static LongStream seeds() {
        return LongStream.range(FIRST_SEED, FIRST_SEED + SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedTranscriptsKeepEveryWordInOrderedValidRegions(long seed) {
        TranscriptGenerator.Options options = TranscriptGenerator.Options.random(new Random(seed), 600);
        TranscriptGenerator.Generated generated = TranscriptGenerator.generate(seed, options);
        Transcript transcript = parser.parse(generated.json());
        assertThat(transcript.text()).isEqualTo(generated.text());
        assertThat(ItemText.join(transcript.items(), 0, transcript.items().size())).as("items in transcript order")
                .isEqualTo(generated.text());

        for (Plans.Config config : Plans.ALL) {
            for (OutputPlan plan : List.of(config.plan(), withSegmentation(config.plan(), 10, 0.8))) {
                String what = "seed " + seed + " " + options + " as " + config;
                JsonNode task = new TaskFactory(mapper, plan, "m").task(SOURCE, "job", transcript);
                PredictionInvariants.check(what, transcript, generated.text(), plan, task);
                PredictionInvariants.checkMaxLength(what, plan, task);
            }
        }
    }

    private static OutputPlan withSegmentation(OutputPlan plan, double maxSeconds, double pauseSeconds) {
        return new OutputPlan(plan.mode(), plan.layout(), plan.labelsName(), plan.labelValues(), plan.speakerLabels(),
                plan.defaultLabel(), plan.scoring(), new OutputPlan.Segmentation(maxSeconds, pauseSeconds));
    }
}
