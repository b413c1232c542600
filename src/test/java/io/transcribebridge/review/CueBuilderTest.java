package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.List;

import io.transcribebridge.review.CueBuilder.Method;
import io.transcribebridge.review.CueBuilder.Subtitles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CueBuilderTest {

    /** A deposition's opening as recognised and as reviewed (also the whole-file golden subtitles). */
    static Subtitles deposition() {
        List<TimedWord> words = new ArrayList<>();
        add(words, 0.0, 0.3, "good morning please state your name for the record");
        add(words, 4.5, 0.3, "my name is jon smyth");
        add(words, 6.2, 0.3, "i live at twelve oak street in spring field");
        add(words, 9.5, 0.35, "and i worked for the company for about ten years doing mostly accounting and "
                + "some payroll work for the main office downtown");
        add(words, 23.0, 0.3, "my e-mail is on file");
        String reference = "Good morning. Please state your name for the record.\n\n"
                + "My name is John Smith. I live at 12 Oak Street in Springfield, and I’ve worked for the company "
                + "for about ten years — doing mostly accounting and some payroll work for the main office "
                + "downtown. My e-mail is on file.";
        return CueBuilder.build(words, reference, 30.0);
    }

    private static void add(List<TimedWord> words, double start, double seconds, String text) {
        for (String word : text.split(" ")) {
            words.add(new TimedWord(word, start, start + seconds * 0.9));
            start += seconds;
        }
    }

    @Test
    void cutsTheReviewedTextIntoTimedCues() {
        Subtitles subtitles = deposition();

        assertThat(subtitles.method()).isEqualTo(Method.ALIGNED);
        // "Good morning." lasts less than a second: no cue of its own
        assertThat(subtitles.cues()).extracting(Cue::text).containsExactly(
                "Good morning. Please state\nyour name for the record.",
                "My name is John Smith.",
                "I live at 12 Oak Street in Springfield,",
                "and I’ve worked for the\ncompany for about ten years —",
                "doing mostly accounting and some payroll\nwork for the main office downtown.",
                "My e-mail is on file.");
        Cue first = subtitles.cues().get(0);
        assertThat(first.start()).isEqualTo(0.0);
        assertThat(first.end()).isCloseTo(2.67, within(1e-9));
        // after the 1.5 s pause; "Jon Smyth" became "John Smith" and kept its times
        assertThat(subtitles.cues().get(1).start()).isEqualTo(4.5);
        assertThat(subtitles.cues().get(1).end()).isCloseTo(5.97, within(1e-9));
    }

    @Test
    void keepsEveryCharacterOfTheReviewedText() {
        String reference = "— “Well…” — she said; (pause) OK?!  Fine. …";
        List<TimedWord> words = new ArrayList<>();
        add(words, 1, 0.5, "well she said pause okay fine");

        Subtitles subtitles = CueBuilder.build(words, reference, 10);

        assertThat(String.join(" ", subtitles.cues().stream().map(cue -> cue.text().replace('\n', ' ')).toList()))
                .isEqualTo("— “Well…” — she said; (pause) OK?! Fine. …");
    }

    @Test
    void wordsTheReviewersAddedShareTheTimeBetweenTheirNeighbours() {
        List<TimedWord> words = List.of(new TimedWord("the", 1.0, 1.2), new TimedWord("cat", 2.0, 2.4));

        Subtitles subtitles = CueBuilder.build(words, "The big black cat", 10);

        assertThat(subtitles.cues()).containsExactly(new Cue(1.0, 2.4, null, "The big black cat"));
        // before the first timed word and after the last: 0.4 s each, within the audio
        assertThat(CueBuilder.build(words, "Oh the cat", 10).cues().get(0).start()).isCloseTo(0.6, within(1e-9));
        assertThat(CueBuilder.build(words, "the cat sat", 2.5).cues().get(0).end()).isEqualTo(2.5);
    }

    @Test
    void addedWordsAtTheStartGetTimeFromZeroAtMost() {
        List<TimedWord> words = List.of(new TimedWord("cat", 0.2, 0.5));

        Cue cue = CueBuilder.build(words, "a big fat cat", 1).cues().get(0);

        assertThat(cue.start()).isEqualTo(0.0);
        assertThat(cue.end()).isEqualTo(0.5);
    }

    @Test
    void aRecognisedItemOfSeveralWordsSharesItsTime() {
        List<TimedWord> words = List.of(new TimedWord("e-mail", 1.0, 2.0), new TimedWord("me", 5.0, 5.5));

        List<Cue> cues = CueBuilder.build(words, "E mail. Me", 10).cues();

        assertThat(cues).containsExactly(new Cue(1.0, 2.0, null, "E mail."), new Cue(5.0, 5.5, null, "Me"));
    }

    @Test
    void noCueLastsLongerThanSevenSecondsOrTakesMoreThanTwoLinesOf42() {
        RandomWords random = new RandomWords(8, List.of("a", "word", "longer", "sentence.", "extraordinarily",
                "question?", "I", "x"));
        for (int run = 0; run < 200; run++) {
            List<String> reference = random.sequence(120);
            List<TimedWord> words = new ArrayList<>();
            double time = 0;
            for (String word : random.withErrors(reference, 0.2)) {
                double pause = random.nextInt(10) == 0 ? 1.5 : 0.05;
                words.add(new TimedWord(word, time + pause, time + pause + 0.1 + random.nextInt(5) / 10.0));
                time = words.get(words.size() - 1).end();
            }
            String text = String.join(" ", reference);

            Subtitles subtitles = CueBuilder.build(words, text, time + 1);

            List<Cue> cues = subtitles.cues();
            assertThat(String.join(" ", cues.stream().map(cue -> cue.text().replace('\n', ' ')).toList()))
                    .isEqualTo(text);
            for (int k = 0; k < cues.size(); k++) {
                Cue cue = cues.get(k);
                assertThat(cue.start()).isLessThanOrEqualTo(cue.end());
                if (k > 0) {
                    assertThat(cue.start()).isGreaterThanOrEqualTo(cues.get(k - 1).end());
                }
                if (subtitles.method() == Method.ALIGNED) {
                    assertThat(cue.text().split("\n")).hasSizeLessThanOrEqualTo(2)
                            .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(42));
                    if (cue.text().contains(" ")) {
                        assertThat(cue.end() - cue.start()).isLessThanOrEqualTo(7.0);
                    }
                }
            }
            assertThat(SubtitleWriterTest.parse(SubtitleWriter.srt(cues), false)).hasSameSizeAs(cues);
        }
    }

    @Test
    void withoutTimedWordsTheWholeTextIsOneCue() {
        Subtitles subtitles = CueBuilder.build(List.of(), "Hello\n\nthere.", 12.5);

        assertThat(subtitles.method()).isEqualTo(Method.WHOLE_FILE);
        assertThat(subtitles.cues()).containsExactly(new Cue(0, 12.5, null, "Hello there."));
    }

    @Test
    void withoutAMatchedWordTheWholeTextIsOneCue() {
        List<TimedWord> words = List.of(new TimedWord("foo", 1, 2), new TimedWord("bar", 2, 3));

        Subtitles subtitles = CueBuilder.build(words, "Completely different.", 0);

        assertThat(subtitles.method()).isEqualTo(Method.WHOLE_FILE);
        // without the audio's length, the last word's end
        assertThat(subtitles.cues()).containsExactly(new Cue(0, 3, null, "Completely different."));
    }

    @Test
    void anEmptyReferenceHasNoCue() {
        List<TimedWord> words = List.of(new TimedWord("foo", 1, 2));

        assertThat(CueBuilder.build(words, " \n ", 10)).isEqualTo(new Subtitles(Method.WHOLE_FILE, List.of()));
        assertThat(CueBuilder.build(words, null, 10).cues()).isEmpty();
        // text without words cannot be aligned, but it is the reviewers' text
        assertThat(CueBuilder.build(words, "…", 10).cues()).containsExactly(new Cue(0, 10, null, "…"));
    }

    @Test
    void regionsAreSortedAndOneVoiceDoesNotOverlapItself() {
        List<Cue> cues = CueBuilder.fromRegions(List.of(
                new Cue(5, 9, "spk_0", "later"),
                new Cue(0, 6, "spk_0", "first"),
                new Cue(2, 3, "spk_1", "meanwhile"),
                new Cue(4, 4, "spk_1", " "),
                new Cue(7, 7, null, "zero")));

        assertThat(cues).containsExactly(
                new Cue(0, 5, "spk_0", "first"),
                new Cue(2, 3, "spk_1", "meanwhile"),
                new Cue(5, 9, "spk_0", "later"),
                new Cue(7, 7, null, "zero"));
    }

    @Test
    void breaksLongTextIntoTwoBalancedLines() {
        assertThat(CueBuilder.lines("short enough")).isEqualTo("short enough");
        String text = "I live at 12 Oak Street in Springfield, and I have worked";
        assertThat(CueBuilder.lines(text)).isEqualTo("I live at 12 Oak Street in\nSpringfield, and I have worked");
        assertThat(CueBuilder.fits(text)).isTrue();
        assertThat(CueBuilder.fits("x".repeat(43))).isFalse();
    }
}
