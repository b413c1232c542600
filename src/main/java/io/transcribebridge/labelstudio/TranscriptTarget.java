package io.transcribebridge.labelstudio;

import java.util.List;

/**
 * Where a transcript goes in a project's labeling config, as {@link LabelConfigInspector} found it.
 *
 * @param layout         the TextArea, the Audio tag it belongs to and the Audio tag's data variable
 * @param perRegion      the TextArea is {@code perRegion="true"}: one text per audio region (segments), else one
 *                       text for the whole file
 * @param labelsName     per-region only: the Labels control on the same Audio tag; {@code null} for whole files
 * @param labelValues    per-region only: its Label values (the {@code alias} where one is given), in config order
 * @param whenLabelValue the TextArea's {@code whenLabelValue} (it shows only for regions with that label), or
 *                       {@code null}
 */
public record TranscriptTarget(TaskLayout layout, boolean perRegion, String labelsName, List<String> labelValues,
                               String whenLabelValue) {

    public TranscriptTarget {
        labelValues = labelValues == null ? List.of() : List.copyOf(labelValues);
    }
}
