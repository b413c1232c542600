package io.transcribebridge.config;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.labelstudio.LabelStudioAuth;
import io.transcribebridge.labelstudio.LabelStudioProjects;
import io.transcribebridge.labelstudio.TaskLayout;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import io.transcribebridge.transcript.OutputPlan;
import io.transcribebridge.transcript.OutputPlan.Mode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The labeling configs shipped in config/labelstudio/, each set up as a Label Studio project (the emulator parses it
 * as Label Studio would) and read by the service's start-up introspection with the settings its comment names.
 */
class ShippedLabelConfigsTest {

    private static final Path SHIPPED = Path.of("config/labelstudio");
    private static LabelStudioEmulator labelStudio;

    @BeforeAll
    static void start() {
        labelStudio = LabelStudioEmulator.start();
    }

    @AfterAll
    static void stop() {
        labelStudio.close();
    }

    private static ProjectIntrospection.Planned introspect(String file, Map<String, String> settings)
            throws IOException {
        int project = labelStudio.createProject(file, Files.readString(SHIPPED.resolve(file)));
        Map<String, String> values = TestSettings.required();
        values.putAll(settings);
        values.putAll(Map.of("label-studio.url", labelStudio.url().toString(),
                "label-studio.api-key", labelStudio.legacyToken(), "label-studio.project-id",
                Integer.toString(project)));
        BridgeSettings bridgeSettings = TestSettings.load(values);
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper mapper = new ObjectMapper();
        LabelStudioAuth auth = new LabelStudioAuth(labelStudio.url(), labelStudio.legacyToken(), http, mapper,
                Clock.systemUTC(), Duration.ofSeconds(5));
        LabelStudioProjects projects = new LabelStudioProjects(labelStudio.url(), auth, http, mapper,
                Duration.ofSeconds(5));
        return ProjectIntrospection.plan(bridgeSettings, ProjectIntrospection.fetch(bridgeSettings, projects,
                duration -> { }));
    }

    @Test
    void everyShippedConfigIsCovered() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".xml")))
                    .containsExactlyInAnyOrder("whole-file.xml", "segments.xml", "segments-speakers.xml");
        }
    }

    @Test
    void wholeFile() throws IOException {
        ProjectIntrospection.Planned planned = introspect("whole-file.xml", Map.of());

        assertThat(planned.plan().mode()).isEqualTo(Mode.WHOLE_FILE);
        assertThat(planned.plan().layout()).isEqualTo(TaskLayout.ASR_TEMPLATE);
        assertThat(planned.warnings()).isEmpty();
    }

    @Test
    void segments() throws IOException {
        ProjectIntrospection.Planned planned = introspect("segments.xml", Map.of());

        assertThat(planned.plan().mode()).isEqualTo(Mode.SEGMENTS);
        assertThat(planned.plan().labelsName()).isEqualTo("labels");
        assertThat(planned.plan().defaultLabel()).isEqualTo("Speech");
        assertThat(planned.warnings()).isEmpty();
    }

    @Test
    void segmentsWithSpeakersFromDiarization() throws IOException {
        ProjectIntrospection.Planned planned = introspect("segments-speakers.xml", Map.of(
                "transcribe.speaker-labels.max", "2",
                "label-studio.speaker-labels", "spk_0=Agent,spk_1=Customer",
                "label-studio.default-label", "Other"));
        OutputPlan plan = planned.plan();

        assertThat(plan.mode()).isEqualTo(Mode.SEGMENTS);
        assertThat(plan.labelsName()).isEqualTo("speaker");
        assertThat(plan.labelValues()).containsExactly("Agent", "Customer", "Other");
        assertThat(plan.speakerLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("spk_0", "Agent",
                "spk_1", "Customer"));
        assertThat(plan.defaultLabel()).isEqualTo("Other");
        assertThat(planned.warnings()).isEmpty();
    }

    @Test
    void segmentsWithSpeakersFromChannels() throws IOException {
        ProjectIntrospection.Planned planned = introspect("segments-speakers.xml", Map.of(
                "transcribe.channel-identification", "true",
                "label-studio.speaker-labels", "ch_0=Agent,ch_1=Customer",
                "label-studio.default-label", "Other"));

        assertThat(planned.plan().speakerLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("ch_0", "Agent",
                "ch_1", "Customer"));
        assertThat(planned.warnings()).isEmpty();
    }

    @Test
    void segmentsWithSpeakersFromChannelsNeedNoMapping() throws IOException {
        ProjectIntrospection.Planned planned = introspect("segments-speakers.xml", Map.of(
                "transcribe.channel-identification", "true",
                "label-studio.default-label", "Other"));

        assertThat(planned.plan().speakerLabels()).containsExactly(Map.entry("ch_0", "Agent"),
                Map.entry("ch_1", "Customer"));
        assertThat(planned.warnings()).isEmpty();
    }

    @Test
    void theSpeakerExampleSettingsAreTheOnesInTheConfigComment() throws IOException {
        String comment = Files.readString(SHIPPED.resolve("segments-speakers.xml"));
        for (String line : List.of("TRANSCRIBE_SPEAKER_LABELS_MAX=2", "LABEL_STUDIO_SPEAKER_LABELS=spk_0=Agent,spk_1=Customer",
                "TRANSCRIBE_CHANNEL_IDENTIFICATION=true", "LABEL_STUDIO_SPEAKER_LABELS=ch_0=Agent,ch_1=Customer",
                "LABEL_STUDIO_DEFAULT_LABEL=Other")) {
            assertThat(comment).contains(line);
        }
    }
}
