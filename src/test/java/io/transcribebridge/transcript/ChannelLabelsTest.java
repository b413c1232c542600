package io.transcribebridge.transcript;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.config.ProjectIntrospection;
import io.transcribebridge.config.TestSettings;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.labelstudio.LabelStudioProjects.Project;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A channel-identified transcript in a project whose Labels are speaker names: from the project's labeling config
 * through the start-up plan to the regions, with no LABEL_STUDIO_SPEAKER_LABELS. ch_0 gets the first label, ch_1 the
 * second, in the config's order.
 */
class ChannelLabelsTest {

    private static final SourceObject SOURCE = new SourceObject("audio", "calls/stereo.wav", "e1", 42);

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, String> settings = TestSettings.required();

    ChannelLabelsTest() {
        settings.put("transcribe.channel-identification", "true");
    }

    @Test
    void agentAndCustomerLabelsGetOneChannelEach() {
        Map<Integer, List<String>> labels = labelsByChannel(labelsConfig("Agent", "Customer"));

        assertThat(labels).containsExactly(Map.entry(0, List.of("Agent", "Agent")),
                Map.entry(1, List.of("Customer", "Customer")));
    }

    @Test
    void theShippedSpeakersConfigWithItsDefaultLabelOtherNeedsNoMapping() {
        // Agent, Customer, Other: the default label is not a channel's
        settings.put("label-studio.default-label", "Other");

        Map<Integer, List<String>> labels = labelsByChannel(read(SHIPPED_SPEAKERS));

        assertThat(labels).containsExactly(Map.entry(0, List.of("Agent", "Agent")),
                Map.entry(1, List.of("Customer", "Customer")));
    }

    @Test
    void speakerNamedLabelsGetOneChannelEach() {
        Map<Integer, List<String>> labels = labelsByChannel(labelsConfig("spk_0", "spk_1"));

        assertThat(labels).containsExactly(Map.entry(0, List.of("spk_0", "spk_0")),
                Map.entry(1, List.of("spk_1", "spk_1")));
    }

    @Test
    void aConfiguredMappingWins() {
        settings.put("label-studio.speaker-labels", "ch_0=Customer,ch_1=Agent");

        Map<Integer, List<String>> labels = labelsByChannel(labelsConfig("Agent", "Customer"));

        assertThat(labels).containsExactly(Map.entry(0, List.of("Customer", "Customer")),
                Map.entry(1, List.of("Agent", "Agent")));
    }

    @Test
    void channelLabelsInTheConfigAreTakenAsTheyAre() {
        Map<Integer, List<String>> labels = labelsByChannel(labelsConfig("ch_1", "ch_0"));

        assertThat(labels).containsExactly(Map.entry(0, List.of("ch_0", "ch_0")),
                Map.entry(1, List.of("ch_1", "ch_1")));
    }

    @Test
    void withTooFewLabelsEveryRegionGetsTheDefaultLabel() {
        // Speech is the default label: Noise alone cannot tell two channels apart
        Map<Integer, List<String>> labels = labelsByChannel(labelsConfig("Speech", "Noise"));

        assertThat(labels).containsExactly(Map.entry(0, List.of("Speech", "Speech")),
                Map.entry(1, List.of("Speech", "Speech")));
    }

    private static final Path SHIPPED_SPEAKERS = Path.of("config/labelstudio/segments-speakers.xml");

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String labelsConfig(String... values) {
        StringBuilder config = new StringBuilder("<View>\n  <Labels name=\"speaker\" toName=\"audio\">\n");
        for (String value : values) {
            config.append("    <Label value=\"").append(value).append("\"/>\n");
        }
        return config.append("""
                  </Labels>
                  <Audio name="audio" value="$audio"/>
                  <TextArea name="transcription" toName="audio" perRegion="true"/>
                </View>""").toString();
    }

    /** The label of each region of the channel fixture, per channel, in region order. */
    private Map<Integer, List<String>> labelsByChannel(String labelConfig) {
        OutputPlan plan = ProjectIntrospection.plan(TestSettings.load(settings),
                new Project(7, "Calls", labelConfig, "")).plan();
        Transcript transcript = new TranscriptParser(mapper)
                .parse(FixtureTranscripts.bytes("03-channel-identification-2-channels.json"));
        JsonNode result = new TaskFactory(mapper, plan, "amazon-transcribe").task(SOURCE, "j", transcript)
                .path("predictions").path(0).path("result");
        Map<Integer, List<String>> labels = new LinkedHashMap<>();
        for (JsonNode region : result) {
            if (region.path("type").asText().equals("labels")) {
                labels.computeIfAbsent(region.path("value").path("channel").asInt(), channel -> new java.util.ArrayList<>())
                        .add(region.path("value").path("labels").path(0).asText());
            }
        }
        return labels;
    }
}
