package io.transcribebridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.transcribebridge.testing.labelstudio.EditorResults;

/**
 * A reviewer's corrections, made up deterministically for {@link ReviewBenchmark}: about {@code share} of the
 * prediction's words are changed, a third each substituted (punctuation kept), deleted and followed by an inserted
 * word. The words put in are not in {@code TranscriptGenerator}'s vocabulary, so every substitution is a real one.
 */
final class ReviewedText {

    private static final String[] OTHER_WORDS = {"parcel", "invoice", "Monday", "courier", "replacement", "manager",
        "receipt", "Bristol", "yesterday", "colleague", "delivery", "postcode"};

    private ReviewedText() {
    }

    /** The whole-file annotation result for the prediction's text, edited. */
    static ArrayNode wholeFile(JsonNode predictionResult, Random random, double share) {
        String text = predictionResult.path(0).path("value").path("text").path(0).asText("");
        return EditorResults.wholeFile(edit(text, random, share));
    }

    /**
     * The segment annotation result: every region of the prediction with its id, times, channel and label kept and
     * its text edited; {@code origin} is {@code prediction-changed} where the text changed.
     */
    static ArrayNode segments(JsonNode predictionResult, String labelsName, String textName, String defaultLabel,
                              Random random, double share) {
        Map<String, Region> regions = new LinkedHashMap<>();
        for (JsonNode item : predictionResult) {
            JsonNode value = item.path("value");
            Region region = regions.computeIfAbsent(item.path("id").asText(), id -> new Region(id,
                    value.path("start").asDouble(), value.path("end").asDouble(), value.path("channel").asInt(0),
                    item.path("to_name").asText("audio")));
            if (item.path("type").asText().equals("labels")) {
                region.label = value.path("labels").path(0).asText(null);
            } else if (item.path("type").asText().equals("textarea")) {
                region.text = value.path("text").path(0).asText("");
            }
        }
        ArrayNode result = EditorResults.empty();
        for (Region region : regions.values()) {
            String edited = edit(region.text, random, share);
            EditorResults.addRegion(result, region.id, labelsName, textName, region.toName, region.start, region.end,
                    region.channel, region.label == null ? defaultLabel : region.label, edited,
                    edited.equals(region.text) ? "prediction" : "prediction-changed");
        }
        return result;
    }

    /** How many regions {@link #segments} found: one per distinct result id. */
    static int regions(JsonNode predictionResult) {
        return (int) java.util.stream.StreamSupport.stream(predictionResult.spliterator(), false)
                .map(item -> item.path("id").asText()).distinct().count();
    }

    static String edit(String text, Random random, double share) {
        if (text.isEmpty()) {
            return text;
        }
        List<String> out = new ArrayList<>();
        for (String token : text.split(" ")) {
            double roll = random.nextDouble();
            if (roll < share / 3) {
                int cut = token.length();
                while (cut > 0 && ",.?!".indexOf(token.charAt(cut - 1)) >= 0) {
                    cut--;
                }
                out.add(other(token.substring(0, cut), random) + token.substring(cut));
            } else if (roll < 2 * share / 3) {
                continue;
            } else if (roll < share) {
                out.add(token);
                out.add(other("", random));
            } else {
                out.add(token);
            }
        }
        return String.join(" ", out);
    }

    private static String other(String word, Random random) {
        String chosen;
        do {
            chosen = OTHER_WORDS[random.nextInt(OTHER_WORDS.length)];
        } while (chosen.toLowerCase(Locale.ROOT).equals(word.toLowerCase(Locale.ROOT)));
        return chosen;
    }

    private static final class Region {
        final String id;
        final double start;
        final double end;
        final int channel;
        final String toName;
        String label;
        String text = "";

        Region(String id, double start, double end, int channel, String toName) {
            this.id = id;
            this.start = start;
            this.end = end;
            this.channel = channel;
            this.toName = toName;
        }
    }
}
