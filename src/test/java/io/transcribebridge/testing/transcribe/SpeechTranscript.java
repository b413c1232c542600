package io.transcribebridge.testing.transcribe;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the "speech" of a media file (plain text) into the {@code results} block of a standard
 * transcript: words become pronunciation items 0.4 s apart starting at 0.5 s, trailing {@code .,?!}
 * become punctuation items, {@code word|0.42} sets that word's confidence, and every sentence
 * becomes one audio segment.
 */
final class SpeechTranscript {

    static final String DEFAULT_CONFIDENCE = "0.98";
    private static final long FIRST_WORD_MS = 500;
    private static final long WORD_MS = 400;
    private static final String PUNCTUATION = ".,?!";
    private static final String SENTENCE_END = ".?!";
    private static final Pattern WITH_CONFIDENCE = Pattern.compile("(.*)\\|(\\d+(?:\\.\\d+)?)([.,?!]*)");

    private record Item(int id, String content, String confidence, Long startMs) {
        boolean punctuation() {
            return startMs == null;
        }
    }

    private SpeechTranscript() {
    }

    static ObjectNode results(String speech) {
        List<Item> items = items(speech);
        ObjectNode results = JsonNodeFactory.instance.objectNode();
        results.putArray("transcripts").addObject().put("transcript", join(items));
        ArrayNode itemArray = results.putArray("items");
        items.forEach(item -> itemArray.add(toJson(item)));
        ArrayNode segments = results.putArray("audio_segments");
        sentences(items).forEach(sentence -> segments.add(segmentJson(segments.size(), sentence)));
        return results;
    }

    static ObjectNode emptyResults() {
        ObjectNode results = JsonNodeFactory.instance.objectNode();
        results.putArray("transcripts").addObject().put("transcript", "");
        results.putArray("items");
        results.putArray("audio_segments");
        return results;
    }

    private static List<Item> items(String speech) {
        List<Item> items = new ArrayList<>();
        int words = 0;
        for (String token : speech.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            String body = token;
            String confidence = DEFAULT_CONFIDENCE;
            String suffix = "";
            Matcher matcher = WITH_CONFIDENCE.matcher(token);
            if (matcher.matches()) {
                body = matcher.group(1);
                confidence = matcher.group(2);
                suffix = matcher.group(3);
            }
            int wordEnd = body.length();
            while (wordEnd > 0 && PUNCTUATION.indexOf(body.charAt(wordEnd - 1)) >= 0) {
                wordEnd--;
            }
            if (wordEnd > 0) {
                items.add(new Item(items.size(), body.substring(0, wordEnd), confidence,
                        FIRST_WORD_MS + WORD_MS * words++));
            }
            for (char mark : (body.substring(wordEnd) + suffix).toCharArray()) {
                items.add(new Item(items.size(), String.valueOf(mark), "0.0", null));
            }
        }
        return items;
    }

    private static List<List<Item>> sentences(List<Item> items) {
        List<List<Item>> sentences = new ArrayList<>();
        List<Item> current = new ArrayList<>();
        for (Item item : items) {
            current.add(item);
            if (item.punctuation() && SENTENCE_END.contains(item.content())) {
                sentences.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            sentences.add(current);
        }
        return sentences.stream().filter(sentence -> sentence.stream().anyMatch(item -> !item.punctuation()))
                .toList();
    }

    private static String join(List<Item> items) {
        StringBuilder text = new StringBuilder();
        for (Item item : items) {
            if (!item.punctuation() && text.length() > 0) {
                text.append(' ');
            }
            text.append(item.content());
        }
        return text.toString();
    }

    private static ObjectNode toJson(Item item) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", item.id());
        node.put("type", item.punctuation() ? "punctuation" : "pronunciation");
        node.putArray("alternatives").addObject()
                .put("confidence", item.confidence())
                .put("content", item.content());
        if (!item.punctuation()) {
            node.put("start_time", seconds(item.startMs()));
            node.put("end_time", seconds(item.startMs() + WORD_MS));
        }
        return node;
    }

    private static ObjectNode segmentJson(int id, List<Item> sentence) {
        List<Item> words = sentence.stream().filter(item -> !item.punctuation()).toList();
        ObjectNode segment = JsonNodeFactory.instance.objectNode();
        segment.put("id", id);
        segment.put("transcript", join(sentence));
        segment.put("start_time", seconds(words.get(0).startMs()));
        segment.put("end_time", seconds(words.get(words.size() - 1).startMs() + WORD_MS));
        ArrayNode ids = segment.putArray("items");
        sentence.forEach(item -> ids.add(item.id()));
        return segment;
    }

    /** Seconds as Transcribe writes them: a string like "0.5", "1.3" or "12.0". */
    static String seconds(long millis) {
        BigDecimal value = BigDecimal.valueOf(millis, 3).stripTrailingZeros();
        return (value.scale() < 1 ? value.setScale(1) : value).toPlainString();
    }
}
