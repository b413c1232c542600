package io.transcribebridge.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Output compared with src/test/resources/golden/review/. After an intended change, regenerate and review the diff:
 * <pre>mvn -o test -Dtest=SubtitleWriterTest -Dgolden.update=true && git diff src/test/resources/golden/review</pre>
 */
class SubtitleWriterTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/review");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    /** Regions of a segment project, out of order, with the awkward cases. */
    static final List<Cue> SEGMENTS = List.of(
            new Cue(4.2, 6.9, "spk_1", "Yes, <I> do & I'll say it --> again."),
            new Cue(0.0, 4.0, "Dr. Smith", "Good morning.\n\n  Please state   your name\r\nfor the record."),
            new Cue(3.5, 4.1, "Jane <Doe>", "Jane Doe."),
            new Cue(7.0, 7.0, null, "[inaudible]"),
            new Cue(7.2, 9.0, "spk_1", "   "),
            new Cue(3661.0004, 3662.5, "", "Over an hour in."));

    @Test
    void segmentsSrt() throws IOException {
        assertMatchesGolden(SubtitleWriter.srt(SEGMENTS), "segments.srt");
    }

    @Test
    void segmentsVtt() throws IOException {
        assertMatchesGolden(SubtitleWriter.vtt(SEGMENTS), "segments.vtt");
    }

    @Test
    void wholeFileSrt() throws IOException {
        assertMatchesGolden(SubtitleWriter.srt(CueBuilderTest.deposition().cues()), "whole-file.srt");
    }

    @Test
    void wholeFileVtt() throws IOException {
        assertMatchesGolden(SubtitleWriter.vtt(CueBuilderTest.deposition().cues()), "whole-file.vtt");
    }

    @Test
    void noCues() {
        assertThat(SubtitleWriter.srt(List.of())).isEmpty();
        assertThat(SubtitleWriter.vtt(List.of())).isEqualTo("WEBVTT\n");
    }

    @Test
    void aZeroLengthCueLastsHalfASecondOrUntilTheNextCue() {
        assertThat(SubtitleWriter.srt(List.of(new Cue(1, 1, null, "a"))))
                .contains("00:00:01,000 --> 00:00:01,500");
        assertThat(SubtitleWriter.srt(List.of(new Cue(1, 0.5, null, "a"), new Cue(1.2, 2, null, "b"))))
                .contains("00:00:01,000 --> 00:00:01,200");
        // rounded to the same millisecond: zero length too
        assertThat(SubtitleWriter.vtt(List.of(new Cue(2.0001, 2.0004, null, "a"))))
                .contains("00:00:02.000 --> 00:00:02.500");
    }

    @Test
    void outputOfRandomCuesParsesBackValid() {
        Random random = new Random(17);
        String[] texts = {"a", "b <c>", "d & e", "f\n\ng", "-->", " ", "h\ni", "j: k"};
        for (int run = 0; run < 300; run++) {
            List<Cue> cues = new ArrayList<>();
            for (int k = random.nextInt(8); k > 0; k--) {
                double start = random.nextInt(20_000) / 1000.0;
                double end = random.nextBoolean() ? start : start + random.nextInt(3000) / 1000.0 - 0.5;
                cues.add(new Cue(start, end, random.nextBoolean() ? null : "spk_" + random.nextInt(2),
                        texts[random.nextInt(texts.length)]));
            }
            long expected = cues.stream().filter(cue -> !cue.text().isBlank()).count();
            assertThat(parse(SubtitleWriter.srt(cues), false)).hasSize((int) expected);
            assertThat(parse(SubtitleWriter.vtt(cues), true)).hasSize((int) expected);
        }
    }

    private static final Pattern TIMING = Pattern.compile(
            "(\\d{2,}):([0-5]\\d):([0-5]\\d)[,.](\\d{3}) --> (\\d{2,}):([0-5]\\d):([0-5]\\d)[,.](\\d{3})");

    /** A strict reader of what the writer produces: the start of each cue, checking each cue on the way. */
    static List<Long> parse(String output, boolean vtt) {
        List<Long> starts = new ArrayList<>();
        String body = output;
        if (vtt) {
            assertThat(output).startsWith("WEBVTT\n");
            body = output.substring("WEBVTT\n".length());
            if (body.isEmpty()) {
                return starts;
            }
            assertThat(body).startsWith("\n");
            body = body.substring(1);
        }
        if (body.isEmpty()) {
            return starts;
        }
        assertThat(body).endsWith("\n").doesNotEndWith("\n\n");
        String[] blocks = body.substring(0, body.length() - 1).split("\n\n", -1);
        for (int k = 0; k < blocks.length; k++) {
            List<String> lines = new ArrayList<>(List.of(blocks[k].split("\n", -1)));
            if (!vtt) {
                assertThat(lines.remove(0)).isEqualTo(Integer.toString(k + 1));
            }
            Matcher timing = TIMING.matcher(lines.remove(0));
            assertThat(timing.matches()).isTrue();
            assertThat(timing.group(0)).contains(vtt ? "." : ",");
            long start = millis(timing, 1);
            long end = millis(timing, 5);
            assertThat(start).isLessThan(end);
            if (!starts.isEmpty()) {
                assertThat(start).isGreaterThanOrEqualTo(starts.get(starts.size() - 1));
            }
            starts.add(start);
            assertThat(lines).isNotEmpty().allSatisfy(line -> {
                assertThat(line).isNotBlank().doesNotContain("-->");
                if (vtt) {
                    assertThat(line.replaceFirst("^<v [^<>]+>", "")).doesNotContain("<", ">")
                            .doesNotContainPattern("&(?!amp;|lt;|gt;)");
                }
            });
        }
        return starts;
    }

    private static long millis(Matcher timing, int group) {
        return Long.parseLong(timing.group(group)) * 3_600_000 + Long.parseLong(timing.group(group + 1)) * 60_000
                + Long.parseLong(timing.group(group + 2)) * 1_000 + Long.parseLong(timing.group(group + 3));
    }

    private static void assertMatchesGolden(String actual, String name) throws IOException {
        parse(actual, name.endsWith(".vtt"));
        Path golden = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
