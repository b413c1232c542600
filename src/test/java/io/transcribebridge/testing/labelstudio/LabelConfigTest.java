package io.transcribebridge.testing.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelConfigTest {

    @Test
    void dataTypesComeFromNamedTagsWithAVariableValue() {
        LabelConfig config = LabelConfig.parse("""
                <View>
                  <Header value="$ignored_no_name"/>
                  <Audio name="audio" value="$audio"/>
                  <Text name="title" value="Call: $title ($id)"/>
                  <Text name="literal" value="no variable"/>
                </View>""");

        assertThat(config.dataTypes()).containsExactly(
                Map.entry("audio", "Audio"), Map.entry("title", "Text"));
        assertThat(config.objects()).containsKeys("audio", "title", "literal");
        assertThat(config.controls()).isEmpty();
    }

    @Test
    void perRegionIsReadFromTheXmlButNotPublishedWithoutAConditional() {
        LabelConfig config = LabelConfig.parse(LsHttp.resource("labelstudio/asr-segments.xml"));

        assertThat(config.controls().get("transcription").perRegion()).isTrue();
        assertThat(config.controls().get("labels").perRegion()).isFalse();
        assertThat(config.parsedLabelConfig().path("transcription").has("conditionals")).isFalse();
    }

    @Test
    void malformedXmlIsRejected() {
        assertThatThrownBy(() -> LabelConfig.parse("<View><Audio name=\"a\" value=\"$a\"></View>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dottedDataKeysAreCheckedAsNestedDicts() {
        LabelConfig config = LabelConfig.parse("<View><Audio name=\"a\" value=\"$media.audio\"/></View>");
        TaskValidator validator = new TaskValidator(config);

        assertThat(validator.validate((ArrayNode) Json.parse(
                "[{\"data\": {\"media\": {\"audio\": \"s3://b/x.wav\"}}}]")).tasks()).hasSize(1);
        assertThatThrownBy(() -> validator.validate((ArrayNode) Json.parse(
                "[{\"data\": {\"media\": {}}}]"))).isInstanceOf(ApiError.class);
    }
}
