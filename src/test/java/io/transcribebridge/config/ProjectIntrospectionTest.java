package io.transcribebridge.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.transcribebridge.labelstudio.LabelStudioAuth;
import io.transcribebridge.labelstudio.LabelStudioProjects;
import io.transcribebridge.labelstudio.LabelStudioProjects.Project;
import io.transcribebridge.labelstudio.TaskLayout;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import io.transcribebridge.transcript.OutputPlan;
import io.transcribebridge.transcript.OutputPlan.Mode;
import io.transcribebridge.transcript.OutputPlan.ScoreMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectIntrospectionTest {

    private final Map<String, String> values = TestSettings.required();

    private BridgeSettings settings() {
        return TestSettings.load(values);
    }

    private static String config(String file) {
        try {
            return Files.readString(Path.of("src/test/resources/labelstudio", file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Project project(String file) {
        return new Project(7, "Calls", config(file), "");
    }

    private ProjectIntrospection.Planned plan(String file) {
        return ProjectIntrospection.plan(settings(), project(file));
    }

    @Nested
    class Plans {

        @Test
        void wholeFileConfigGivesAWholeFilePlanWithTheDefaults() {
            ProjectIntrospection.Planned planned = plan("asr-whole-file.xml");
            OutputPlan plan = planned.plan();

            assertThat(plan.mode()).isEqualTo(Mode.WHOLE_FILE);
            assertThat(plan.layout()).isEqualTo(TaskLayout.ASR_TEMPLATE);
            assertThat(plan.labelsName()).isNull();
            assertThat(plan.speakerLabels()).isEmpty();
            assertThat(plan.defaultLabel()).isNull();
            assertThat(plan.scoring()).isEqualTo(new OutputPlan.Scoring(ScoreMethod.MEAN, 0.5));
            assertThat(plan.segmentation()).isEqualTo(new OutputPlan.Segmentation(30, 1.5));
            assertThat(planned.warnings()).isEmpty();
            assertThat(planned.summary()).isEqualTo("Label Studio project 7 ('Calls'): output WHOLE_FILE, TextArea "
                    + "'transcription' on Audio 'audio' (task data 'audio'); score mean, low confidence below 0.5; "
                    + "Transcribe: no optional features");
        }

        @Test
        void segmentsConfigGivesASegmentsPlan() {
            values.put("prediction.score", "errors-per-minute");
            values.put("prediction.low-confidence", "0.8");
            values.put("segments.max-seconds", "12.5");
            values.put("segments.pause-seconds", "0.7");
            ProjectIntrospection.Planned planned = plan("asr-segments.xml");
            OutputPlan plan = planned.plan();

            assertThat(plan.mode()).isEqualTo(Mode.SEGMENTS);
            assertThat(plan.labelsName()).isEqualTo("labels");
            assertThat(plan.labelValues()).containsExactly("Speech", "Noise");
            assertThat(plan.defaultLabel()).isEqualTo("Speech");
            assertThat(plan.speakerLabels()).isEmpty();
            assertThat(plan.scoring()).isEqualTo(new OutputPlan.Scoring(ScoreMethod.ERRORS_PER_MINUTE, 0.8));
            assertThat(plan.segmentation()).isEqualTo(new OutputPlan.Segmentation(12.5, 0.7));
            assertThat(planned.warnings()).isEmpty();
            assertThat(planned.summary()).isEqualTo("Label Studio project 7 ('Calls'): output SEGMENTS, Labels "
                    + "'labels' [Speech, Noise] + TextArea 'transcription' (perRegion) on Audio 'audio' (task data "
                    + "'audio'); speakers not mapped, default label 'Speech'; segments up to 12.5 s, split at pauses "
                    + "of 0.7 s; score errors-per-minute, low confidence below 0.8; Transcribe: no optional features");
        }

        @Test
        void labelValuesThatAreTranscribeLabelsMapToThemselves() {
            values.put("transcribe.speaker-labels.max", "2");
            OutputPlan plan = plan("asr-speakers.xml").plan();

            assertThat(plan.speakerLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("spk_0", "spk_0",
                    "spk_1", "spk_1"));
        }

        @Test
        void configuredSpeakerLabelsMapToLabelValues() {
            values.put("transcribe.speaker-labels.max", "3");
            values.put("label-studio.speaker-labels", "spk_0=Speaker 1, spk_1=Speaker 2");
            values.put("label-studio.default-label", "Speaker 2");
            ProjectIntrospection.Planned planned = plan("asr-speakers-named.xml");

            assertThat(planned.plan().speakerLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("spk_0", "Speaker 1",
                    "spk_1", "Speaker 2"));
            assertThat(planned.plan().defaultLabel()).isEqualTo("Speaker 2");
            assertThat(planned.warnings()).isEmpty();
            assertThat(planned.summary()).contains("speakers spk_0=Speaker 1, spk_1=Speaker 2, default label "
                                                   + "'Speaker 2'", "Transcribe: speaker labels (max 3)");
        }

        @Test
        void defaultLabelNotInTheConfigFallsBackToTheFirstLabelWithAWarning() {
            ProjectIntrospection.Planned planned = plan("asr-speakers-named.xml");

            assertThat(planned.plan().defaultLabel()).isEqualTo("Speaker 1");
            assertThat(planned.warnings()).containsExactly("LABEL_STUDIO_DEFAULT_LABEL 'Speech' is not a Label of "
                    + "'speaker' ('Speaker 1', 'Speaker 2'): segments without a mapped speaker are labelled "
                    + "'Speaker 1'");
        }

        @Test
        void channelsMapOntoTheLabelsInConfigOrderLeavingOutTheDefaultLabel() {
            values.put("transcribe.channel-identification", "true");
            values.put("label-studio.default-label", "Other");
            String config = """
                    <View>
                      <Labels name="speaker" toName="audio">
                        <Label value="Customer"/><Label value="Other"/><Label value="Agent"/>
                      </Labels>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="transcription" toName="audio" perRegion="true"/>
                    </View>""";
            ProjectIntrospection.Planned planned = ProjectIntrospection.plan(settings(), new Project(7, "", config, ""));

            assertThat(planned.plan().speakerLabels()).containsExactly(Map.entry("ch_0", "Customer"),
                    Map.entry("ch_1", "Agent"));
            assertThat(planned.warnings()).isEmpty();
            assertThat(planned.summary()).contains("; speakers ch_0=Customer, ch_1=Agent (channels onto the Labels in "
                                                   + "config order), default label 'Other';");
        }

        @Test
        void channelsMapOntoSpeakerNamedLabels() {
            values.put("transcribe.channel-identification", "true");
            ProjectIntrospection.Planned planned = plan("asr-speakers.xml");

            assertThat(planned.plan().speakerLabels()).containsExactly(Map.entry("spk_0", "spk_0"),
                    Map.entry("spk_1", "spk_1"), Map.entry("ch_0", "spk_0"), Map.entry("ch_1", "spk_1"));
            assertThat(planned.summary()).contains("(channels onto the Labels in config order)");
        }

        @Test
        void configuredChannelLabelsAreNotReordered() {
            values.put("transcribe.channel-identification", "true");
            values.put("label-studio.speaker-labels", "ch_0=Speaker 2,ch_1=Speaker 1");
            ProjectIntrospection.Planned planned = plan("asr-speakers-named.xml");

            assertThat(planned.plan().speakerLabels()).containsExactly(Map.entry("ch_0", "Speaker 2"),
                    Map.entry("ch_1", "Speaker 1"));
            assertThat(planned.summary()).doesNotContain("config order");
        }

        @Test
        void channelsWithoutALabelEachAreWorthAWarning() {
            values.put("transcribe.channel-identification", "true");
            String config = """
                    <View>
                      <Labels name="speaker" toName="audio"><Label value="Agent"/><Label value="Speech"/></Labels>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="transcription" toName="audio" perRegion="true"/>
                    </View>""";
            ProjectIntrospection.Planned planned = ProjectIntrospection.plan(settings(), new Project(7, "", config, ""));

            assertThat(planned.plan().speakerLabels()).isEmpty();
            assertThat(planned.warnings()).containsExactly("TRANSCRIBE_CHANNEL_IDENTIFICATION is on, but Labels "
                    + "'speaker' ('Agent', 'Speech') has only 'Agent' besides the default label to tell the 2 channels "
                    + "apart: every region is labelled 'Speech' (its channel is still in value.channel). Add a Label "
                    + "per channel (the first for ch_0, the second for ch_1), or set "
                    + "LABEL_STUDIO_SPEAKER_LABELS=ch_0=...,ch_1=...");
        }

        @Test
        void speakersAreNotMappedInLabelOrderButWorthAWarning() {
            values.put("transcribe.speaker-labels.max", "2");
            values.put("label-studio.default-label", "Speaker 1");
            ProjectIntrospection.Planned planned = plan("asr-speakers-named.xml");

            assertThat(planned.plan().speakerLabels()).isEmpty();
            assertThat(planned.warnings()).containsExactly("TRANSCRIBE_SPEAKER_LABELS_MAX is set, but no speaker "
                    + "label (spk_0, spk_1, ...) maps onto a Label of 'speaker' ('Speaker 1', 'Speaker 2'): every "
                    + "region is labelled 'Speaker 1'. Set LABEL_STUDIO_SPEAKER_LABELS, e.g. spk_0=...,spk_1=... "
                    + "(spk_0 is whoever speaks first), or name Labels spk_0, spk_1");
        }

        @Test
        void speakerLabelsMustMapToLabelValues() {
            values.put("transcribe.channel-identification", "true");
            values.put("label-studio.speaker-labels", "ch_0=Agent,ch_1=Speaker 2");
            assertThatThrownBy(() -> plan("asr-speakers-named.xml"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("LABEL_STUDIO_SPEAKER_LABELS maps ch_0 to 'Agent', which is not a Label of "
                                          + "'speaker' ('Speaker 1', 'Speaker 2')");
        }

        @Test
        void speakerLabelsWithoutTheTranscribeFeatureAreWorthAWarning() {
            values.put("label-studio.speaker-labels", "spk_0=Speaker 1,ch_1=Speaker 2");
            values.put("label-studio.default-label", "Speaker 1");
            assertThat(plan("asr-speakers-named.xml").warnings()).containsExactly("LABEL_STUDIO_SPEAKER_LABELS maps "
                    + "spk_0, ch_1, but transcripts will carry no such labels: set TRANSCRIBE_SPEAKER_LABELS_MAX "
                    + "(spk_*) or TRANSCRIBE_CHANNEL_IDENTIFICATION=true (ch_*)");
        }

        @Test
        void settingsForSegmentsAreWorthAWarningOnAWholeFileProject() {
            values.put("transcribe.speaker-labels.max", "2");
            values.put("label-studio.speaker-labels", "spk_0=Agent");
            ProjectIntrospection.Planned planned = plan("asr-whole-file.xml");

            assertThat(planned.plan().speakerLabels()).isEmpty();
            assertThat(planned.warnings()).singleElement().asString()
                    .startsWith("LABEL_STUDIO_SPEAKER_LABELS is not used: TextArea 'transcription' holds one text "
                                + "per file");
        }

        @Test
        void textAreaShownOnlyForOneLabelIsWorthAWarningWhenOtherLabelsAreUsed() {
            String config = """
                    <View>
                      <Labels name="label" toName="audio"><Label value="Speech"/><Label value="Agent"/></Labels>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="transcription" toName="audio" perRegion="true" whenTagName="label"
                                whenLabelValue="Speech"/>
                    </View>""";
            assertThat(ProjectIntrospection.plan(settings(), new Project(7, "", config, "")).warnings()).isEmpty();

            values.put("transcribe.speaker-labels.max", "2");
            values.put("label-studio.speaker-labels", "spk_0=Agent");
            assertThat(ProjectIntrospection.plan(settings(), new Project(7, "", config, "")).warnings())
                    .containsExactly("TextArea 'transcription' shows its text only on regions labelled 'Speech' "
                                     + "(whenLabelValue): regions with another label will hide their transcript");
        }

        @Test
        void anotherModelVersionInTheProjectIsWorthAWarning() {
            Project project = new Project(7, "Calls", config("asr-whole-file.xml"), "whisper-v3");

            assertThat(ProjectIntrospection.plan(settings(), project).warnings()).containsExactly("Label Studio "
                    + "project 7 has model version 'whisper-v3' but the predictions are imported as "
                    + "'amazon-transcribe' (LABEL_STUDIO_MODEL_VERSION): Label Studio pre-labels the labeling stream "
                    + "only with predictions of the project's model version. Set LABEL_STUDIO_MODEL_VERSION="
                    + "whisper-v3, or pick 'amazon-transcribe' as the project's model version once its predictions "
                    + "exist.");
            values.put("label-studio.model-version", "whisper-v3");
            assertThat(ProjectIntrospection.plan(settings(), project).warnings()).isEmpty();
        }

        @Test
        void aConfigThatCannotHoldATranscriptStopsTheService() {
            Project project = new Project(7, "Images", "<View><Image name=\"i\" value=\"$image\"/></View>", "");

            assertThatThrownBy(() -> ProjectIntrospection.plan(settings(), project))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
                            .containsExactly("The labeling config of Label Studio project 7 ('Images') has no <Audio> "
                                             + "tag, so there is no recording to attach a transcript to. Use a config "
                                             + "with <Audio name=\"audio\" value=\"$audio\"/> and a <TextArea "
                                             + "toName=\"audio\"/> (examples in config/labelstudio/)."));
        }

        @Test
        void overridesComeFromTheSettings() {
            values.put("label-studio.from-name", "summary");
            Project project = new Project(7, "", """
                    <View>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="summary" toName="audio"/>
                      <TextArea name="transcription" toName="audio"/>
                    </View>""", "");

            assertThat(ProjectIntrospection.plan(settings(), project).plan().layout().fromName()).isEqualTo("summary");
        }
    }

    @Nested
    class Fetching {

        private LabelStudioEmulator labelStudio;
        private HttpServer server;
        private final List<Duration> sleeps = new ArrayList<>();

        @AfterEach
        void stop() {
            if (labelStudio != null) {
                labelStudio.close();
            }
            if (server != null) {
                server.stop(0);
            }
        }

        private LabelStudioProjects projects(URI url, String key) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            ObjectMapper mapper = new ObjectMapper();
            LabelStudioAuth auth = new LabelStudioAuth(url, key, http, mapper, Clock.systemUTC(), Duration.ofSeconds(2));
            return new LabelStudioProjects(url, auth, http, mapper, Duration.ofSeconds(2));
        }

        private OutputPlan outputPlan(URI url, String key, int project) {
            values.put("label-studio.url", url.toString());
            values.put("label-studio.project-id", Integer.toString(project));
            BridgeSettings settings = settings();
            return ProjectIntrospection.plan(settings,
                    ProjectIntrospection.fetch(settings, projects(url, key), sleeps::add)).plan();
        }

        private int startLabelStudio(String configFile) {
            labelStudio = LabelStudioEmulator.start();
            return labelStudio.createProject("Calls", config(configFile));
        }

        @Test
        void readsTheProjectWithAPersonalAccessToken() {
            int project = startLabelStudio("asr-segments.xml");

            OutputPlan plan = outputPlan(labelStudio.url(), labelStudio.personalAccessToken(), project);

            assertThat(plan.mode()).isEqualTo(Mode.SEGMENTS);
            assertThat(labelStudio.requests("/api/projects/" + project + "/")).isEqualTo(1);
            assertThat(sleeps).isEmpty();
        }

        @Test
        void aProjectThatDoesNotExistIsNamedWithItsUrl() {
            startLabelStudio("asr-whole-file.xml");

            assertThatThrownBy(() -> outputPlan(labelStudio.url(), labelStudio.legacyToken(), 42))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Label Studio at " + labelStudio.url() + " has no project 42 (GET "
                                          + labelStudio.url() + "/api/projects/42/ answered 404: ")
                    .hasMessageContaining("check LABEL_STUDIO_PROJECT_ID");
            assertThat(sleeps).isEmpty();
        }

        @Test
        void aWrongLegacyTokenIsRefused() {
            int project = startLabelStudio("asr-whole-file.xml");

            assertThatThrownBy(() -> outputPlan(labelStudio.url(), "0123456789abcdef0123456789abcdef01234567", project))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Label Studio rejected the legacy token (HTTP 401: Invalid token.): the "
                                          + "legacy token is wrong, or Label Studio expects a Personal Access Token "
                                          + "(reading project " + project + " at " + labelStudio.url() + "/api/projects/"
                                          + project + "/; check LABEL_STUDIO_API_KEY)");
        }

        @Test
        void aLegacyTokenOfAnOrganizationThatDisabledThemIsRefused() {
            int project = startLabelStudio("asr-whole-file.xml");
            labelStudio.legacyTokensEnabled(false);

            assertThatThrownBy(() -> outputPlan(labelStudio.url(), labelStudio.legacyToken(), project))
                    .hasMessageContaining("legacy tokens are disabled in this organization");
        }

        @Test
        void aRevokedPersonalAccessTokenIsRefused() {
            int project = startLabelStudio("asr-whole-file.xml");
            String pat = labelStudio.personalAccessToken();
            labelStudio.revoke(pat);

            assertThatThrownBy(() -> outputPlan(labelStudio.url(), pat, project))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Label Studio refused the Personal Access Token at /api/token/refresh/ "
                                          + "(HTTP 401: Token is blacklisted)")
                    .hasMessageNotContaining(pat);
        }

        @Test
        void anUnreachableLabelStudioIsAskedAgainWithBackoffThenGivenUpOn() throws IOException {
            values.put("retry.max-attempts", "3");
            values.put("retry.initial-delay-ms", "100");
            values.put("retry.max-delay-ms", "300");
            URI nobody = URI.create("http://127.0.0.1:" + freePort());

            assertThatThrownBy(() -> outputPlan(nobody, "0123456789abcdef0123456789abcdef01234567", 7))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Cannot read Label Studio project 7 (" + nobody + "/api/projects/7/) after 4 "
                                          + "attempts: cannot reach Label Studio at " + nobody + "/api/projects/7/: "
                                          + "java.net.ConnectException")
                    .hasMessageEndingWith("Check LABEL_STUDIO_URL and that Label Studio is up.");
            assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
        }

        @Test
        void serverErrorsAreAskedAgainAndAnUnavailableLabelStudioRecovers() throws IOException {
            int project = startLabelStudio("asr-whole-file.xml");
            int[] calls = {0};
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body;
                int status;
                if (++calls[0] <= 2) {
                    status = 503;
                    body = "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8);
                } else {
                    status = 200;
                    body = labelStudio.project(project).orElseThrow().toString().getBytes(StandardCharsets.UTF_8);
                }
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            URI proxy = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

            OutputPlan plan = outputPlan(proxy, "0123456789abcdef0123456789abcdef01234567", project);

            assertThat(plan.mode()).isEqualTo(Mode.WHOLE_FILE);
            assertThat(calls[0]).isEqualTo(3);
            assertThat(sleeps).hasSize(2);
        }

        @Test
        void somethingThatIsNotLabelStudioIsSaidToBeSo() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = "<html><body>Welcome to nginx!</body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

            assertThatThrownBy(() -> outputPlan(url, "0123456789abcdef0123456789abcdef01234567", 7))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("GET " + url + "/api/projects/7/ answered 200 with something that is not a "
                                          + "Label Studio project (Welcome to nginx!): check that LABEL_STUDIO_URL is "
                                          + "Label Studio's base URL");
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
