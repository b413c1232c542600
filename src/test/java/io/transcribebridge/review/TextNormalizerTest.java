package io.transcribebridge.review;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {

    @Test
    void lowerCasesAndDropsPunctuation() {
        assertThat(TextNormalizer.normalize("The cat sat on the mat.")).isEqualTo("the cat sat on the mat");
        assertThat(TextNormalizer.words("  Hello,\tworld!\n\nBye  ")).containsExactly("hello", "world", "bye");
    }

    @Test
    void readsTypographicApostrophesAsApostrophes() {
        assertThat(TextNormalizer.words("Don’t")).isEqualTo(TextNormalizer.words("don't")).containsExactly("don't");
        assertThat(TextNormalizer.words("donʼt")).containsExactly("don't");
    }

    @Test
    void dropsApostrophesAtTheEdgesOfWords() {
        assertThat(TextNormalizer.words("''tis' the 'season' rock'n'roll ''' '")).containsExactly("tis", "the",
                "season", "rock'n'roll");
        assertThat(TextNormalizer.normalize("'tis")).isEqualTo("tis");
    }

    @Test
    void appliesNfkc() {
        // the fi ligature, full-width digits and letters, a superscript, a compatibility space
        assertThat(TextNormalizer.normalize("ﬁnd １２３ ＡＢＣ x²\u00A0y")).isEqualTo("find 123 abc x2 y");
        // a decomposed é composes, so it equals the precomposed one
        assertThat(TextNormalizer.words("cafe\u0301")).containsExactly("café");
    }

    @Test
    void keepsLettersMarksAndDecimalDigitsOnly() {
        // ½ is No (NFKC makes it 1⁄2, the fraction slash is Sm); § and emoji are symbols; Devanagari keeps its marks
        assertThat(TextNormalizer.words("½ § 🙂 हिन्दी ٣")).containsExactly("1", "2", "हिन्दी", "٣");
        assertThat(TextNormalizer.words("e-mail_address 3.5")).containsExactly("e", "mail", "address", "3", "5");
    }

    @Test
    void emptyAndBlankTextHaveNoWords() {
        assertThat(TextNormalizer.words("")).isEmpty();
        assertThat(TextNormalizer.words(null)).isEmpty();
        assertThat(TextNormalizer.normalize(" ... -- ''' ")).isEmpty();
    }

    @Test
    void displayWordsKeepTheReviewersCapitals() {
        assertThat(TextNormalizer.displayWords("Dr. O’Brien met ﬁfty İstanbul")).containsExactly("Dr", "O'Brien",
                "met", "fifty", "İstanbul");
        // İ lower-cases to two code points (i and a combining dot): still one word
        assertThat(TextNormalizer.words("İstanbul")).containsExactly("i\u0307stanbul");
    }

    @Test
    void tokensKnowThePieceOfTheOriginalTextTheyCameFrom() {
        String text = "Well... rock-n-roll, “yes”";
        assertThat(TextNormalizer.tokens(text)).extracting(t -> text.substring(t.pieceStart(), t.pieceEnd()))
                .containsExactly("Well...", "rock-n-roll,", "rock-n-roll,", "rock-n-roll,", "“yes”");
    }

    @Test
    void lowerCasingNeverTurnsAWordCharacterIntoAnotherKind() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            boolean word = TextNormalizer.isWordCharacter(cp);
            String lower = new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
            assertThat(lower.codePoints().allMatch(c -> TextNormalizer.isWordCharacter(c) == word))
                    .as("U+%04X", cp).isTrue();
        }
    }

    /** Random text over awkward characters gives the same words as the definition applied to the whole text. */
    @Test
    void matchesTheDefinitionOnRandomText() {
        String[] alphabet = {"a", "B", "é", "e\u0301", "\u0301", " ", "\u00A0", "\u3000", "\n", ".", "-", "'", "’",
                "ʼ", "ﬁ", "１", "٣", "½", "ᄀ", "ᅡ", "ᆨ", "İ", "ß", "Ω", "🙂", "\u0308", "\u00A8", "x"};
        Random random = new Random(20240611);
        for (int run = 0; run < 2_000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(20);
            for (int k = 0; k < length; k++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String input = text.toString();
            List<String> words = TextNormalizer.words(input);
            List<String> display = TextNormalizer.displayWords(input);

            assertThat(words).as("%s", input).isEqualTo(definition(input));
            assertThat(display).hasSameSizeAs(words);
            for (int i = 0; i < words.size(); i++) {
                assertThat(display.get(i).toLowerCase(Locale.ROOT)).isEqualTo(words.get(i));
            }
        }
    }

    /** The contract, literally, on the whole text (no Greek capital sigma in the alphabet: see the class comment). */
    private static List<String> definition(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).replace('’', '\'').replace('ʼ', '\'')
                .toLowerCase(Locale.ROOT);
        StringBuilder spaced = new StringBuilder();
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean keep = Character.isLetter(cp) || type == Character.NON_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.DECIMAL_DIGIT_NUMBER || cp == '\'';
            spaced.appendCodePoint(keep ? cp : ' ');
        });
        List<String> words = new ArrayList<>();
        for (String word : spaced.toString().trim().split(" +")) {
            String stripped = word.replaceAll("^'+|'+$", "");
            if (!stripped.isEmpty()) {
                words.add(stripped);
            }
        }
        return words;
    }
}
