package io.transcribebridge.labelstudio;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelConfigInspectorTest {

    private static final String SOURCE = "the labeling config of project 7";

    private static final String WHOLE_FILE = """
            <View>
              <Header value="Listen"/>
              <Audio name="audio" value="$audio"/>
              <TextArea name="transcription" toName="audio" rows="4" editable="true"/>
            </View>""";

    private static final String SEGMENTS = """
            <View>
              <Labels name="labels" toName="audio">
                <Label value="Speech"/>
                <Label value="Noise"/>
              </Labels>
              <Audio name="audio" value="$audio"/>
              <TextArea name="transcription" toName="audio" perRegion="true"/>
            </View>""";

    private static TranscriptTarget inspect(String xml) {
        return inspect(xml, LabelOverrides.NONE);
    }

    private static TranscriptTarget inspect(String xml, LabelOverrides overrides) {
        return LabelConfigInspector.inspect(xml, overrides, SOURCE);
    }

    private static LabelOverrides from(String fromName) {
        return new LabelOverrides(fromName, null, null, null);
    }

    @Nested
    class Detection {

        @Test
        void audioWithATextAreaIsOneTextPerFile() {
            TranscriptTarget target = inspect(WHOLE_FILE);

            assertThat(target.layout()).isEqualTo(new TaskLayout("transcription", "audio", "audio"));
            assertThat(target.perRegion()).isFalse();
            assertThat(target.labelsName()).isNull();
            assertThat(target.labelValues()).isEmpty();
        }

        @Test
        void perRegionTextAreaWithLabelsIsOneTextPerSegment() {
            TranscriptTarget target = inspect(SEGMENTS);

            assertThat(target.layout()).isEqualTo(new TaskLayout("transcription", "audio", "audio"));
            assertThat(target.perRegion()).isTrue();
            assertThat(target.labelsName()).isEqualTo("labels");
            assertThat(target.labelValues()).containsExactly("Speech", "Noise");
            assertThat(target.whenLabelValue()).isNull();
        }

        @Test
        void namesAndTheVariableComeFromTheConfig() {
            TranscriptTarget target = inspect("""
                    <View>
                      <Audio name="call" value="$recording_url"/>
                      <TextArea name="text" toName="call"/>
                    </View>""");

            assertThat(target.layout()).isEqualTo(new TaskLayout("text", "call", "recording_url"));
        }

        @Test
        void tagAndAttributeNamesAreMatchedWhateverTheirCase() {
            TranscriptTarget target = inspect("""
                    <view>
                      <LABELS Name="speaker" TONAME="rec">
                        <label Value="spk_0"/>
                        <LABEL value="spk_1"/>
                      </LABELS>
                      <audioPlus name="rec" VALUE="$audio"/>
                      <textarea NAME="text" toname="rec" PERREGION="True"/>
                    </view>""");

            assertThat(target.layout()).isEqualTo(new TaskLayout("text", "rec", "audio"));
            assertThat(target.perRegion()).isTrue();
            assertThat(target.labelsName()).isEqualTo("speaker");
            assertThat(target.labelValues()).containsExactly("spk_0", "spk_1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Audio", "AudioPlus", "AUDIO", "audioplus"})
        void olderAudioPlusTagsCount(String tag) {
            assertThat(inspect("<View><" + tag + " name=\"a\" value=\"$a\"/><TextArea name=\"t\" toName=\"a\"/></View>")
                    .layout()).isEqualTo(new TaskLayout("t", "a", "a"));
        }

        @Test
        void labelAliasesAreTheValuesResultsCarry() {
            TranscriptTarget target = inspect("""
                    <View>
                      <Labels name="labels" toName="audio">
                        <Label value="Speaker one" alias="S1"/>
                        <Label value="Speaker two"/>
                      </Labels>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="transcription" toName="audio" perRegion="true"/>
                    </View>""");

            assertThat(target.labelValues()).containsExactly("S1", "Speaker two");
        }

        @Test
        void aControlMayServeSeveralObjects() {
            TranscriptTarget target = inspect("""
                    <View>
                      <Image name="img" value="$image"/>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="notes" toName="img, audio"/>
                    </View>""");

            assertThat(target.layout()).isEqualTo(new TaskLayout("notes", "audio", "audio"));
        }

        @Test
        void perRegionTextAreaShownOnlyForOneLabelIsReported() {
            TranscriptTarget target = inspect("""
                    <View>
                      <Labels name="label" toName="audio"><Label value="Speech"/><Label value="Noise"/></Labels>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="transcription" toName="audio" perRegion="true" whenTagName="label"
                                whenLabelValue="Speech" displayMode="region-list"/>
                      <Choices name="sentiment" toName="audio" perRegion="true"><Choice value="Positive"/></Choices>
                    </View>""");

            assertThat(target.perRegion()).isTrue();
            assertThat(target.whenLabelValue()).isEqualTo("Speech");
        }

        @Test
        void otherControlsAndObjectsDoNotGetInTheWay() {
            TranscriptTarget target = inspect("""
                    <View>
                      <Text name="intro" value="$instructions"/>
                      <Choices name="quality" toName="audio"><Choice value="Good"/></Choices>
                      <TextArea name="summary" toName="intro"/>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="transcription" toName="audio"/>
                    </View>""");

            assertThat(target.layout().fromName()).isEqualTo("transcription");
        }
    }

    @Nested
    class Overrides {

        private static final String TWO_TEXT_AREAS = """
                <View>
                  <Labels name="labels" toName="audio"><Label value="Speech"/></Labels>
                  <Audio name="audio" value="$audio"/>
                  <TextArea name="summary" toName="audio"/>
                  <TextArea name="transcription" toName="audio" perRegion="true"/>
                </View>""";

        private static final String TWO_AUDIO_TAGS = """
                <View>
                  <Audio name="agent" value="$agent_audio"/>
                  <Audio name="customer" value="$customer_audio"/>
                  <TextArea name="text" toName="agent,customer"/>
                </View>""";

        private static final String TWO_LABELS = """
                <View>
                  <Labels name="speaker" toName="audio"><Label value="Agent"/><Label value="Customer"/></Labels>
                  <Labels name="emotion" toName="audio"><Label value="Angry"/></Labels>
                  <Audio name="audio" value="$audio"/>
                  <TextArea name="transcription" toName="audio" perRegion="true"/>
                </View>""";

        @Test
        void fromNameChoosesTheTextArea() {
            assertThat(inspect(TWO_TEXT_AREAS, from("summary")).perRegion()).isFalse();
            TranscriptTarget segments = inspect(TWO_TEXT_AREAS, from("transcription"));
            assertThat(segments.perRegion()).isTrue();
            assertThat(segments.labelsName()).isEqualTo("labels");
        }

        @Test
        void toNameOrTheAudioVariableChoosesTheAudioTag() {
            assertThat(inspect(TWO_AUDIO_TAGS, new LabelOverrides(null, "customer", null, null)).layout())
                    .isEqualTo(new TaskLayout("text", "customer", "customer_audio"));
            assertThat(inspect(TWO_AUDIO_TAGS, new LabelOverrides(null, null, "$agent_audio", null)).layout())
                    .isEqualTo(new TaskLayout("text", "agent", "agent_audio"));
        }

        @Test
        void labelsNameChoosesTheLabels() {
            TranscriptTarget target = inspect(TWO_LABELS, new LabelOverrides(null, null, null, "speaker"));

            assertThat(target.labelsName()).isEqualTo("speaker");
            assertThat(target.labelValues()).containsExactly("Agent", "Customer");
        }

        @Test
        void overridesThatMatchTheOnlyCandidateAreFine() {
            assertThat(inspect(SEGMENTS, new LabelOverrides("transcription", "audio", "audio", "labels")))
                    .isEqualTo(inspect(SEGMENTS));
        }

        @Test
        void labelsNameOfAWholeFileConfigMustStillExist() {
            String config = """
                    <View>
                      <Labels name="labels" toName="audio"><Label value="Speech"/></Labels>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="transcription" toName="audio"/>
                    </View>""";
            assertThat(inspect(config, new LabelOverrides(null, null, null, "labels")).perRegion()).isFalse();
            assertThatThrownBy(() -> inspect(config, new LabelOverrides(null, null, null, "speaker")))
                    .hasMessage("LABEL_STUDIO_LABELS_NAME is 'speaker' but the labeling config of project 7 has no "
                                + "<Labels> of that name on Audio 'audio' (Labels on it: 'labels')");
        }

        @Test
        void unknownToName() {
            assertThatThrownBy(() -> inspect(TWO_AUDIO_TAGS, new LabelOverrides(null, "Agent", null, null)))
                    .isInstanceOf(LabelConfigException.class)
                    .hasMessage("LABEL_STUDIO_TO_NAME is 'Agent' but the labeling config of project 7 has no Audio tag "
                                + "of that name (Audio tags: 'agent', 'customer')");
        }

        @Test
        void unknownAudioVariable() {
            assertThatThrownBy(() -> inspect(WHOLE_FILE, new LabelOverrides(null, null, "url", null)))
                    .hasMessage("LABEL_STUDIO_AUDIO_VARIABLE is 'url' but no Audio tag in the labeling config of "
                                + "project 7 reads $url ('audio' reads $audio)");
            assertThatThrownBy(() -> inspect(TWO_AUDIO_TAGS, new LabelOverrides(null, "agent", "customer_audio", null)))
                    .hasMessage("LABEL_STUDIO_AUDIO_VARIABLE is 'customer_audio' but no Audio tag in the labeling "
                                + "config of project 7 named 'agent' reads $customer_audio ('agent' reads $agent_audio)");
        }

        @Test
        void unknownFromName() {
            assertThatThrownBy(() -> inspect(TWO_TEXT_AREAS, from("text")))
                    .hasMessage("LABEL_STUDIO_FROM_NAME is 'text' but the labeling config of project 7 has no TextArea "
                                + "of that name (TextAreas: 'summary', 'transcription')");
        }

        @Test
        void fromNameOfAnotherKindOfControl() {
            String config = """
                    <View>
                      <Audio name="audio" value="$audio"/>
                      <Choices name="quality" toName="audio"><Choice value="Good"/></Choices>
                      <TextArea name="transcription" toName="audio"/>
                    </View>""";
            assertThatThrownBy(() -> inspect(config, from("quality")))
                    .hasMessage("LABEL_STUDIO_FROM_NAME is 'quality', which is a <Choices> in the labeling config of "
                                + "project 7, not a <TextArea>");
        }

        @Test
        void fromNameOfATextAreaOnSomethingElse() {
            String config = """
                    <View>
                      <Text name="intro" value="$text"/>
                      <TextArea name="summary" toName="intro"/>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="transcription" toName="audio"/>
                    </View>""";
            assertThatThrownBy(() -> inspect(config, from("summary")))
                    .hasMessage("LABEL_STUDIO_FROM_NAME is 'summary' but that TextArea has toName=\"intro\", not the "
                                + "Audio tag 'audio'");
        }

        @Test
        void unknownLabelsName() {
            assertThatThrownBy(() -> inspect(TWO_LABELS, new LabelOverrides(null, null, null, "speakers")))
                    .hasMessage("LABEL_STUDIO_LABELS_NAME is 'speakers' but the labeling config of project 7 has no "
                                + "<Labels> of that name on Audio 'audio' (Labels on it: 'speaker', 'emotion')");
        }

        @Test
        void namesAreCaseSensitive() {
            assertThatThrownBy(() -> inspect(WHOLE_FILE, from("Transcription")))
                    .hasMessageStartingWith("LABEL_STUDIO_FROM_NAME is 'Transcription' but");
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void emptyConfig(String xml) {
            assertThatThrownBy(() -> inspect(xml))
                    .isInstanceOf(LabelConfigException.class)
                    .hasMessage("The labeling config of project 7 is empty. Set up the project's labeling interface "
                                + "(examples in config/labelstudio/).");
        }

        @Test
        void notWellFormed() {
            assertThatThrownBy(() -> inspect("<View><Audio name=\"audio\" value=\"$audio\"></View>"))
                    .isInstanceOf(LabelConfigException.class)
                    .hasMessageStartingWith("The labeling config of project 7 is not well-formed XML: ");
        }

        @Test
        void noExternalEntitiesOrDoctypes() {
            String xxe = """
                    <?xml version="1.0"?>
                    <!DOCTYPE View [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                    <View><Audio name="audio" value="$audio"/><TextArea name="t" toName="audio" placeholder="&secret;"/></View>""";
            assertThatThrownBy(() -> inspect(xxe))
                    .isInstanceOf(LabelConfigException.class)
                    .hasMessageContaining("not well-formed XML")
                    .hasMessageContaining("DOCTYPE");
        }

        @Test
        void noAudio() {
            assertThatThrownBy(() -> inspect("""
                    <View>
                      <Image name="image" value="$image"/>
                      <TextArea name="caption" toName="image"/>
                    </View>"""))
                    .hasMessage("The labeling config of project 7 has no <Audio> tag, so there is no recording to "
                                + "attach a transcript to. Use a config with <Audio name=\"audio\" value=\"$audio\"/> "
                                + "and a <TextArea toName=\"audio\"/> (examples in config/labelstudio/).");
        }

        @Test
        void audioThatDoesNotReadATaskVariable() {
            assertThatThrownBy(() -> inspect("""
                    <View>
                      <Audio name="audio" value="https://example.com/jingle.mp3"/>
                      <TextArea name="transcription" toName="audio"/>
                    </View>"""))
                    .hasMessage("The labeling config of project 7 has <Audio name=\"audio\" "
                                + "value=\"https://example.com/jingle.mp3\">, which does not read a task variable: "
                                + "each task brings its own recording, so the tag needs value=\"$audio\" (or another "
                                + "$variable).");
        }

        @Test
        void noTextAreaOnTheAudio() {
            assertThatThrownBy(() -> inspect("""
                    <View>
                      <Labels name="labels" toName="audio"><Label value="Speech"/></Labels>
                      <Audio name="audio" value="$audio"/>
                      <Text name="notes" value="$notes"/>
                      <TextArea name="comment" toName="notes"/>
                    </View>"""))
                    .hasMessage("The labeling config of project 7 has <Audio name=\"audio\"> but no <TextArea> with "
                                + "toName=\"audio\", so there is nowhere to put a transcript. Add <TextArea "
                                + "name=\"transcription\" toName=\"audio\"/> for one text per file, or use a "
                                + "per-segment config (examples in config/labelstudio/).");
        }

        @Test
        void noTextAreaOnAnyOfSeveralAudioTags() {
            assertThatThrownBy(() -> inspect("""
                    <View>
                      <Audio name="a" value="$a"/>
                      <Audio name="b" value="$b"/>
                    </View>"""))
                    .hasMessageStartingWith("The labeling config of project 7 has the Audio tags 'a', 'b' but no "
                                            + "<TextArea> with toName=\"a\" (or another of them)");
        }

        @Test
        void perRegionTextAreaWithoutLabels() {
            assertThatThrownBy(() -> inspect("""
                    <View>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="transcription" toName="audio" perRegion="true"/>
                    </View>"""))
                    .hasMessage("TextArea 'transcription' in the labeling config of project 7 is perRegion (one text "
                                + "per audio region), but there is no <Labels> control on Audio 'audio' to make the "
                                + "regions with. Add <Labels name=\"labels\" toName=\"audio\"><Label "
                                + "value=\"Speech\"/></Labels> (as in config/labelstudio/segments.xml), or remove "
                                + "perRegion=\"true\" for one text per file.");
        }

        @Test
        void labelsOnAnotherObjectDoNotCount() {
            assertThatThrownBy(() -> inspect("""
                    <View>
                      <Image name="image" value="$image"/>
                      <Labels name="labels" toName="image"><Label value="Speech"/></Labels>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="transcription" toName="audio" perRegion="true"/>
                    </View>"""))
                    .hasMessageContaining("there is no <Labels> control on Audio 'audio'");
        }

        @Test
        void severalCandidatesWithoutAnOverride() {
            assertThatThrownBy(() -> inspect(Overrides.TWO_TEXT_AREAS))
                    .hasMessage("The labeling config of project 7 has several places for a transcript: TextArea "
                                + "'summary' on Audio 'audio', TextArea 'transcription' (perRegion) on Audio 'audio'. "
                                + "Choose one with LABEL_STUDIO_FROM_NAME (and LABEL_STUDIO_TO_NAME or "
                                + "LABEL_STUDIO_AUDIO_VARIABLE when the TextArea serves several Audio tags).");
            assertThatThrownBy(() -> inspect(Overrides.TWO_AUDIO_TAGS, from("text")))
                    .hasMessageContaining("TextArea 'text' on Audio 'agent', TextArea 'text' on Audio 'customer'");
        }

        @Test
        void severalLabelsWithoutAnOverride() {
            assertThatThrownBy(() -> inspect(Overrides.TWO_LABELS))
                    .hasMessage("The labeling config of project 7 has several <Labels> controls on Audio 'audio': "
                                + "'speaker', 'emotion'. Choose the one for the transcript's segments with "
                                + "LABEL_STUDIO_LABELS_NAME.");
        }

        @Test
        void labelsWithoutValues() {
            assertThatThrownBy(() -> inspect("""
                    <View>
                      <Labels name="labels" toName="audio"/>
                      <Audio name="audio" value="$audio"/>
                      <TextArea name="transcription" toName="audio" perRegion="true"/>
                    </View>"""))
                    .hasMessage("<Labels> 'labels' in the labeling config of project 7 defines no <Label value=...>, "
                                + "so a region cannot be labelled. Add e.g. <Label value=\"Speech\"/>.");
        }
    }

    @Test
    void theTestResourcesOfTheEmulatorAreRecognised() throws Exception {
        for (String file : List.of("asr-whole-file.xml", "asr-segments.xml", "asr-speakers.xml",
                "asr-speakers-named.xml")) {
            String xml = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/labelstudio", file));
            assertThat(inspect(xml).perRegion()).as(file).isEqualTo(!file.equals("asr-whole-file.xml"));
        }
    }
}
