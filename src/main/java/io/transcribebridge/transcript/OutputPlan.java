package io.transcribebridge.transcript;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.transcribebridge.labelstudio.TaskLayout;

/**
 * How transcripts become predictions for one Label Studio project, decided once at start-up from the project's
 * labeling config (and the configured overrides).
 *
 * @param mode           whole file (one TextArea result) or one region per segment (labels + textarea per region)
 * @param layout         TextArea name ({@code from_name}), Audio name ({@code to_name}), the Audio data variable
 * @param labelsName     SEGMENTS only: name of the Labels control on the same Audio; null in WHOLE_FILE mode
 * @param labelValues    SEGMENTS only: the Label values the control allows, in config order
 * @param speakerLabels  Transcribe speaker/channel label → Label value ({@code spk_0=Agent}, {@code ch_1=Customer}):
 *                       configured, Labels named like them, or channels onto the Labels in config order
 * @param defaultLabel   SEGMENTS only: the label of a region whose speaker/channel maps to no allowed value
 * @param scoring        how the task-level and region scores are computed
 * @param segmentation   how segments are built when the transcript has no {@code audio_segments}
 */
public record OutputPlan(Mode mode, TaskLayout layout, String labelsName, List<String> labelValues,
                         Map<String, String> speakerLabels, String defaultLabel, Scoring scoring,
                         Segmentation segmentation) {

    public enum Mode {
        WHOLE_FILE,
        SEGMENTS
    }

    /** Task-level prediction score: higher is better, so sorting ascending puts the worst files first. */
    public enum ScoreMethod {
        /** mean confidence of the spoken words */
        MEAN,
        /** lowest word confidence */
        MIN,
        /** 1 / (1 + expected errors per minute), expected errors = sum of (1 - confidence) */
        ERRORS_PER_MINUTE
    }

    /** @param lowConfidence words below this confidence are listed in their region's {@code meta} */
    public record Scoring(ScoreMethod method, double lowConfidence) {
    }

    /**
     * @param maxSeconds   a built segment is cut at a word boundary once it reaches this length
     * @param pauseSeconds a silence at least this long between two words starts a new segment
     */
    public record Segmentation(double maxSeconds, double pauseSeconds) {
    }

    public OutputPlan {
        labelValues = labelValues == null ? List.of() : List.copyOf(labelValues);
        // in the configured order, which is the order they are reported in
        speakerLabels = speakerLabels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(speakerLabels));
    }

    /** Today's behaviour: the ASR template, one TextArea, mean confidence. */
    public static OutputPlan wholeFile(TaskLayout layout) {
        return new OutputPlan(Mode.WHOLE_FILE, layout, null, List.of(), Map.of(), null,
                new Scoring(ScoreMethod.MEAN, 0.5), new Segmentation(30, 1.5));
    }
}
