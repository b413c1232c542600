package io.transcribebridge.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccuracyReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void emptyInputGivesEmptyGroups() throws Exception {
        ObjectNode report = AccuracyReport.build(MAPPER, List.of(), NOW);

        assertJson(report, """
                {"generatedAt": "2025-03-01T12:00:00Z", "byModelVersion": {}, "byLanguage": {}, "byLabel": {}}""");
    }

    /**
     * a: N 10, 1 S + 1 I = 2 errors, WER 0.2, score 0.9
     * b: N 20, 3 S + 1 D + 2 I = 6 errors, WER 0.3, score 0.5
     * c: N 5, 2 S + 1 D + 1 I = 4 errors, WER 0.8, score 0.7
     * micro WER 12 / 35 = 0.342857 → 0.3429; median of 0.2, 0.3, 0.8 = 0.3.
     * Score ranks a 3, b 1, c 2; WER ranks a 1, b 2, c 3: d = 2, -1, -1, Σd² = 6,
     * ρ = 1 - 6·6 / (3·(9 - 1)) = -0.5.
     */
    @Test
    void threeFilesHandComputed() throws Exception {
        List<ReviewedFile> files = List.of(
                file("a", 0.9, 10, 1, 0, 1),
                file("b", 0.5, 20, 3, 1, 2),
                file("c", 0.7, 5, 2, 1, 1));

        ObjectNode report = AccuracyReport.build(MAPPER, files, NOW);

        String expected = """
                {"files": 3, "referenceWords": 35, "errors": 12, "wer": 0.3429, "medianFileWer": 0.3,
                 "scoreWerSpearman": -0.5,
                 "werByScoreQuintile": [
                   {"quintile": 1, "files": 1, "minScore": 0.5, "maxScore": 0.5, "referenceWords": 20, "errors": 6,
                    "wer": 0.3},
                   {"quintile": 2, "files": 1, "minScore": 0.7, "maxScore": 0.7, "referenceWords": 5, "errors": 4,
                    "wer": 0.8},
                   {"quintile": 3, "files": 1, "minScore": 0.9, "maxScore": 0.9, "referenceWords": 10, "errors": 2,
                    "wer": 0.2}]}""";
        assertJson(report.get("byModelVersion").get("mv-1"), expected);
        assertJson(report.get("byLanguage").get("en-US"), expected);
        assertThat(report.get("byLabel").isEmpty()).isTrue();
    }

    /**
     * Seven scored files, each N 10 with 1..7 substitutions (a..g), and z without a score and without errors.
     * By score: a .2, b .6, c .6 (tie: b before c by job name), d .7, e .8, f .9, g .95 → quintiles of 2, 2, 1, 1, 1.
     * Spearman: score ranks 1, 2.5, 2.5, 4, 5, 6, 7 against WER ranks 1..7, both with mean 4;
     * Σdx·dy = 9 + 3 + 1.5 + 0 + 1 + 4 + 9 = 27.5, Σdx² = 27.5, Σdy² = 28 → √(27.5 / 28) = 0.99103.
     * Median of 0, .1 .. .7 (eight files) = (.3 + .4) / 2 = .35.
     */
    @Test
    void sevenScoredFilesMakeQuintilesOfTwoTwoOneOneOne() throws Exception {
        List<ReviewedFile> files = List.of(
                file("g", 0.95, 10, 7, 0, 0),
                file("c", 0.6, 10, 3, 0, 0),
                file("z", null, 10, 0, 0, 0),
                file("a", 0.2, 10, 1, 0, 0),
                file("e", 0.8, 10, 5, 0, 0),
                file("b", 0.6, 10, 2, 0, 0),
                file("f", 0.9, 10, 6, 0, 0),
                file("d", 0.7, 10, 4, 0, 0));

        JsonNode group = AccuracyReport.build(MAPPER, files, NOW).get("byModelVersion").get("mv-1");

        assertJson(group, """
                {"files": 8, "referenceWords": 80, "errors": 28, "wer": 0.35, "medianFileWer": 0.35,
                 "scoreWerSpearman": 0.991,
                 "werByScoreQuintile": [
                   {"quintile": 1, "files": 2, "minScore": 0.2, "maxScore": 0.6, "referenceWords": 20, "errors": 3,
                    "wer": 0.15},
                   {"quintile": 2, "files": 2, "minScore": 0.6, "maxScore": 0.7, "referenceWords": 20, "errors": 7,
                    "wer": 0.35},
                   {"quintile": 3, "files": 1, "minScore": 0.8, "maxScore": 0.8, "referenceWords": 10, "errors": 5,
                    "wer": 0.5},
                   {"quintile": 4, "files": 1, "minScore": 0.9, "maxScore": 0.9, "referenceWords": 10, "errors": 6,
                    "wer": 0.6},
                   {"quintile": 5, "files": 1, "minScore": 0.95, "maxScore": 0.95, "referenceWords": 10,
                    "errors": 7, "wer": 0.7}]}""");
    }

    @Test
    void groupsByModelVersionAndLanguageWithSortedKeys() {
        List<ReviewedFile> files = List.of(
                file("a", "mv-2", "fr-FR", 0.5, 10, 1, 0, 0),
                file("b", "mv-1", "de-DE", 0.5, 10, 2, 0, 0),
                file("c", "mv-2", "de-DE", 0.5, 10, 3, 0, 0),
                file("d", null, " ", 0.5, 10, 4, 0, 0));

        ObjectNode report = AccuracyReport.build(MAPPER, files, NOW);

        assertThat(report.get("byModelVersion").fieldNames()).toIterable()
                .containsExactly("(none)", "mv-1", "mv-2");
        assertThat(report.get("byLanguage").fieldNames()).toIterable()
                .containsExactly("(none)", "de-DE", "fr-FR");
        assertThat(report.at("/byModelVersion/mv-2/errors").asInt()).isEqualTo(4);
        assertThat(report.at("/byLanguage/de-DE/errors").asInt()).isEqualTo(5);
        assertThat(report.at("/byLanguage/(none)/files").asInt()).isEqualTo(1);
    }

    /** spk_0: a (N 6, 1 S) and b (N 10, 2 D) → 3 / 16 = 0.1875; spk_1: a only (N 4, 1 S) → 0.25; c has no labels. */
    @Test
    void eachLabelOfEachFileIsOneMemberOfItsLabelsGroup() {
        List<ReviewedFile> files = List.of(
                file("a", 0.9, 10, 2, 0, 0, Map.of("spk_0", accuracy(6, 1, 0, 0), "spk_1", accuracy(4, 1, 0, 0))),
                file("b", 0.4, 10, 0, 2, 0, Map.of("spk_0", accuracy(10, 0, 2, 0))),
                file("c", 0.1, 10, 0, 0, 0, Map.of()));

        JsonNode byLabel = AccuracyReport.build(MAPPER, files, NOW).get("byLabel");

        assertThat(byLabel.fieldNames()).toIterable().containsExactly("spk_0", "spk_1");
        assertThat(byLabel.at("/spk_0/files").asInt()).isEqualTo(2);
        assertThat(byLabel.at("/spk_0/referenceWords").asInt()).isEqualTo(16);
        assertThat(byLabel.at("/spk_0/wer").asDouble()).isEqualTo(0.1875);
        assertThat(byLabel.at("/spk_0/werByScoreQuintile/0/minScore").asDouble()).isEqualTo(0.4);
        assertThat(byLabel.at("/spk_1/wer").asDouble()).isEqualTo(0.25);
        assertThat(byLabel.at("/spk_1/scoreWerSpearman").isNull()).isTrue();
    }

    @Test
    void emptyReferencesCountTheirInsertionsAsErrors() {
        ObjectNode onlyInsertions = AccuracyReport.build(MAPPER,
                List.of(file("a", "mv-1", "en-US", null, 0, 0, 0, 3),
                        file("b", "mv-2", "en-US", null, 0, 0, 0, 0),
                        file("c", "mv-2", "en-US", null, 4, 1, 0, 0)), NOW);

        // no reference words but errors: undefined, the median still sees the file's own WER of 1
        assertThat(onlyInsertions.at("/byModelVersion/mv-1/wer").isNull()).isTrue();
        assertThat(onlyInsertions.at("/byModelVersion/mv-1/errors").asInt()).isEqualTo(3);
        assertThat(onlyInsertions.at("/byModelVersion/mv-1/medianFileWer").asDouble()).isEqualTo(1.0);
        // 1 error in 4 words, the empty reference without hypothesis adds nothing
        assertThat(onlyInsertions.at("/byModelVersion/mv-2/wer").asDouble()).isEqualTo(0.25);
        // 3 + 1 errors over 4 words
        assertThat(onlyInsertions.at("/byLanguage/en-US/wer").asDouble()).isEqualTo(1.0);
        assertThat(onlyInsertions.at("/byLanguage/en-US/werByScoreQuintile").isEmpty()).isTrue();
        assertThat(AccuracyReport.microWer(0, 0)).isEqualTo(0d);
    }

    @Test
    void spearmanNeedsThreeScoredFilesThatVary() {
        List<ReviewedFile> two = List.of(file("a", 0.9, 10, 1, 0, 0), file("b", 0.5, 10, 2, 0, 0),
                file("c", null, 10, 3, 0, 0));
        List<ReviewedFile> sameScore = List.of(file("a", 0.5, 10, 1, 0, 0), file("b", 0.5, 10, 2, 0, 0),
                file("c", 0.5, 10, 3, 0, 0));
        List<ReviewedFile> sameWer = List.of(file("a", 0.9, 10, 1, 0, 0), file("b", 0.5, 10, 1, 0, 0),
                file("c", 0.1, 10, 1, 0, 0));

        for (List<ReviewedFile> files : List.of(two, sameScore, sameWer)) {
            JsonNode group = AccuracyReport.build(MAPPER, files, NOW).at("/byModelVersion/mv-1");
            assertThat(group.get("scoreWerSpearman").isNull()).isTrue();
        }
        assertThat(AccuracyReport.build(MAPPER, two, NOW).at("/byModelVersion/mv-1/werByScoreQuintile").size())
                .isEqualTo(2);
    }

    /**
     * Scores .5 .5 .9 .7 → ranks 1.5 1.5 4 3; WERs .1 .2 .3 .3 → ranks 1 2 3.5 3.5; means 2.5 and 2.5;
     * dx -1 -1 1.5 .5, dy -1.5 -.5 1 1: Σdx·dy = 4, Σdx² = 4.5, Σdy² = 4.5 → 4 / 4.5 = 0.8889.
     */
    @Test
    void tiesGetTheirAverageRank() {
        assertThat(AccuracyReport.ranks(new double[] {0.5, 0.5, 0.9, 0.7})).containsExactly(1.5, 1.5, 4, 3);
        assertThat(AccuracyReport.round(AccuracyReport.spearman(
                new double[] {0.5, 0.5, 0.9, 0.7}, new double[] {0.1, 0.2, 0.3, 0.3}))).isEqualTo(0.8889);
        assertThatThrownBy(() -> AccuracyReport.spearman(new double[3], new double[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(AccuracyReport.median(new double[] {0.4, 0.1, 0.3, 0.2})).isEqualTo(0.25);
        assertThat(AccuracyReport.median(new double[] {0.4, 0.1, 0.3})).isEqualTo(0.3);
        assertThat(AccuracyReport.median(new double[0])).isNull();
    }

    @Test
    void splitsIntoPartsThatDifferByAtMostOneLargerFirst() {
        List<Integer> seven = List.of(1, 2, 3, 4, 5, 6, 7);
        assertThat(AccuracyReport.split(seven, 5)).containsExactly(
                List.of(1, 2), List.of(3, 4), List.of(5), List.of(6), List.of(7));
        assertThat(AccuracyReport.split(List.of(1, 2, 3), 3)).containsExactly(List.of(1), List.of(2), List.of(3));
        List<Integer> twelve = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            twelve.add(i);
        }
        assertThat(AccuracyReport.split(twelve, 5)).extracting(List::size).containsExactly(3, 3, 2, 2, 2);
        assertThat(AccuracyReport.split(List.of(), 0)).isEmpty();
    }

    @Test
    void roundsHalfEvenToFourDecimalsSymmetrically() {
        assertThat(AccuracyReport.round(0.12345)).isEqualTo(0.1234);
        assertThat(AccuracyReport.round(-0.12345)).isEqualTo(-0.1234);
        assertThat(AccuracyReport.round(0.12355)).isEqualTo(0.1236);
        assertThat(AccuracyReport.round(2d / 3)).isEqualTo(0.6667);
    }

    /** Compares the serialised forms: field order counts, and 35 is 35 whether written as an int or a long. */
    private static void assertJson(JsonNode actual, String expected) throws Exception {
        assertThat(MAPPER.writeValueAsString(actual)).isEqualTo(MAPPER.writeValueAsString(MAPPER.readTree(expected)));
    }

    private static ReviewedFile file(String job, Double score, int words, int s, int d, int i) {
        return file(job, "mv-1", "en-US", score, words, s, d, i);
    }

    private static ReviewedFile file(String job, String modelVersion, String language, Double score, int words,
                                     int s, int d, int i) {
        return new ReviewedFile(job, modelVersion, language, score, accuracy(words, s, d, i), List.of(), Map.of(),
                "");
    }

    private static ReviewedFile file(String job, Double score, int words, int s, int d, int i,
                                     Map<String, Accuracy> byLabel) {
        return new ReviewedFile(job, "mv-1", "en-US", score, accuracy(words, s, d, i), List.of(), byLabel, "");
    }

    /** WER as Accuracy defines it: 1 for an empty reference with an error, 0 without. */
    private static Accuracy accuracy(int words, int s, int d, int i) {
        int errors = s + d + i;
        double wer = words == 0 ? (errors == 0 ? 0 : 1) : (double) errors / words;
        return new Accuracy(wer, 0, words, s, d, i);
    }
}
