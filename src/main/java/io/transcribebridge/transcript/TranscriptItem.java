package io.transcribebridge.transcript;

/**
 * One entry of {@code results.items}. Times are seconds; they and the confidence are null when the file has none
 * (punctuation has no times; redacted {@code [PII]} items have no ASR confidence).
 */
public record TranscriptItem(Type type, String content, Double confidence, Double startTime, Double endTime,
                             String speakerLabel, String channelLabel) {

    public enum Type {
        PRONUNCIATION,
        PUNCTUATION
    }

    public boolean isPronunciation() {
        return type == Type.PRONUNCIATION;
    }
}
