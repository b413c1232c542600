package io.transcribebridge.transcript;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.transcribebridge.transcript.OutputPlan.Segmentation;

/**
 * Cuts a transcript into regions. Every item lands in exactly one segment, segments follow the item order and none
 * starts with punctuation, so their texts joined give the transcript text back (see {@link ItemText}).
 * <p>
 * Transcribe's {@code audio_segments} are used as they are when they cover the items exactly once and in order;
 * otherwise (older output, LocalStack, or segments that skip or repeat items) segments are built from the items.
 * A built segment ends before a word when
 * <ul>
 *   <li>the speaker or the channel changes,</li>
 *   <li>the silence before the word is at least {@code pauseSeconds},</li>
 *   <li>the word would make the segment longer than {@code maxSeconds} (a single word longer than that still gets
 *       a segment of its own), or</li>
 *   <li>the word follows the end of a sentence and the segment is already a third of {@code maxSeconds} long.</li>
 * </ul>
 * A zero or negative {@code pauseSeconds} or {@code maxSeconds} switches that rule off.
 */
final class Segmenter {

    enum Source {
        AUDIO_SEGMENTS, ITEMS
    }

    record Result(List<Segment> segments, Source source) {
    }

    /** A segment this share of maxSeconds long is "long enough" to end at a sentence end. */
    private static final double SENTENCE_SHARE = 1.0 / 3;
    /** Times are milliseconds written as decimals: absorbs the rounding of their differences. */
    private static final double EPSILON = 1e-6;

    private final double maxSeconds;
    private final double pauseSeconds;

    Segmenter(Segmentation segmentation) {
        this.maxSeconds = segmentation.maxSeconds();
        this.pauseSeconds = segmentation.pauseSeconds();
    }

    Result segment(Transcript transcript) {
        if (!transcript.audioSegments().isEmpty() && !transcript.items().isEmpty()) {
            List<Segment> given = fromAudioSegments(transcript.items(), transcript.audioSegments());
            if (given != null) {
                return new Result(given, Source.AUDIO_SEGMENTS);
            }
        }
        return new Result(fromItems(transcript.items()), Source.ITEMS);
    }

    // ---- Transcribe's segments

    private record Span(int from, int to, AudioSegment segment) {
    }

    /** Null when the segments do not cover every item exactly once, in order. */
    private static List<Segment> fromAudioSegments(List<TranscriptItem> items, List<AudioSegment> audioSegments) {
        Map<Integer, Integer> positions = positionsById(items);
        List<Span> spans = new ArrayList<>(audioSegments.size());
        for (AudioSegment segment : audioSegments) {
            List<Integer> ids = segment.itemIds();
            if (ids.isEmpty()) {
                continue;
            }
            Integer first = position(positions, ids.get(0));
            if (first == null) {
                return null;
            }
            for (int k = 1; k < ids.size(); k++) {
                Integer next = position(positions, ids.get(k));
                if (next == null || next != first + k) {
                    return null;
                }
            }
            spans.add(new Span(first, first + ids.size(), segment));
        }
        spans.sort(Comparator.comparingInt(Span::from));
        int expected = 0;
        for (Span span : spans) {
            if (span.from() != expected) {
                return null;
            }
            expected = span.to();
        }
        if (expected != items.size()) {
            return null;
        }

        List<Segment> segments = new ArrayList<>(spans.size());
        for (Span span : spans) {
            int from = span.from();
            if (!segments.isEmpty()) {
                // punctuation opening a segment belongs to the sentence before it
                while (from < span.to() && !items.get(from).isPronunciation()) {
                    from++;
                }
                if (from > span.from()) {
                    Segment previous = segments.remove(segments.size() - 1);
                    segments.add(new Segment(previous.fromItem(), from, previous.start(), previous.end(),
                            previous.speakerLabel(), previous.channelLabel()));
                }
                if (from == span.to()) {
                    continue;
                }
            }
            AudioSegment given = span.segment();
            segments.add(build(items, from, span.to(), given.startTime(), given.endTime(),
                    given.speakerLabel() != null ? given.speakerLabel() : firstSpeaker(items, from, span.to()),
                    given.channelLabel() != null ? given.channelLabel() : firstChannel(items, from, span.to()),
                    previousEnd(segments)));
        }
        return segments;
    }

    /**
     * Item id to position. Null when ids are positions (the usual 0, 1, 2, ... or no ids at all), which saves a map
     * of 40,000 entries; empty, so that no id resolves, when ids repeat.
     */
    private static Map<Integer, Integer> positionsById(List<TranscriptItem> items) {
        boolean idsArePositions = true;
        for (int i = 0; i < items.size() && idsArePositions; i++) {
            Integer id = items.get(i).id();
            idsArePositions = id == null || id == i;
        }
        if (idsArePositions) {
            return null;
        }
        Map<Integer, Integer> positions = new HashMap<>(items.size() * 2);
        for (int i = 0; i < items.size(); i++) {
            Integer id = items.get(i).id();
            if (id != null && positions.putIfAbsent(id, i) != null) {
                return Map.of();
            }
        }
        return positions;
    }

    private static Integer position(Map<Integer, Integer> positions, int id) {
        return positions == null ? Integer.valueOf(id) : positions.get(id);
    }

    private static String firstSpeaker(List<TranscriptItem> items, int from, int to) {
        for (int i = from; i < to; i++) {
            if (items.get(i).speakerLabel() != null) {
                return items.get(i).speakerLabel();
            }
        }
        return null;
    }

    private static String firstChannel(List<TranscriptItem> items, int from, int to) {
        for (int i = from; i < to; i++) {
            if (items.get(i).channelLabel() != null) {
                return items.get(i).channelLabel();
            }
        }
        return null;
    }

    // ---- built from items

    private List<Segment> fromItems(List<TranscriptItem> items) {
        List<Segment> segments = new ArrayList<>();
        int from = 0;
        boolean hasWord = false;
        boolean afterSentenceEnd = false;
        String speaker = null;
        String channel = null;
        double start = Double.NaN;
        double lastEnd = Double.NaN;
        for (int i = 0; i < items.size(); i++) {
            TranscriptItem item = items.get(i);
            if (!item.isPronunciation()) {
                afterSentenceEnd = endsSentence(item.content());
                continue;
            }
            String itemSpeaker = item.speakerLabel() != null ? item.speakerLabel() : speaker;
            String itemChannel = item.channelLabel() != null ? item.channelLabel() : channel;
            boolean newSpeaker = !Objects.equals(itemSpeaker, speaker) || !Objects.equals(itemChannel, channel);
            if (hasWord && (newSpeaker || endsBefore(item, start, lastEnd, afterSentenceEnd))) {
                segments.add(build(items, from, i, null, null, speaker, channel, previousEnd(segments)));
                from = i;
                start = Double.NaN;
                lastEnd = Double.NaN;
            }
            hasWord = true;
            afterSentenceEnd = false;
            speaker = itemSpeaker;
            channel = itemChannel;
            if (item.isTimed()) {
                start = Double.isNaN(start) ? item.startTime() : start;
                lastEnd = Double.isNaN(lastEnd) ? item.endTime() : Math.max(lastEnd, item.endTime());
            }
        }
        if (from < items.size()) {
            segments.add(build(items, from, items.size(), null, null, speaker, channel, previousEnd(segments)));
        }
        return segments;
    }

    /** Whether the segment running from {@code start} to {@code lastEnd} ends before this word (same speaker). */
    private boolean endsBefore(TranscriptItem word, double start, double lastEnd, boolean afterSentenceEnd) {
        if (!word.isTimed() || Double.isNaN(start)) {
            return false;
        }
        if (pauseSeconds > 0 && word.startTime() - lastEnd >= pauseSeconds - EPSILON) {
            return true;
        }
        if (maxSeconds > 0 && word.endTime() - start > maxSeconds + EPSILON) {
            return true;
        }
        return afterSentenceEnd && maxSeconds > 0 && lastEnd - start >= maxSeconds * SENTENCE_SHARE - EPSILON;
    }

    private static boolean endsSentence(String punctuation) {
        if (punctuation.isEmpty()) {
            return false;
        }
        char last = punctuation.charAt(punctuation.length() - 1);
        return last == '.' || last == '?' || last == '!' || last == '\u3002' || last == '\uff1f' || last == '\uff01'
               || last == '\u2026';
    }

    // ---- shared

    private static double previousEnd(List<Segment> segments) {
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end();
    }

    /**
     * A segment over {@code items[from, to)}; missing times come from its timed words, and a segment without any
     * (possible only in odd files) sits at {@code floor}, the end of the segment before.
     */
    private static Segment build(List<TranscriptItem> items, int from, int to, Double start, Double end,
                                 String speaker, String channel, double floor) {
        double first = Double.NaN;
        double last = Double.NaN;
        if (start == null || end == null) {
            for (int i = from; i < to; i++) {
                TranscriptItem item = items.get(i);
                if (item.isTimed()) {
                    first = Double.isNaN(first) ? item.startTime() : first;
                    last = Double.isNaN(last) ? item.endTime() : Math.max(last, item.endTime());
                }
            }
        }
        double segmentStart = start != null ? start : Double.isNaN(first) ? floor : first;
        double segmentEnd = end != null ? end : Double.isNaN(last) ? segmentStart : last;
        segmentStart = Math.max(0, segmentStart);
        return new Segment(from, to, segmentStart, Math.max(segmentStart, segmentEnd), speaker, channel);
    }
}
