package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Subtitles of a whole-file project: the reviewers' text, timed by the words of the prediction it corrected.
 * <p>
 * The reference words are aligned to the recognised words ({@link WordAlignment}, both normalised). A reference word
 * that is matched or substituted takes the time of its recognised word; the words the reviewers added share the time
 * between their timed neighbours. The text is then cut into cues at whitespace, so the reviewers' punctuation and
 * capitals survive: a cue ends at a sentence end (. ? ! …) once it lasts {@value #SENTENCE_SECONDS} s, before a
 * pause of {@value #PAUSE_SECONDS} s, and before it would last more than {@value #MAX_CUE_SECONDS} s or no longer fit
 * {@value #MAX_LINES} lines of {@value #LINE_LENGTH} characters; longer text is broken into two lines. A cue cut
 * for length ends at its last clause break (, ; : —) in its second half, if any, rather than leave a word or two for
 * the next cue.
 * <p>
 * Without an alignment (no timed words, or no reference word matched) the whole text is one cue from 0 to the end of
 * the audio; an empty reference gives no cue.
 */
public final class CueBuilder {

    static final double SENTENCE_SECONDS = 1.0;
    static final double PAUSE_SECONDS = 1.0;
    static final double MAX_CUE_SECONDS = 7.0;
    static final int LINE_LENGTH = 42;
    static final int MAX_LINES = 2;
    /** The time given to each added word before the first or after the last timed word. */
    private static final double ADDED_WORD_SECONDS = 0.4;

    public enum Method {
        /** Cues timed by aligning the reference to the recognised words. */
        ALIGNED,
        /** One cue for the whole file (or none for an empty reference): nothing to align. */
        WHOLE_FILE
    }

    public record Subtitles(Method method, List<Cue> cues) {

        public Subtitles {
            cues = List.copyOf(cues);
        }
    }

    private CueBuilder() {
    }

    /**
     * @param words        the prediction's recognised words in time order
     * @param reference    the reviewers' text
     * @param audioSeconds the length of the audio, for the whole-file cue
     */
    public static Subtitles build(List<TimedWord> words, String reference, double audioSeconds) {
        return build(words, reference, audioSeconds, null);
    }

    /**
     * As {@link #build(List, String, double)}, reusing {@code measured}'s word alignment when it aligned the same
     * reference words with the same recognised words (the prediction's text is the transcript's words): aligning a
     * 4-hour transcript twice costs seconds.
     */
    public static Subtitles build(List<TimedWord> words, String reference, double audioSeconds,
                                  AccuracyMeter.Measurement measured) {
        String text = reference == null ? "" : reference;
        if (collapse(text).isEmpty()) {
            return new Subtitles(Method.WHOLE_FILE, List.of());
        }
        List<TextNormalizer.Token> tokens = TextNormalizer.tokens(text);
        List<TimedWord> recognised = split(words);
        if (!tokens.isEmpty() && !recognised.isEmpty()) {
            List<String> referenceWords = tokens.stream().map(TextNormalizer.Token::word).toList();
            List<String> recognisedWords = recognised.stream().map(TimedWord::text).toList();
            WordAlignment.Result alignment = measured != null && measured.referenceWords().equals(referenceWords)
                                             && measured.hypothesisWords().equals(recognisedWords)
                    ? measured.alignment() : WordAlignment.align(referenceWords, recognisedWords);
            if (alignment.matches() > 0) {
                double[][] times = times(alignment, tokens.size(), recognised, audioSeconds);
                return new Subtitles(Method.ALIGNED, cues(units(text, tokens, times[0], times[1])));
            }
        }
        double end = Math.max(audioSeconds, words.stream().mapToDouble(TimedWord::end).max().orElse(0));
        return new Subtitles(Method.WHOLE_FILE, List.of(new Cue(0, end, null, collapse(text))));
    }

    /**
     * A segment project's regions as cues: sorted, without empty text, and a region that overlaps the next one of
     * the same label ends where that one starts (one voice does not speak twice at once; two voices can, so their
     * overlaps are kept). Zero-length regions are left to {@link SubtitleWriter}.
     */
    public static List<Cue> fromRegions(List<Cue> regions) {
        List<Cue> sorted = regions.stream()
                .filter(cue -> !collapse(cue.text()).isEmpty())
                .sorted(Comparator.comparingDouble(Cue::start).thenComparingDouble(Cue::end))
                .toList();
        List<Cue> cues = new ArrayList<>(sorted.size());
        for (int k = 0; k < sorted.size(); k++) {
            Cue cue = sorted.get(k);
            for (int next = k + 1; next < sorted.size(); next++) {
                Cue other = sorted.get(next);
                if (Objects.equals(other.label(), cue.label())) {
                    if (other.start() > cue.start() && other.start() < cue.end()) {
                        cue = new Cue(cue.start(), other.start(), cue.label(), cue.text());
                    }
                    break;
                }
            }
            cues.add(cue);
        }
        return cues;
    }

    /** One entry per normalised word: a recognised item like {@code e-mail} shares its time among its words. */
    private static List<TimedWord> split(List<TimedWord> words) {
        List<TimedWord> result = new ArrayList<>();
        for (TimedWord word : words) {
            List<String> parts = TextNormalizer.words(word.text());
            double end = Math.max(word.start(), word.end());
            double step = (end - word.start()) / Math.max(1, parts.size());
            for (int k = 0; k < parts.size(); k++) {
                result.add(new TimedWord(parts.get(k), word.start() + k * step, word.start() + (k + 1) * step));
            }
        }
        return result;
    }

    /** Start and end of each reference word. */
    private static double[][] times(WordAlignment.Result alignment, int count, List<TimedWord> recognised,
                                    double audioSeconds) {
        double[] start = new double[count];
        double[] end = new double[count];
        boolean[] timed = new boolean[count];
        for (WordAlignment.Operation operation : alignment.operations()) {
            if (operation.referenceIndex() >= 0 && operation.hypothesisIndex() >= 0) {
                TimedWord word = recognised.get(operation.hypothesisIndex());
                start[operation.referenceIndex()] = word.start();
                end[operation.referenceIndex()] = word.end();
                timed[operation.referenceIndex()] = true;
            }
        }
        int k = 0;
        while (k < count) {
            if (timed[k]) {
                k++;
                continue;
            }
            int first = k;
            while (k < count && !timed[k]) {
                k++;
            }
            int added = k - first;
            double from;
            double to;
            if (first == 0) {
                to = start[k];
                from = Math.max(0, to - added * ADDED_WORD_SECONDS);
            } else if (k == count) {
                from = end[first - 1];
                to = from + added * ADDED_WORD_SECONDS;
                if (audioSeconds > from) {
                    to = Math.min(to, audioSeconds);
                }
            } else {
                from = end[first - 1];
                to = Math.max(from, start[k]);
            }
            for (int i = 0; i < added; i++) {
                start[first + i] = from + (to - from) * i / added;
                end[first + i] = from + (to - from) * (i + 1) / added;
            }
        }
        return new double[][] {start, end};
    }

    /** A whitespace-free piece of the reference with words, and the word-less pieces that follow it. */
    private record Unit(String text, double start, double end) {

        boolean endsSentence() {
            return endsWith(".?!…");
        }

        boolean endsClause() {
            return endsWith(",;:—–-");
        }

        private boolean endsWith(String marks) {
            int k = text.length();
            while (k > 0 && "\"')]}»”’".indexOf(text.charAt(k - 1)) >= 0) {
                k--;
            }
            return k > 0 && marks.indexOf(text.charAt(k - 1)) >= 0;
        }
    }

    private static List<Unit> units(String text, List<TextNormalizer.Token> tokens, double[] start, double[] end) {
        List<Unit> units = new ArrayList<>();
        int k = 0;
        while (k < tokens.size()) {
            TextNormalizer.Token first = tokens.get(k);
            int last = k;
            while (last + 1 < tokens.size() && tokens.get(last + 1).pieceStart() == first.pieceStart()) {
                last++;
            }
            int nextPiece = last + 1 < tokens.size() ? tokens.get(last + 1).pieceStart() : text.length();
            String piece = text.substring(first.pieceStart(), first.pieceEnd());
            String wordless = collapse(text.substring(first.pieceEnd(), nextPiece));
            if (k == 0) {
                String before = collapse(text.substring(0, first.pieceStart()));
                piece = before.isEmpty() ? piece : before + " " + piece;
            }
            units.add(new Unit(wordless.isEmpty() ? piece : piece + " " + wordless, start[k], end[last]));
            k = last + 1;
        }
        return units;
    }

    private static List<Cue> cues(List<Unit> units) {
        List<Cue> cues = new ArrayList<>();
        List<Unit> current = new ArrayList<>();
        for (Unit unit : units) {
            if (!current.isEmpty() && unit.start() - current.get(current.size() - 1).end() >= PAUSE_SECONDS) {
                cues.add(cue(current));
                current.clear();
            }
            if (!current.isEmpty() && !fitsWith(current, unit)) {
                // rather than leave a word or two alone, end the cue at its last clause break in its second half
                int cut = clauseBreak(current);
                cues.add(cue(current.subList(0, cut)));
                current = new ArrayList<>(current.subList(cut, current.size()));
                if (!current.isEmpty() && !fitsWith(current, unit)) {
                    cues.add(cue(current));
                    current.clear();
                }
            }
            current.add(unit);
            if (unit.endsSentence() && unit.end() - current.get(0).start() >= SENTENCE_SECONDS) {
                cues.add(cue(current));
                current.clear();
            }
        }
        if (!current.isEmpty()) {
            cues.add(cue(current));
        }
        return cues;
    }

    private static boolean fitsWith(List<Unit> current, Unit unit) {
        return unit.end() - current.get(0).start() <= MAX_CUE_SECONDS && fits(join(current) + " " + unit.text());
    }

    /** Where to end a full cue: after its last unit in the second half that ends a clause, else after all. */
    private static int clauseBreak(List<Unit> units) {
        for (int cut = units.size() - 1; cut >= Math.max(1, (units.size() + 1) / 2); cut--) {
            if (units.get(cut - 1).endsClause()) {
                return cut;
            }
        }
        return units.size();
    }

    private static Cue cue(List<Unit> units) {
        return new Cue(units.get(0).start(), units.get(units.size() - 1).end(), null, lines(join(units)));
    }

    private static String join(List<Unit> units) {
        return String.join(" ", units.stream().map(Unit::text).toList());
    }

    /** Whether the text fits {@value #MAX_LINES} lines of {@value #LINE_LENGTH} characters. */
    static boolean fits(String text) {
        return length(lines(text)) <= LINE_LENGTH;
    }

    /** The text on one line, or on two broken at the space that makes the longer line shortest. */
    static String lines(String text) {
        if (length(text) <= LINE_LENGTH) {
            return text;
        }
        int best = -1;
        int bestLength = Integer.MAX_VALUE;
        for (int k = text.indexOf(' '); k >= 0; k = text.indexOf(' ', k + 1)) {
            int longer = Math.max(length(text.substring(0, k)), length(text.substring(k + 1)));
            if (longer < bestLength) {
                best = k;
                bestLength = longer;
            }
        }
        return best < 0 ? text : text.substring(0, best) + "\n" + text.substring(best + 1);
    }

    /** The length of the longest line, in code points. */
    private static int length(String text) {
        int longest = 0;
        for (String line : text.split("\n")) {
            longest = Math.max(longest, line.codePointCount(0, line.length()));
        }
        return longest;
    }

    /** Whitespace runs as single spaces, trimmed. */
    private static String collapse(String text) {
        StringBuilder out = new StringBuilder();
        boolean space = false;
        for (int k = 0; k < text.length(); ) {
            int cp = text.codePointAt(k);
            k += Character.charCount(cp);
            if (TextNormalizer.isSeparator(cp)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}
