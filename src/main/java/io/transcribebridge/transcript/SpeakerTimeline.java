package io.transcribebridge.transcript;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Who speaks when, from {@code speaker_labels.segments}. Older diarized output names the speaker only there, not on
 * the items, and its per-word entries carry times but no content or id, so items are matched to speakers by time.
 */
final class SpeakerTimeline {

    /** A word or segment of {@code speaker_labels.segments} starting at {@code start} seconds. */
    record Turn(double start, String speaker) {
        Turn withSpeaker(String label) {
            return new Turn(start, label);
        }
    }

    /** Transcribe writes times with millisecond precision; a word starting within this of a turn belongs to it. */
    private static final double EPSILON = 0.0005;

    private final double[] starts;
    private final String[] speakers;

    SpeakerTimeline(List<Turn> turns) {
        List<Turn> sorted = turns.stream().sorted(Comparator.comparingDouble(Turn::start)).toList();
        starts = new double[sorted.size()];
        speakers = new String[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            starts[i] = sorted.get(i).start();
            speakers[i] = sorted.get(i).speaker();
        }
    }

    /**
     * The items with a speaker on every one that had none: a timed word gets the turn it starts in (a word in a gap
     * between turns, the turn before), anything else the speaker of the item before it.
     */
    List<TranscriptItem> label(List<TranscriptItem> items) {
        if (starts.length == 0 || items.stream().allMatch(item -> item.speakerLabel() != null)) {
            return items;
        }
        List<TranscriptItem> labelled = new ArrayList<>(items.size());
        String previous = null;
        for (TranscriptItem item : items) {
            String speaker = item.speakerLabel();
            if (speaker == null) {
                speaker = item.startTime() != null ? speakerAt(item.startTime()) : previous;
            }
            labelled.add(Objects.equals(speaker, item.speakerLabel()) ? item : item.withSpeakerLabel(speaker));
            previous = speaker;
        }
        return labelled;
    }

    private String speakerAt(double time) {
        int low = 0;
        int high = starts.length - 1;
        int found = 0;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (starts[mid] <= time + EPSILON) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return speakers[found];
    }
}
