package io.transcribebridge.testing.transcribe;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the "speech" of a media file (plain text) into the {@code results} block of a transcript: words become
 * pronunciation items 0.4 s apart starting at 0.5 s, trailing {@code .,?!} become punctuation items,
 * {@code word|0.42} sets that word's confidence, and every sentence becomes one audio segment.
 * <p>
 * Who speaks: a line may start with {@code spk_N:} or {@code ch_N:} (N = 0, 1, ...); its words, and those of the
 * lines after it up to the next such prefix, belong to party N (party 0 before any prefix). The prefix itself is not
 * speech. With ShowSpeakerLabels party N is speaker {@code spk_N} (parties beyond MaxSpeakerLabels share the last
 * speaker); with ChannelIdentification it speaks on channel {@code ch_N}. A change of party also ends an audio segment.
 * <p>
 * Personal data: {@code word|PII:NAME} is a word of that PII type. With ContentRedaction (for that type, or all
 * types) it becomes a {@code [PII]} item without confidence and with {@code redactions}; otherwise it is a plain word.
 * <p>
 * The shapes follow the fixtures in {@code src/test/resources/fixtures/transcribe/} (02 speakers, 03 channels, 05
 * redaction), key order included.
 */
final class SpeechTranscript {

    static final String DEFAULT_CONFIDENCE = "0.98";
    static final String PII_CONFIDENCE = "0.9999";
    private static final long FIRST_WORD_MS = 500;
    private static final long WORD_MS = 400;
    private static final String PUNCTUATION = ".,?!";
    private static final String SENTENCE_END = ".?!";
    private static final Pattern WITH_CONFIDENCE = Pattern.compile("(.*)\\|(\\d+(?:\\.\\d+)?)([.,?!]*)");
    private static final Pattern WITH_PII = Pattern.compile("(.*)\\|PII:([A-Z_]+)([.,?!]*)");
    private static final Pattern PARTY = Pattern.compile("\\s*(?:spk|ch)_(\\d+):(?:\\s+(.*))?", Pattern.DOTALL);

    /**
     * The request features that shape the transcript.
     *
     * @param maxSpeakers   0 = no speaker labels
     * @param redactedTypes null = no redaction; empty or containing ALL = every PII type
     */
    record Features(int maxSpeakers, boolean channels, Set<String> redactedTypes) {
        static final Features PLAIN = new Features(0, false, null);

        static Features of(StartJobRequest request, boolean redact) {
            Set<String> types = redact && request.contentRedaction() != null
                    ? new LinkedHashSet<>(request.piiEntityTypes()) : null;
            return new Features(request.showSpeakerLabels() && request.maxSpeakerLabels() != null
                    ? request.maxSpeakerLabels() : 0, request.channelIdentification(), types);
        }

        boolean speakers() {
            return maxSpeakers > 0;
        }

        boolean redacts(String piiType) {
            return redactedTypes != null && piiType != null
                   && (redactedTypes.isEmpty() || redactedTypes.contains("ALL") || redactedTypes.contains(piiType));
        }
    }

    /** A word or punctuation mark; {@code confidence} is null for a redacted word, {@code piiType} set for it. */
    private record Item(int id, String content, String confidence, Long startMs, int party, String piiType) {
        boolean punctuation() {
            return startMs == null;
        }
    }

    private SpeechTranscript() {
    }

    static ObjectNode results(String speech, Features features) {
        List<Item> items = items(speech, features);
        ObjectNode results = JsonNodeFactory.instance.objectNode();
        results.putArray("transcripts").addObject().put("transcript", join(items));
        if (features.speakers()) {
            results.set("speaker_labels", speakerLabels(items, features));
        }
        if (features.channels()) {
            results.set("channel_labels", channelLabels(items, features));
        }
        ArrayNode itemArray = results.putArray("items");
        items.forEach(item -> itemArray.add(toJson(item, features)));
        ArrayNode segments = results.putArray("audio_segments");
        segments(items).forEach(segment -> segments.add(segmentJson(segments.size(), segment, features)));
        return results;
    }

    /** No speech; with speaker labels on, real output carries {@code "speaker_labels": null}. */
    static ObjectNode emptyResults(Features features) {
        ObjectNode results = JsonNodeFactory.instance.objectNode();
        results.putArray("transcripts").addObject().put("transcript", "");
        if (features.speakers()) {
            results.putNull("speaker_labels");
        }
        results.putArray("items");
        results.putArray("audio_segments");
        return results;
    }

    /** The highest party a script uses (0 without prefixes): a channel beyond ch_1 means a third channel. */
    static int highestParty(String speech) {
        int highest = 0;
        for (String line : speech.split("\\R")) {
            Matcher matcher = PARTY.matcher(line);
            if (matcher.matches()) {
                highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
            }
        }
        return highest;
    }

    private static List<Item> items(String speech, Features features) {
        List<Item> items = new ArrayList<>();
        int words = 0;
        int party = 0;
        for (String line : speech.split("\\R")) {
            Matcher prefix = PARTY.matcher(line);
            if (prefix.matches()) {
                party = Integer.parseInt(prefix.group(1));
                line = prefix.group(2) == null ? "" : prefix.group(2);
            }
            for (String token : line.trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                String body = token;
                String confidence = DEFAULT_CONFIDENCE;
                String suffix = "";
                String piiType = null;
                Matcher pii = WITH_PII.matcher(token);
                Matcher matcher = WITH_CONFIDENCE.matcher(token);
                if (pii.matches()) {
                    body = pii.group(1);
                    piiType = pii.group(2);
                    suffix = pii.group(3);
                } else if (matcher.matches()) {
                    body = matcher.group(1);
                    confidence = matcher.group(2);
                    suffix = matcher.group(3);
                }
                int wordEnd = body.length();
                while (wordEnd > 0 && PUNCTUATION.indexOf(body.charAt(wordEnd - 1)) >= 0) {
                    wordEnd--;
                }
                if (wordEnd > 0) {
                    long start = FIRST_WORD_MS + WORD_MS * words++;
                    items.add(features.redacts(piiType)
                            ? new Item(items.size(), "[PII]", null, start, party, piiType)
                            : new Item(items.size(), body.substring(0, wordEnd), confidence, start, party, null));
                }
                for (char mark : (body.substring(wordEnd) + suffix).toCharArray()) {
                    items.add(new Item(items.size(), String.valueOf(mark), "0.0", null, party, null));
                }
            }
        }
        return items;
    }

    /** Sentences, also cut where another party starts speaking. */
    private static List<List<Item>> segments(List<Item> items) {
        List<List<Item>> segments = new ArrayList<>();
        List<Item> current = new ArrayList<>();
        Integer party = null;
        for (Item item : items) {
            if (!item.punctuation() && party != null && party != item.party() && !current.isEmpty()) {
                segments.add(current);
                current = new ArrayList<>();
            }
            if (!item.punctuation()) {
                party = item.party();
            }
            current.add(item);
            if (item.punctuation() && SENTENCE_END.contains(item.content())) {
                segments.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            segments.add(current);
        }
        return segments.stream().filter(segment -> segment.stream().anyMatch(item -> !item.punctuation())).toList();
    }

    /** {@code speaker_labels}: one segment per speaker turn, its sub-items without content or id. */
    private static ObjectNode speakerLabels(List<Item> items, Features features) {
        ObjectNode labels = JsonNodeFactory.instance.objectNode();
        ArrayNode turns = labels.putArray("segments");
        Set<String> speakers = new LinkedHashSet<>();
        ObjectNode turn = null;
        for (Item word : items) {
            if (word.punctuation()) {
                continue;
            }
            String speaker = speaker(word, features);
            speakers.add(speaker);
            if (turn == null || !speaker.equals(turn.path("speaker_label").asText())) {
                turn = turns.addObject();
                turn.put("start_time", seconds(word.startMs()));
                turn.put("end_time", seconds(word.startMs() + WORD_MS));
                turn.put("speaker_label", speaker);
                turn.putArray("items");
            }
            turn.put("end_time", seconds(word.startMs() + WORD_MS));
            ((ArrayNode) turn.get("items")).addObject()
                    .put("speaker_label", speaker)
                    .put("start_time", seconds(word.startMs()))
                    .put("end_time", seconds(word.startMs() + WORD_MS));
        }
        labels.put("channel_label", "ch_0");
        labels.put("speakers", speakers.size());
        return labels;
    }

    /** {@code channel_labels}: both channels of the (stereo) recording, each with full copies of its items. */
    private static ObjectNode channelLabels(List<Item> items, Features features) {
        ObjectNode labels = JsonNodeFactory.instance.objectNode();
        ArrayNode channels = labels.putArray("channels");
        for (int channel = 0; channel < 2; channel++) {
            ObjectNode node = channels.addObject();
            node.put("channel_label", "ch_" + channel);
            ArrayNode channelItems = node.putArray("items");
            for (Item item : items) {
                if (item.party() == channel) {
                    channelItems.add(toJson(item, features));
                }
            }
        }
        labels.put("number_of_channels", 2);
        return labels;
    }

    private static String speaker(Item item, Features features) {
        return "spk_" + Math.min(item.party(), features.maxSpeakers() - 1);
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

    private static ObjectNode toJson(Item item, Features features) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", item.id());
        node.put("type", item.punctuation() ? "punctuation" : "pronunciation");
        ObjectNode alternative = node.putArray("alternatives").addObject();
        if (item.confidence() != null) {
            alternative.put("confidence", item.confidence());
        }
        alternative.put("content", item.content());
        if (item.piiType() != null) {
            alternative.putArray("redactions").addObject()
                    .put("confidence", PII_CONFIDENCE)
                    .put("type", item.piiType())
                    .put("category", "PII");
        }
        if (!item.punctuation()) {
            node.put("start_time", seconds(item.startMs()));
            node.put("end_time", seconds(item.startMs() + WORD_MS));
        }
        labelParty(node, item, features);
        return node;
    }

    private static ObjectNode segmentJson(int id, List<Item> segment, Features features) {
        List<Item> words = segment.stream().filter(item -> !item.punctuation()).toList();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("transcript", join(segment));
        node.put("start_time", seconds(words.get(0).startMs()));
        node.put("end_time", seconds(words.get(words.size() - 1).startMs() + WORD_MS));
        labelParty(node, words.get(0), features);
        ArrayNode ids = node.putArray("items");
        segment.forEach(item -> ids.add(item.id()));
        return node;
    }

    private static void labelParty(ObjectNode node, Item item, Features features) {
        if (features.speakers()) {
            node.put("speaker_label", speaker(item, features));
        }
        if (features.channels()) {
            node.put("channel_label", "ch_" + item.party());
        }
    }

    /** Seconds as Transcribe writes them: a string like "0.5", "1.3" or "12.0". */
    static String seconds(long millis) {
        BigDecimal value = BigDecimal.valueOf(millis, 3).stripTrailingZeros();
        return (value.scale() < 1 ? value.setScale(1) : value).toPlainString();
    }
}
