package io.transcribebridge.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads every Transcribe output shape leniently: times and confidences as strings (AWS) or numbers (LocalStack),
 * optional {@code id}, {@code audio_segments}, speaker and channel blocks, any key order, unknown keys ignored.
 * <p>
 * The file is read as a token stream, not a tree: a 4-hour transcript has some 40,000 items, and a tree of it
 * would cost several times the memory of the records kept.
 */
public final class TranscriptParser {

    private final ObjectMapper mapper;

    public TranscriptParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Transcript parse(byte[] json) {
        return read(() -> mapper.getFactory().createParser(json));
    }

    public Transcript parse(InputStream json) {
        return read(() -> mapper.getFactory().createParser(json));
    }

    /** What the file says, section by section, before the sections are combined. */
    private static final class Sections {
        String jobName;
        boolean redacted;
        boolean hasResults;
        String text;
        List<TranscriptItem> items = List.of();
        List<AudioSegment> audioSegments = List.of();
        List<SpeakerTimeline.Turn> speakerTurns = List.of();
        List<ChannelItems> channels = List.of();
        String languageCode;
        List<LanguageScore> languages = List.of();
    }

    private interface Opener {
        JsonParser open() throws IOException;
    }

    private static Transcript read(Opener opener) {
        try (JsonParser parser = opener.open()) {
            return read(parser);
        } catch (JsonProcessingException e) {
            throw new MalformedTranscriptException("transcript is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedTranscriptException("transcript could not be read: " + e.getMessage(), e);
        }
    }

    private static Transcript read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedTranscriptException("transcript JSON has no 'results' object");
        }
        Sections s = new Sections();
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "jobName" -> s.jobName = text(p);
                case "isRedacted" -> s.redacted = p.currentToken() == JsonToken.VALUE_TRUE
                                                  || "true".equalsIgnoreCase(text(p));
                case "results" -> {
                    if (p.currentToken() == JsonToken.START_OBJECT) {
                        s.hasResults = true;
                        readResults(p, s);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (!s.hasResults) {
            throw new MalformedTranscriptException("transcript JSON has no 'results' object");
        }
        return assemble(s);
    }

    private static void readResults(JsonParser p, Sections s) throws IOException {
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "transcripts" -> s.text = transcripts(p);
                case "items" -> s.items = objects(p, "results.items", TranscriptParser::item);
                case "audio_segments" -> s.audioSegments = objects(p, "results.audio_segments",
                        TranscriptParser::audioSegment);
                case "speaker_labels" -> s.speakerTurns = speakerTurns(p);
                case "channel_labels" -> s.channels = channels(p);
                case "language_code" -> s.languageCode = text(p);
                case "language_identification" -> s.languages = objects(p, "results.language_identification",
                        TranscriptParser::languageScore);
                default -> p.skipChildren();
            }
        }
    }

    private static Transcript assemble(Sections s) {
        List<TranscriptItem> items = s.items;
        if (!s.channels.isEmpty()) {
            items = items.isEmpty() ? ChannelItems.mergeByTime(s.channels) : ChannelItems.label(items, s.channels);
        }
        if (!s.speakerTurns.isEmpty()) {
            items = new SpeakerTimeline(s.speakerTurns).label(items);
        }
        String text = s.text != null ? s.text : ItemText.join(items, 0, items.size());
        return new Transcript(s.jobName, text, items, s.languageCode, s.redacted, s.audioSegments, s.languages,
                ChannelItems.labels(s.channels, items));
    }

    // ---- sections

    private static String transcripts(JsonParser p) throws IOException {
        List<String> parts = objects(p, "results.transcripts", entry -> {
            String part = null;
            for (String field = nextField(entry); field != null; field = nextField(entry)) {
                if ("transcript".equals(field)) {
                    part = text(entry);
                } else {
                    entry.skipChildren();
                }
            }
            return part;
        });
        if (parts.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty()) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(part);
            }
        }
        return text.toString();
    }

    private static TranscriptItem item(JsonParser p) throws IOException {
        Integer id = null;
        TranscriptItem.Type type = TranscriptItem.Type.PRONUNCIATION;
        String content = "";
        Double confidence = null;
        Double start = null;
        Double end = null;
        String speaker = null;
        String channel = null;
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "id" -> id = integer(p);
                case "type" -> type = "punctuation".equals(text(p))
                        ? TranscriptItem.Type.PUNCTUATION : TranscriptItem.Type.PRONUNCIATION;
                case "alternatives" -> {
                    Alternative best = bestAlternative(p);
                    content = best.content();
                    confidence = best.confidence();
                }
                case "start_time" -> start = number(p);
                case "end_time" -> end = number(p);
                case "speaker_label" -> speaker = text(p);
                case "channel_label" -> channel = text(p);
                default -> p.skipChildren();
            }
        }
        return new TranscriptItem(id, type, content, confidence, start, end, speaker, channel);
    }

    private record Alternative(String content, Double confidence) {
    }

    /** The first of {@code alternatives}, the one Transcribe chose; any others are skipped. */
    private static Alternative bestAlternative(JsonParser p) throws IOException {
        Alternative best = new Alternative("", null);
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return best;
        }
        boolean first = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (first && p.currentToken() == JsonToken.START_OBJECT) {
                best = alternative(p);
            } else {
                p.skipChildren();
            }
            first = false;
        }
        return best;
    }

    private static Alternative alternative(JsonParser p) throws IOException {
        String content = "";
        Double confidence = null;
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "content" -> content = text(p);
                case "confidence" -> confidence = number(p);
                default -> p.skipChildren();
            }
        }
        return new Alternative(content, confidence);
    }

    private static AudioSegment audioSegment(JsonParser p) throws IOException {
        Integer id = null;
        Double start = null;
        Double end = null;
        String speaker = null;
        String channel = null;
        List<Integer> itemIds = List.of();
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "id" -> id = integer(p);
                case "start_time" -> start = number(p);
                case "end_time" -> end = number(p);
                case "speaker_label" -> speaker = text(p);
                case "channel_label" -> channel = text(p);
                case "items" -> itemIds = integers(p);
                default -> p.skipChildren();
            }
        }
        return new AudioSegment(id, start, end, speaker, channel, itemIds);
    }

    /** {@code speaker_labels.segments}: word-level turns where the segment lists its words, else the segment. */
    private static List<SpeakerTimeline.Turn> speakerTurns(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return List.of();
        }
        List<SpeakerTimeline.Turn> turns = new ArrayList<>();
        for (String field = nextField(p); field != null; field = nextField(p)) {
            if ("segments".equals(field)) {
                for (List<SpeakerTimeline.Turn> segment : objects(p, "results.speaker_labels.segments",
                        TranscriptParser::speakerSegment)) {
                    turns.addAll(segment);
                }
            } else {
                p.skipChildren();
            }
        }
        return turns;
    }

    private static List<SpeakerTimeline.Turn> speakerSegment(JsonParser p) throws IOException {
        Double start = null;
        String speaker = null;
        List<SpeakerTimeline.Turn> words = List.of();
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "start_time" -> start = number(p);
                case "speaker_label" -> speaker = text(p);
                case "items" -> words = objects(p, "results.speaker_labels.segments[].items",
                        TranscriptParser::speakerWord);
                default -> p.skipChildren();
            }
        }
        if (!words.isEmpty()) {
            String segmentSpeaker = speaker;
            return words.stream().map(word -> word.speaker() == null ? word.withSpeaker(segmentSpeaker) : word)
                    .toList();
        }
        return start == null ? List.of() : List.of(new SpeakerTimeline.Turn(start, speaker));
    }

    private static SpeakerTimeline.Turn speakerWord(JsonParser p) throws IOException {
        Double start = null;
        String speaker = null;
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "start_time" -> start = number(p);
                case "speaker_label" -> speaker = text(p);
                default -> p.skipChildren();
            }
        }
        return start == null ? null : new SpeakerTimeline.Turn(start, speaker);
    }

    private static List<ChannelItems> channels(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return List.of();
        }
        List<ChannelItems> channels = List.of();
        for (String field = nextField(p); field != null; field = nextField(p)) {
            if ("channels".equals(field)) {
                channels = objects(p, "results.channel_labels.channels", TranscriptParser::channel);
            } else {
                p.skipChildren();
            }
        }
        return channels;
    }

    private static ChannelItems channel(JsonParser p) throws IOException {
        String label = null;
        List<TranscriptItem> items = List.of();
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "channel_label" -> label = text(p);
                case "items" -> items = objects(p, "results.channel_labels.channels[].items", TranscriptParser::item);
                default -> p.skipChildren();
            }
        }
        return new ChannelItems(label, items);
    }

    private static LanguageScore languageScore(JsonParser p) throws IOException {
        String code = null;
        Double score = null;
        for (String field = nextField(p); field != null; field = nextField(p)) {
            switch (field) {
                case "code", "language_code" -> code = text(p);
                case "score" -> score = number(p);
                default -> p.skipChildren();
            }
        }
        return code == null ? null : new LanguageScore(code, score == null ? 0 : score);
    }

    // ---- values

    /** Moves to the next field of the current object and onto its value; null at the end of the object. */
    private static String nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String field = p.currentName();
        p.nextToken();
        return field;
    }

    private interface ElementReader<T> {
        /** Reads one object, positioned on its START_OBJECT; null to leave it out. */
        T read(JsonParser p) throws IOException;
    }

    /** An array of objects; null and an absent array are empty, non-object elements are skipped. */
    private static <T> List<T> objects(JsonParser p, String where, ElementReader<T> reader) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedTranscriptException("transcript '" + where + "' is not an array");
        }
        List<T> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.START_OBJECT) {
                T element = reader.read(p);
                if (element != null) {
                    list.add(element);
                }
            } else {
                p.skipChildren();
            }
        }
        return list;
    }

    private static List<Integer> integers(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<Integer> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Integer value = integer(p);
            if (value != null) {
                list.add(value);
            }
        }
        return list;
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isStructStart()) {
            p.skipChildren();
            return null;
        }
        return p.getText();
    }

    private static Integer integer(JsonParser p) throws IOException {
        Double value = number(p);
        return value == null || value != Math.rint(value) ? null : value.intValue();
    }

    /** A JSON number or a numeric string (AWS writes times and confidences as strings); null when absent. */
    private static Double number(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isNumeric()) {
            return p.getDoubleValue();
        }
        if (token.isStructStart()) {
            p.skipChildren();
            throw new MalformedTranscriptException("transcript has an object or array where a number belongs");
        }
        String text = p.getText().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedTranscriptException("transcript has a non-numeric value where a number belongs: '"
                                               + text + "'");
    }
}
