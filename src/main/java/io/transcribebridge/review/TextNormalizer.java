package io.transcribebridge.review;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one normalisation under every accuracy figure: Unicode NFKC; {@code ’} (U+2019) and {@code ʼ} (U+02BC) read
 * as {@code '}; lower case ({@link Locale#ROOT}); every code point that is not a letter (L*), a combining mark (M*),
 * a decimal digit (Nd) or {@code '} becomes a space; apostrophes at a word's edges are dropped (a word of only
 * apostrophes disappears); whitespace collapsed and trimmed.
 * <p>
 * Words are found before lower-casing and each word is lower-cased on its own, so {@link #words} and
 * {@link #displayWords} always have the same length and {@code words(t).get(i)} is
 * {@code displayWords(t).get(i).toLowerCase(Locale.ROOT)}. (Lower-casing never turns a word character into a
 * non-word character or back, so this only differs from lower-casing the whole text in the context of Greek final
 * sigma across a non-letter, e.g. {@code Α.Σ}.)
 * <p>
 * The text is cut at whitespace before NFKC, and each piece is normalised alone: no NFKC composition or reordering
 * crosses a whitespace character, so the result is the same, and each word knows the piece of the original text it
 * came from ({@link #tokens}).
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /**
     * One word. {@code pieceStart} and {@code pieceEnd} delimit, in the original text, the whitespace-free piece
     * the word came from, punctuation included ({@code "mat."} for {@code mat}); several words can share a piece
     * ({@code "rock-n-roll"}).
     *
     * @param word    normalised (lower case)
     * @param display the same word before lower-casing
     */
    public record Token(String word, String display, int pieceStart, int pieceEnd) {
    }

    public static String normalize(String text) {
        return String.join(" ", words(text));
    }

    public static List<String> words(String text) {
        return tokens(text).stream().map(Token::word).toList();
    }

    public static List<String> displayWords(String text) {
        return tokens(text).stream().map(Token::display).toList();
    }

    public static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        int i = 0;
        int length = text.length();
        while (i < length) {
            while (i < length && isSeparator(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            int start = i;
            while (i < length && !isSeparator(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start) {
                addWords(text.substring(start, i), start, i, tokens);
            }
        }
        return tokens;
    }

    private static void addWords(String piece, int pieceStart, int pieceEnd, List<Token> tokens) {
        String folded = Normalizer.normalize(piece, Normalizer.Form.NFKC).replace('\u2019', '\'').replace('\u02BC', '\'');
        StringBuilder word = new StringBuilder();
        folded.codePoints().forEach(cp -> {
            if (isWordCharacter(cp)) {
                word.appendCodePoint(cp);
            } else {
                add(word, pieceStart, pieceEnd, tokens);
            }
        });
        add(word, pieceStart, pieceEnd, tokens);
    }

    private static void add(StringBuilder word, int pieceStart, int pieceEnd, List<Token> tokens) {
        int from = 0;
        int to = word.length();
        while (from < to && word.charAt(from) == '\'') {
            from++;
        }
        while (to > from && word.charAt(to - 1) == '\'') {
            to--;
        }
        if (from < to) {
            String display = word.substring(from, to);
            tokens.add(new Token(display.toLowerCase(Locale.ROOT), display, pieceStart, pieceEnd));
        }
        word.setLength(0);
    }

    static boolean isWordCharacter(int codePoint) {
        if (codePoint == '\'') {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER -> true;
            default -> false;
        };
    }

    /** Whitespace never composes or reorders under NFKC, so pieces between it normalise independently. */
    static boolean isSeparator(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }
}
