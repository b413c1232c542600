package io.transcribebridge.labelstudio;

/**
 * Names an operator may pin instead of letting the service find them in the project's labeling config: the TextArea
 * ({@code LABEL_STUDIO_FROM_NAME}), the Audio tag ({@code LABEL_STUDIO_TO_NAME}), the task data key the Audio tag
 * reads ({@code LABEL_STUDIO_AUDIO_VARIABLE}, with or without the {@code $}) and the Labels control
 * ({@code LABEL_STUDIO_LABELS_NAME}). {@code null} (or blank) means "detect"; a name that is set must exist.
 */
public record LabelOverrides(String fromName, String toName, String audioVariable, String labelsName) {

    public static final LabelOverrides NONE = new LabelOverrides(null, null, null, null);

    public LabelOverrides {
        fromName = blankToNull(fromName);
        toName = blankToNull(toName);
        audioVariable = blankToNull(audioVariable);
        if (audioVariable != null && audioVariable.startsWith("$")) {
            audioVariable = blankToNull(audioVariable.substring(1));
        }
        labelsName = blankToNull(labelsName);
    }

    public boolean any() {
        return fromName != null || toName != null || audioVariable != null || labelsName != null;
    }

    /** The overridden names, and {@code fallback}'s for the others. */
    public TaskLayout orElse(TaskLayout fallback) {
        return new TaskLayout(fromName != null ? fromName : fallback.fromName(),
                toName != null ? toName : fallback.toName(),
                audioVariable != null ? audioVariable : fallback.audioVariable());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
