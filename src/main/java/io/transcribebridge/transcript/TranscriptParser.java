package io.transcribebridge.transcript;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads every Transcribe output shape leniently: times and confidences as strings (AWS) or numbers (LocalStack),
 * optional {@code id}, {@code audio_segments}, speaker and channel blocks, unknown keys ignored.
 */
public final class TranscriptParser {

    private final ObjectMapper mapper;

    public TranscriptParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Transcript parse(byte[] json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedTranscriptException("transcript is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedTranscriptException("transcript could not be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("results").isObject()) {
            throw new MalformedTranscriptException("transcript JSON has no 'results' object");
        }
        JsonNode results = root.path("results");
        List<TranscriptItem> items = items(results.path("items"));
        String text = text(results.path("transcripts"), items);
        String language = results.path("language_code").isTextual() ? results.path("language_code").asText() : null;
        return new Transcript(root.path("jobName").asText(null), text, items, language,
                root.path("isRedacted").asBoolean(false));
    }

    private static List<TranscriptItem> items(JsonNode array) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new MalformedTranscriptException("transcript 'results.items' is not an array");
        }
        List<TranscriptItem> items = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            JsonNode best = node.path("alternatives").path(0);
            TranscriptItem.Type type = "punctuation".equals(node.path("type").asText())
                    ? TranscriptItem.Type.PUNCTUATION : TranscriptItem.Type.PRONUNCIATION;
            items.add(new TranscriptItem(type, best.path("content").asText(""), number(best.get("confidence")),
                    number(node.get("start_time")), number(node.get("end_time")),
                    node.path("speaker_label").asText(null), node.path("channel_label").asText(null)));
        }
        return items;
    }

    private static String text(JsonNode transcripts, List<TranscriptItem> items) {
        if (transcripts.isArray() && !transcripts.isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode entry : transcripts) {
                String part = entry.path("transcript").asText("");
                if (!part.isEmpty()) {
                    if (!text.isEmpty()) {
                        text.append(' ');
                    }
                    text.append(part);
                }
            }
            return text.toString();
        }
        return joinItems(items);
    }

    /** Transcribe's own rule: words separated by a space, punctuation attached to the word before it. */
    static String joinItems(List<TranscriptItem> items) {
        StringBuilder text = new StringBuilder();
        for (TranscriptItem item : items) {
            if (item.isPronunciation() && !text.isEmpty()) {
                text.append(' ');
            }
            text.append(item.content());
        }
        return text.toString();
    }

    private static Double number(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        String text = node.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new MalformedTranscriptException("transcript has a non-numeric value where a number belongs: '"
                                                   + text + "'");
        }
    }
}
