package io.transcribebridge.transcript;

import java.util.List;
import java.util.Map;

import io.transcribebridge.labelstudio.TaskLayout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegionLabelerTest {

    @Test
    void speakerMappedThroughTheSpeakerLabels() {
        RegionLabeler labeler = labeler(List.of("Agent", "Customer"), Map.of("spk_0", "Agent"), null);

        assertThat(labeler.label(segment("spk_0", "ch_1"))).contains("Agent");
    }

    @Test
    void speakerAsItIsWhenTheProjectUsesTranscribesLabels() {
        RegionLabeler labeler = labeler(List.of("spk_0", "spk_1"), Map.of(), null);

        assertThat(labeler.label(segment("spk_1", null))).contains("spk_1");
    }

    @Test
    void aMappingToALabelTheProjectLacksIsPassedOver() {
        RegionLabeler labeler = labeler(List.of("spk_0", "spk_1"), Map.of("spk_1", "Customer"), null);

        assertThat(labeler.label(segment("spk_1", null))).contains("spk_1");
    }

    @Test
    void channelWhenTheSpeakerMapsToNothing() {
        RegionLabeler labeler = labeler(List.of("Agent", "Customer"), Map.of("ch_1", "Customer"), "Agent");

        assertThat(labeler.label(segment("spk_7", "ch_1"))).contains("Customer");
        assertThat(labeler.label(segment(null, "ch_1"))).contains("Customer");
    }

    @Test
    void defaultLabelThenFirstLabelValue() {
        assertThat(labeler(List.of("Speech", "Noise"), Map.of(), "Speech").label(segment("spk_0", null)))
                .contains("Speech");
        assertThat(labeler(List.of("Speech", "Noise"), Map.of(), "Music").label(segment(null, null)))
                .contains("Speech");
        assertThat(labeler(List.of("Noise", "Speech"), Map.of(), null).label(segment(null, null)))
                .contains("Noise");
    }

    @Test
    void withoutLabelValuesAnyCandidateGoesAndNoneMeansNoLabel() {
        assertThat(labeler(List.of(), Map.of("spk_0", "Agent"), null).label(segment("spk_0", null)))
                .contains("Agent");
        assertThat(labeler(List.of(), Map.of(), null).label(segment(null, null))).isEmpty();
    }

    private static RegionLabeler labeler(List<String> values, Map<String, String> speakers, String defaultLabel) {
        return new RegionLabeler(new OutputPlan(OutputPlan.Mode.SEGMENTS, TaskLayout.ASR_TEMPLATE, "labels", values,
                speakers, defaultLabel, new OutputPlan.Scoring(OutputPlan.ScoreMethod.MEAN, 0.5),
                new OutputPlan.Segmentation(30, 1.5)));
    }

    private static Segment segment(String speaker, String channel) {
        return new Segment(0, 1, 0, 1, speaker, channel);
    }
}
