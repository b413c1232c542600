package io.transcribebridge.transcript;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code results.channel_labels.channels} (channel identification): a channel's label and its own items.
 * Real output also has the merged top-level {@code items} with a {@code channel_label} on each; these helpers cover
 * files where that list is missing or unlabelled.
 */
record ChannelItems(String label, List<TranscriptItem> items) {

    private record Timed(double time, int channel, int position, TranscriptItem item) {
    }

    private static final Comparator<Timed> BY_TIME = Comparator.comparingDouble(Timed::time)
            .thenComparingInt(Timed::channel).thenComparingInt(Timed::position);

    /** All channels' items in one list by start time; punctuation stays right after the word it follows. */
    static List<TranscriptItem> mergeByTime(List<ChannelItems> channels) {
        List<Timed> timed = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            ChannelItems channel = channels.get(c);
            double time = 0;
            for (int position = 0; position < channel.items().size(); position++) {
                TranscriptItem item = channel.items().get(position);
                if (item.startTime() != null) {
                    time = item.startTime();
                }
                TranscriptItem labelled = item.channelLabel() != null || channel.label() == null ? item
                        : item.withChannelLabel(channel.label());
                timed.add(new Timed(time, c, position, labelled));
            }
        }
        timed.sort(BY_TIME);
        return timed.stream().map(Timed::item).toList();
    }

    /** The merged items with a channel on each one that had none, found by item id, else by start time. */
    static List<TranscriptItem> label(List<TranscriptItem> items, List<ChannelItems> channels) {
        if (items.stream().allMatch(item -> item.channelLabel() != null)) {
            return items;
        }
        Map<Integer, String> byId = new HashMap<>();
        Map<Double, String> byStart = new HashMap<>();
        for (ChannelItems channel : channels) {
            for (TranscriptItem item : channel.items()) {
                String label = item.channelLabel() != null ? item.channelLabel() : channel.label();
                if (item.id() != null) {
                    byId.put(item.id(), label);
                }
                if (item.startTime() != null) {
                    byStart.put(item.startTime(), label);
                }
            }
        }
        List<TranscriptItem> labelled = new ArrayList<>(items.size());
        String previous = null;
        for (TranscriptItem item : items) {
            String label = item.channelLabel();
            if (label == null && item.id() != null) {
                label = byId.get(item.id());
            }
            if (label == null && item.startTime() != null) {
                label = byStart.get(item.startTime());
            }
            if (label == null) {
                label = previous;
            }
            labelled.add(Objects.equals(label, item.channelLabel()) ? item : item.withChannelLabel(label));
            previous = label;
        }
        return labelled;
    }

    /** The channel labels in channel order; from the items when the file has no channel block. */
    static List<String> labels(List<ChannelItems> channels, List<TranscriptItem> items) {
        List<String> labels = new ArrayList<>();
        for (ChannelItems channel : channels) {
            if (channel.label() != null && !labels.contains(channel.label())) {
                labels.add(channel.label());
            }
        }
        if (labels.isEmpty()) {
            for (TranscriptItem item : items) {
                if (item.channelLabel() != null && !labels.contains(item.channelLabel())) {
                    labels.add(item.channelLabel());
                }
            }
        }
        return labels;
    }
}
