package io.transcribebridge.transcript;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Label value of a region. In order: the segment's speaker ({@code spk_0}) mapped through the plan's speaker
 * labels, or as it is; then its channel ({@code ch_0}) the same way; then the plan's default label; then the first
 * label value. A candidate counts only if the project's Labels control allows it, so the result always validates.
 * With no label values known every candidate is allowed, and a region with no candidate gets no label.
 */
final class RegionLabeler {

    private final List<String> labelValues;
    private final Map<String, String> speakerLabels;
    private final String defaultLabel;

    RegionLabeler(OutputPlan plan) {
        this.labelValues = plan.labelValues();
        this.speakerLabels = plan.speakerLabels();
        this.defaultLabel = plan.defaultLabel();
    }

    Optional<String> label(Segment segment) {
        for (String transcribeLabel : new String[] {segment.speakerLabel(), segment.channelLabel()}) {
            if (transcribeLabel == null) {
                continue;
            }
            String mapped = speakerLabels.get(transcribeLabel);
            if (mapped != null && allowed(mapped)) {
                return Optional.of(mapped);
            }
            if (allowed(transcribeLabel)) {
                return Optional.of(transcribeLabel);
            }
        }
        if (defaultLabel != null && allowed(defaultLabel)) {
            return Optional.of(defaultLabel);
        }
        return labelValues.stream().findFirst();
    }

    private boolean allowed(String label) {
        return labelValues.isEmpty() || labelValues.contains(label);
    }
}
