package io.transcribebridge.labelstudio;

/**
 * Where a transcript goes in the project's labeling config: the TextArea control ({@code from_name}), the Audio
 * object it belongs to ({@code to_name}) and the task data key the Audio tag reads ({@code value="$audio"}).
 */
public record TaskLayout(String fromName, String toName, String audioVariable) {

    /** The "Automatic Speech Recognition" template. */
    public static final TaskLayout ASR_TEMPLATE = new TaskLayout("transcription", "audio", "audio");

    public TaskLayout {
        requireName("from name", fromName);
        requireName("to name", toName);
        audioVariable = audioVariable == null ? null : audioVariable.strip();
        if (audioVariable != null && audioVariable.startsWith("$")) {
            audioVariable = audioVariable.substring(1);
        }
        requireName("audio variable", audioVariable);
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Label Studio " + what + " must not be empty");
        }
    }
}
