package io.transcribebridge.transcript;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.transcribebridge.labelstudio.TaskLayout;
import io.transcribebridge.transcript.OutputPlan.Mode;
import io.transcribebridge.transcript.OutputPlan.ScoreMethod;
import io.transcribebridge.transcript.OutputPlan.Scoring;
import io.transcribebridge.transcript.OutputPlan.Segmentation;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The output plans of the four label configs in src/test/resources/labelstudio, as project introspection would
 * build them. They use different score methods and thresholds so that the golden files cover all three methods and
 * the fixtures' few low-confidence words get listed.
 */
final class Plans {

    /** A label config file and the plan for it; {@code name} is also the golden file suffix. */
    record Config(String name, String labelConfigFile, OutputPlan plan) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Segmentation SEGMENTATION = new Segmentation(30, 1.5);

    static final Config WHOLE_FILE = new Config("asr-whole-file", "asr-whole-file.xml",
            new OutputPlan(Mode.WHOLE_FILE, TaskLayout.ASR_TEMPLATE, null, List.of(), Map.of(), null,
                    new Scoring(ScoreMethod.MEAN, 0.9), SEGMENTATION));

    static final Config SEGMENTS = new Config("asr-segments", "asr-segments.xml",
            new OutputPlan(Mode.SEGMENTS, TaskLayout.ASR_TEMPLATE, "labels", List.of("Speech", "Noise"), Map.of(),
                    "Speech", new Scoring(ScoreMethod.MIN, 0.9), SEGMENTATION));

    static final Config SPEAKERS = new Config("asr-speakers", "asr-speakers.xml",
            new OutputPlan(Mode.SEGMENTS, TaskLayout.ASR_TEMPLATE, "speaker", List.of("spk_0", "spk_1"),
                    // as introspection maps them: speakers as they are, channels onto the Labels in config order
                    Map.of("spk_0", "spk_0", "spk_1", "spk_1", "ch_0", "spk_0", "ch_1", "spk_1"),
                    null, new Scoring(ScoreMethod.ERRORS_PER_MINUTE, 0.6), SEGMENTATION));

    static final Config SPEAKERS_NAMED = new Config("asr-speakers-named", "asr-speakers-named.xml",
            new OutputPlan(Mode.SEGMENTS, TaskLayout.ASR_TEMPLATE, "speaker", List.of("Speaker 1", "Speaker 2"),
                    Map.of("spk_0", "Speaker 1", "spk_1", "Speaker 2", "ch_0", "Speaker 1", "ch_1", "Speaker 2"),
                    "Speaker 1", new Scoring(ScoreMethod.MEAN, 0.6), SEGMENTATION));

    static final List<Config> ALL = List.of(WHOLE_FILE, SEGMENTS, SPEAKERS, SPEAKERS_NAMED);

    private Plans() {
    }

    /** Every fixture's file name with every config, for {@code @MethodSource("...Plans#fixturesWithEveryPlan")}. */
    static Stream<Arguments> fixturesWithEveryPlan() {
        return FixtureTranscripts.all().stream()
                .flatMap(file -> ALL.stream().map(config -> Arguments.of(file.getFileName(), config)));
    }
}
