package io.transcribebridge.transcript;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Seeded, realistic-looking Transcribe output in any of the shapes the parser accepts, for property tests and the
 * benchmark. Speech runs at about 2.5 words a second, so 40,000 items are about four hours of audio.
 * <p>
 * The generator keeps its own copy of the transcript text (built while generating, not by the code under test),
 * which is what the converted regions must give back.
 */
public final class TranscriptGenerator {

    /**
     * @param items                  how many items (words and punctuation) to write
     * @param speakers               0 for no diarization, else the number of speakers ({@code spk_N})
     * @param channels               channel identification with two channels instead of speakers
     * @param mergedChannelItems     with channels: also write the merged top-level {@code items}
     * @param speakersOnlyInSegments with speakers: only {@code speaker_labels.segments} names them, not the items
     * @param audioSegments          write {@code audio_segments} (needs ids)
     * @param ids                    write an {@code id} on every item
     * @param numbersAsStrings       times and confidences as strings (AWS) or as JSON numbers (LocalStack)
     * @param punctuation            write punctuation items
     * @param piiShare               share of words redacted to {@code [PII]} without ASR confidence
     * @param languageIdentification write {@code language_code} and {@code language_identification}
     */
    public record Options(int items, int speakers, boolean channels, boolean mergedChannelItems,
                          boolean speakersOnlyInSegments, boolean audioSegments, boolean ids,
                          boolean numbersAsStrings, boolean punctuation, double piiShare,
                          boolean languageIdentification) {

        /** What current AWS output of a diarized job looks like. */
        public static Options aws(int items, int speakers) {
            return new Options(items, speakers, false, false, false, true, true, true, true, 0, false);
        }

        /** Pre-2023 diarized output: no ids or audio segments, speakers only in speaker_labels, some PII. */
        public static Options older(int items, int speakers) {
            return new Options(items, speakers, false, false, true, false, false, true, true, 0.01, false);
        }

        /** Channel identification with only the per-channel item lists, no merged top-level items. */
        public static Options channelsOnly(int items) {
            return new Options(items, 0, true, false, false, true, true, true, true, 0, false);
        }

        public Options withItems(int count) {
            return new Options(count, speakers, channels, mergedChannelItems, speakersOnlyInSegments, audioSegments,
                    ids, numbersAsStrings, punctuation, piiShare, languageIdentification);
        }

        /** Any mix of the shapes, up to {@code maxItems} items. */
        public static Options random(Random random, int maxItems) {
            boolean channels = random.nextInt(4) == 0;
            boolean ids = random.nextInt(5) > 0;
            return new Options(random.nextInt(maxItems + 1), channels ? 0 : random.nextInt(4), channels,
                    random.nextBoolean(), random.nextBoolean(), ids && random.nextBoolean(), ids,
                    random.nextBoolean(), random.nextInt(6) > 0, random.nextInt(3) == 0 ? 0.05 : 0,
                    random.nextInt(4) == 0);
        }
    }

    /** A generated transcript file and the text its regions must add up to. */
    public record Generated(byte[] json, String text, Options options) {
    }

    private static final String[] WORDS = {"the", "order", "arrived", "on", "Tuesday", "and", "I", "would", "like",
        "a", "refund", "please", "check", "account", "number", "we", "can", "ship", "another", "one", "today",
        "thanks", "for", "calling", "warehouse", "delay", "Leeds", "quarterly", "review", "customer", "it's"};
    private static final JsonFactory JSON = new JsonFactory();

    private record Item(boolean word, String content, double confidence, long startMs, long endMs, int speaker) {
    }

    private TranscriptGenerator() {
    }

    public static Generated generate(long seed, Options options) {
        Random random = new Random(seed);
        List<Item> items = items(random, options);
        StringBuilder text = new StringBuilder();
        for (Item item : items) {
            if (item.word() && !text.isEmpty()) {
                text.append(' ');
            }
            text.append(item.content());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(items.size() * 160 + 256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            new Writer(json, options, items).transcript(seed, text.toString(), random);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Generated(out.toByteArray(), text.toString(), options);
    }

    private static List<Item> items(Random random, Options options) {
        List<Item> items = new ArrayList<>(options.items());
        int voices = options.channels() ? 2 : Math.max(1, options.speakers());
        long time = 300 + random.nextInt(2_000);
        int speaker = 0;
        while (items.size() < options.items()) {
            time += gapMs(random);
            long duration = 100 + random.nextInt(500);
            boolean pii = random.nextDouble() < options.piiShare();
            double confidence = random.nextInt(10) == 0 ? 0.2 + random.nextDouble() * 0.65
                    : 0.85 + random.nextDouble() * 0.15;
            items.add(new Item(true, pii ? "[PII]" : WORDS[random.nextInt(WORDS.length)], pii ? -1 : confidence,
                    time, time + duration, speaker));
            time += duration;
            if (options.punctuation() && items.size() < options.items()) {
                int roll = random.nextInt(100);
                String mark = roll < 8 ? "," : roll < 15 ? "." : roll < 16 ? "?" : null;
                if (mark != null) {
                    items.add(new Item(false, mark, 0, -1, -1, speaker));
                    if (!",".equals(mark) && voices > 1 && random.nextInt(3) == 0) {
                        speaker = (speaker + 1 + random.nextInt(voices - 1)) % voices;
                    }
                }
            }
        }
        return items;
    }

    private static long gapMs(Random random) {
        int roll = random.nextInt(100);
        if (roll < 85) {
            return 10 + random.nextInt(140);
        }
        return roll < 97 ? 300 + random.nextInt(1_100) : 1_500 + random.nextInt(2_500);
    }

    private static final class Writer {
        private final JsonGenerator json;
        private final Options options;
        private final List<Item> items;

        Writer(JsonGenerator json, Options options, List<Item> items) {
            this.json = json;
            this.options = options;
            this.items = items;
        }

        void transcript(long seed, String text, Random random) throws IOException {
            json.writeStartObject();
            json.writeStringField("jobName", "generated-" + seed);
            json.writeStringField("accountId", "111122223333");
            if (options.piiShare() > 0) {
                json.writeBooleanField("isRedacted", true);
            }
            json.writeStringField("status", "COMPLETED");
            json.writeObjectFieldStart("results");
            if (options.languageIdentification()) {
                json.writeStringField("language_code", "en-GB");
                json.writeArrayFieldStart("language_identification");
                languageScore("en-GB", 0.9712);
                languageScore("en-US", 0.0288);
                json.writeEndArray();
            }
            json.writeArrayFieldStart("transcripts");
            json.writeStartObject();
            json.writeStringField("transcript", text);
            json.writeEndObject();
            json.writeEndArray();
            if (options.speakers() > 0) {
                speakerLabels(random);
            }
            if (options.channels()) {
                channelLabels();
            }
            if (!options.channels() || options.mergedChannelItems()) {
                json.writeArrayFieldStart("items");
                for (int i = 0; i < items.size(); i++) {
                    item(i);
                }
                json.writeEndArray();
            }
            if (options.audioSegments() && options.ids()) {
                audioSegments();
            }
            json.writeEndObject();
            json.writeEndObject();
        }

        private void languageScore(String code, double score) throws IOException {
            json.writeStartObject();
            json.writeStringField("score", Double.toString(score));
            json.writeStringField("code", code);
            json.writeEndObject();
        }

        private void item(int index) throws IOException {
            Item item = items.get(index);
            json.writeStartObject();
            if (options.ids()) {
                json.writeNumberField("id", index);
            }
            json.writeStringField("type", item.word() ? "pronunciation" : "punctuation");
            json.writeArrayFieldStart("alternatives");
            json.writeStartObject();
            if (item.confidence() >= 0) {
                json.writeFieldName("confidence");
                number(Math.round(item.confidence() * 10_000), 4);
            }
            json.writeStringField("content", item.content());
            if (item.confidence() < 0) {
                json.writeArrayFieldStart("redactions");
                json.writeStartObject();
                json.writeStringField("confidence", "0.9999");
                json.writeStringField("type", "NAME");
                json.writeStringField("category", "PII");
                json.writeEndObject();
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndArray();
            if (item.word()) {
                json.writeFieldName("start_time");
                number(item.startMs(), 3);
                json.writeFieldName("end_time");
                number(item.endMs(), 3);
            }
            if (options.speakers() > 0 && !options.speakersOnlyInSegments()) {
                json.writeStringField("speaker_label", "spk_" + item.speaker());
            }
            if (options.channels()) {
                json.writeStringField("channel_label", "ch_" + item.speaker());
            }
            json.writeEndObject();
        }

        private void number(long unscaled, int scale) throws IOException {
            BigDecimal value = BigDecimal.valueOf(unscaled, scale);
            if (options.numbersAsStrings()) {
                json.writeString(value.toPlainString());
            } else {
                json.writeNumber(value);
            }
        }

        /** A turn per run of one speaker's words; with a list of its words, or (randomly) only its span. */
        private void speakerLabels(Random random) throws IOException {
            boolean withWords = random.nextBoolean();
            json.writeObjectFieldStart("speaker_labels");
            json.writeStringField("channel_label", "ch_0");
            json.writeNumberField("speakers", options.speakers());
            json.writeArrayFieldStart("segments");
            int i = 0;
            while (i < items.size()) {
                int speaker = items.get(i).speaker();
                int end = i;
                while (end < items.size() && items.get(end).speaker() == speaker) {
                    end++;
                }
                speakerTurn(i, end, withWords);
                i = end;
            }
            json.writeEndArray();
            json.writeEndObject();
        }

        private void speakerTurn(int from, int to, boolean withWords) throws IOException {
            List<Item> words = items.subList(from, to).stream().filter(Item::word).toList();
            if (words.isEmpty()) {
                return;
            }
            String speaker = "spk_" + words.get(0).speaker();
            json.writeStartObject();
            json.writeFieldName("start_time");
            number(words.get(0).startMs(), 3);
            json.writeFieldName("end_time");
            number(words.get(words.size() - 1).endMs(), 3);
            json.writeStringField("speaker_label", speaker);
            json.writeArrayFieldStart("items");
            if (withWords) {
                for (Item word : words) {
                    json.writeStartObject();
                    json.writeFieldName("start_time");
                    number(word.startMs(), 3);
                    json.writeFieldName("end_time");
                    number(word.endMs(), 3);
                    json.writeStringField("speaker_label", speaker);
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }

        private void channelLabels() throws IOException {
            json.writeObjectFieldStart("channel_labels");
            json.writeArrayFieldStart("channels");
            for (int channel = 0; channel < 2; channel++) {
                json.writeStartObject();
                json.writeStringField("channel_label", "ch_" + channel);
                json.writeArrayFieldStart("items");
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).speaker() == channel) {
                        item(i);
                    }
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("number_of_channels", 2);
            json.writeEndObject();
        }

        /** Like Transcribe: a segment ends at a sentence end, a speaker change or a long pause. */
        private void audioSegments() throws IOException {
            json.writeArrayFieldStart("audio_segments");
            int from = 0;
            int id = 0;
            for (int i = 0; i < items.size(); i++) {
                boolean last = i == items.size() - 1;
                Item item = items.get(i);
                Item next = last ? null : items.get(i + 1);
                boolean sentenceEnd = !item.word() && !",".equals(item.content());
                boolean speakerChange = next != null && next.speaker() != item.speaker();
                boolean pause = next != null && next.word() && item.word() && next.startMs() - item.endMs() >= 1_000;
                if (last || sentenceEnd || speakerChange || pause) {
                    audioSegment(id++, from, i + 1);
                    from = i + 1;
                }
            }
            json.writeEndArray();
        }

        private void audioSegment(int id, int from, int to) throws IOException {
            List<Item> words = items.subList(from, to).stream().filter(Item::word).toList();
            json.writeStartObject();
            json.writeNumberField("id", id);
            if (!words.isEmpty()) {
                json.writeFieldName("start_time");
                number(words.get(0).startMs(), 3);
                json.writeFieldName("end_time");
                number(words.get(words.size() - 1).endMs(), 3);
            }
            if (options.speakers() > 0) {
                json.writeStringField("speaker_label", "spk_" + items.get(from).speaker());
            }
            if (options.channels()) {
                json.writeStringField("channel_label", "ch_" + items.get(from).speaker());
            }
            json.writeArrayFieldStart("items");
            for (int i = from; i < to; i++) {
                json.writeNumber(i);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
