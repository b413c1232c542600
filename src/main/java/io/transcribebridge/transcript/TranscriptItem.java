package io.transcribebridge.transcript;

/**
 * One entry of {@code results.items}. Times are seconds; they and the confidence are null when the file has none
 * (punctuation has no times; redacted {@code [PII]} items have no ASR confidence). {@code id} is the item's
 * {@code id} in newer output and null in older files; speaker and channel are null unless the job produced them.
 */
public record TranscriptItem(Integer id, Type type, String content, Double confidence, Double startTime,
                             Double endTime, String speakerLabel, String channelLabel) {

    public enum Type {
        PRONUNCIATION,
        PUNCTUATION
    }

    public TranscriptItem {
        content = content == null ? "" : content;
    }

    public boolean isPronunciation() {
        return type == Type.PRONUNCIATION;
    }

    /** A spoken word with both times, i.e. one that can place a region on the audio. */
    public boolean isTimed() {
        return startTime != null && endTime != null;
    }

    TranscriptItem withSpeakerLabel(String label) {
        return new TranscriptItem(id, type, content, confidence, startTime, endTime, label, channelLabel);
    }

    TranscriptItem withChannelLabel(String label) {
        return new TranscriptItem(id, type, content, confidence, startTime, endTime, speakerLabel, label);
    }
}
