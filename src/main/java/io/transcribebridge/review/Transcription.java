package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text of one Label Studio {@code result} (an annotation's or a prediction's): either one text for the whole
 * file (a TextArea result without a region), or regions in time order, where the editor keeps a region's label and
 * its text as two result items sharing one {@code id} (a {@code labels} item and a {@code textarea} item, both with
 * {@code value.start/end}, and {@code value.channel} for multi-channel audio).
 */
public record Transcription(boolean segments, String wholeText, List<Region> regions) {

    /** One region: seconds, its label (null when it has none) and its text. */
    public record Region(String id, double start, double end, String label, String text) {
    }

    private static final Comparator<Region> TIME_ORDER = Comparator.comparingDouble(Region::start)
            .thenComparingDouble(Region::end).thenComparing(Region::id);

    public static Transcription of(JsonNode result) {
        Map<String, RegionParts> regions = new LinkedHashMap<>();
        List<String> wholeFile = new ArrayList<>();
        for (JsonNode item : result) {
            JsonNode value = item.path("value");
            boolean region = value.has("start") && value.path("start").isNumber();
            String type = item.path("type").asText("");
            if (!region) {
                if (type.equals("textarea")) {
                    wholeFile.add(texts(value));
                }
                continue;
            }
            String id = item.path("id").asText("");
            RegionParts parts = regions.computeIfAbsent(id, key -> new RegionParts(key, value.path("start").asDouble(),
                    value.path("end").asDouble(value.path("start").asDouble())));
            if (type.equals("textarea")) {
                parts.texts.add(texts(value));
            } else if (type.endsWith("labels")) {
                JsonNode labels = value.path(type);
                if (labels.isArray() && !labels.isEmpty() && parts.label == null) {
                    parts.label = labels.get(0).asText();
                }
            }
        }
        if (regions.isEmpty()) {
            return new Transcription(false, String.join("\n", wholeFile), List.of());
        }
        List<Region> ordered = regions.values().stream()
                .map(parts -> new Region(parts.id, parts.start, parts.end, parts.label,
                        String.join(" ", parts.texts).strip()))
                .sorted(TIME_ORDER)
                .toList();
        return new Transcription(true, "", ordered);
    }

    /** The text measured: the whole-file text, or the regions' texts in time order joined with spaces. */
    public String text() {
        if (!segments) {
            return wholeText;
        }
        return String.join(" ", regions.stream().map(Region::text).filter(text -> !text.isEmpty()).toList());
    }

    /** Segment projects: the texts of the regions with this label, in time order, joined with spaces. */
    public String textOf(String label) {
        return String.join(" ", regions.stream().filter(region -> label.equals(region.label()))
                .map(Region::text).filter(text -> !text.isEmpty()).toList());
    }

    public List<String> labels() {
        return regions.stream().map(Region::label).filter(label -> label != null).distinct().toList();
    }

    public Optional<Double> end() {
        return regions.stream().map(Region::end).max(Double::compare);
    }

    private static String texts(JsonNode value) {
        List<String> lines = new ArrayList<>();
        value.path("text").forEach(line -> lines.add(line.asText()));
        if (value.path("text").isTextual()) {
            lines.add(value.path("text").asText());
        }
        return String.join("\n", lines).strip();
    }

    private static final class RegionParts {
        final String id;
        final double start;
        final double end;
        final List<String> texts = new ArrayList<>();
        String label;

        RegionParts(String id, double start, double end) {
            this.id = id;
            this.start = start;
            this.end = end;
        }
    }
}
