package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Cues as SubRip (SRT) or WebVTT text.
 * <p>
 * Both outputs are valid whatever the cues: times are rounded to the millisecond (negative ones to 0); cues are
 * sorted by start, then end; a cue that does not end after it starts lasts {@value #MINIMUM_MILLIS} ms, or until the
 * next later cue starts if that is sooner. Overlapping cues are kept (both formats allow them: two speakers at
 * once). In the text, line breaks are kept but blank lines, which would end the cue, are dropped, as are spaces
 * around lines; a cue without text is left out. SRT has no escaping: a {@code -->} in the text becomes {@code ->},
 * and the rest is written as it is (a player may read a literal {@code <i>} as a tag). WebVTT escapes {@code &},
 * {@code <} and {@code >}, which also takes care of {@code -->}. Lines end with {@code \n}.
 */
public final class SubtitleWriter {

    static final long MINIMUM_MILLIS = 500;

    private SubtitleWriter() {
    }

    /** The speaker label prefixes the first line: {@code Label: text}. */
    public static String srt(List<Cue> cues) {
        StringBuilder out = new StringBuilder();
        int number = 0;
        for (Timed cue : prepare(cues)) {
            String text = cue.text().replace("-->", "->");
            if (cue.label() != null) {
                text = cue.label().replace("-->", "->") + ": " + text;
            }
            if (number > 0) {
                out.append('\n');
            }
            out.append(++number).append('\n')
                    .append(timestamp(cue.start(), ',')).append(" --> ").append(timestamp(cue.end(), ','))
                    .append('\n').append(text).append('\n');
        }
        return out.toString();
    }

    /** The speaker label is a voice span: {@code <v Label>text}. */
    public static String vtt(List<Cue> cues) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        for (Timed cue : prepare(cues)) {
            out.append('\n')
                    .append(timestamp(cue.start(), '.')).append(" --> ").append(timestamp(cue.end(), '.'))
                    .append('\n');
            if (cue.label() != null) {
                out.append("<v ").append(escape(cue.label())).append('>');
            }
            out.append(escape(cue.text())).append('\n');
        }
        return out.toString();
    }

    private record Timed(long start, long end, String label, String text) {
    }

    private static List<Timed> prepare(List<Cue> cues) {
        List<Timed> timed = new ArrayList<>(cues.size());
        for (Cue cue : cues) {
            String text = clean(cue.text());
            if (!text.isEmpty()) {
                String label = cue.label() == null ? null : String.join(" ", words(cue.label()));
                timed.add(new Timed(millis(cue.start()), millis(cue.end()), label == null || label.isEmpty() ? null
                        : label, text));
            }
        }
        timed.sort(Comparator.comparingLong(Timed::start).thenComparingLong(Timed::end));
        List<Timed> valid = new ArrayList<>(timed.size());
        for (int k = 0; k < timed.size(); k++) {
            Timed cue = timed.get(k);
            if (cue.end() <= cue.start()) {
                long end = cue.start() + MINIMUM_MILLIS;
                for (int next = k + 1; next < timed.size(); next++) {
                    if (timed.get(next).start() > cue.start()) {
                        end = Math.min(end, timed.get(next).start());
                        break;
                    }
                }
                cue = new Timed(cue.start(), end, cue.label(), cue.text());
            }
            valid.add(cue);
        }
        return valid;
    }

    private static long millis(double seconds) {
        return Double.isNaN(seconds) || seconds <= 0 ? 0 : Math.round(seconds * 1_000d);
    }

    /** Lines with their spaces collapsed, without blank lines. */
    private static String clean(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n|\u2028|\u2029")) {
            String words = String.join(" ", words(line));
            if (!words.isEmpty()) {
                lines.add(words);
            }
        }
        return String.join("\n", lines);
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        line.codePoints().forEach(cp -> {
            if (TextNormalizer.isSeparator(cp)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.appendCodePoint(cp);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String timestamp(long millis, char decimalSeparator) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1_000 % 60,
                decimalSeparator, millis % 1_000);
    }
}
