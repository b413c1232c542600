package io.transcribebridge.transcript;

import java.util.ArrayList;
import java.util.List;

/** Hand-built items for unit tests: {@code new Items().word("Hi", 0.1, 0.4).mark(",")...}. */
final class Items {

    private final List<TranscriptItem> items = new ArrayList<>();
    private String speaker;
    private String channel;
    private double confidence = 0.9;

    Items speaker(String label) {
        speaker = label;
        return this;
    }

    Items channel(String label) {
        channel = label;
        return this;
    }

    Items confidence(double value) {
        confidence = value;
        return this;
    }

    Items word(String content, double start, double end) {
        items.add(new TranscriptItem(items.size(), TranscriptItem.Type.PRONUNCIATION, content, confidence, start, end,
                speaker, channel));
        return this;
    }

    /** A redacted word: no ASR confidence. */
    Items pii(double start, double end) {
        items.add(new TranscriptItem(items.size(), TranscriptItem.Type.PRONUNCIATION, "[PII]", null, start, end,
                speaker, channel));
        return this;
    }

    Items mark(String punctuation) {
        items.add(new TranscriptItem(items.size(), TranscriptItem.Type.PUNCTUATION, punctuation, 0.0, null, null,
                speaker, channel));
        return this;
    }

    List<TranscriptItem> list() {
        return List.copyOf(items);
    }

    Transcript transcript() {
        return transcript(List.of());
    }

    Transcript transcript(List<AudioSegment> audioSegments) {
        List<String> channels = items.stream().map(TranscriptItem::channelLabel).filter(c -> c != null).distinct()
                .toList();
        return new Transcript("job", ItemText.join(items, 0, items.size()), items, null, false, audioSegments,
                List.of(), channels);
    }
}
