package io.transcribebridge.transcript;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What this service needs from an Amazon Transcribe transcript file.
 */
public record Transcript(String jobName, String text, List<TranscriptItem> items, String languageCode,
                         boolean redacted) {

    public Transcript {
        items = List.copyOf(items);
    }

    /** Mean ASR confidence of the spoken words; empty when no word carries a confidence (e.g. silence). */
    public OptionalDouble meanConfidence() {
        return items.stream()
                .filter(TranscriptItem::isPronunciation)
                .filter(item -> item.confidence() != null)
                .mapToDouble(TranscriptItem::confidence)
                .average();
    }

    public long wordCount() {
        return items.stream().filter(TranscriptItem::isPronunciation).count();
    }
}
