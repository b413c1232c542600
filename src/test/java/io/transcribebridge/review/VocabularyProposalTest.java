package io.transcribebridge.review;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.review.VocabularyProposal.Entry;
import io.transcribebridge.review.VocabularyProposal.Proposal;
import io.transcribebridge.review.VocabularyProposal.Rejected;
import io.transcribebridge.review.VocabularyProposal.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class VocabularyProposalTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void wordsCorrectedInEnoughFilesBecomeEntriesInTheReviewersSpelling() throws Exception {
        List<ReviewedFile> files = List.of(
                file("job-1", "en-US", "We moved to Kubernetes. Kubernetes runs Camel.",
                        new Correction("cooper", "kubernetes", 2), new Correction("camera", "camel", 1)),
                file("job-2", "en-US", "kubernetes, Kubernetes and Camel.",
                        new Correction("cube", "kubernetes", 1), new Correction("cooper", "kubernetes", 1),
                        new Correction("camera", "camel", 1)));

        Proposal proposal = propose(files, 2).get("en-US");

        // both in 2 files; kubernetes has the higher count. "Kubernetes" is written 3 times, "kubernetes" once
        assertThat(proposal.table()).isEqualTo("""
                Phrase\tSoundsLike\tIPA\tDisplayAs
                Kubernetes\t\t\tKubernetes
                Camel\t\t\tCamel
                """);
        assertThat(proposal.rejected()).isEmpty();
        assertThat(MAPPER.writeValueAsString(proposal.evidence())).isEqualTo(MAPPER.writeValueAsString(MAPPER.readTree("""
                {"language": "en-US", "minFiles": 2,
                 "entries": [
                   {"phrase": "Kubernetes", "displayAs": "Kubernetes", "count": 4, "files": 2,
                    "jobs": ["job-1", "job-2"], "occurrences": 4,
                    "examples": [{"heard": "cooper", "file": "job-1"}, {"heard": "cooper", "file": "job-2"},
                                 {"heard": "cube", "file": "job-2"}]},
                   {"phrase": "Camel", "displayAs": "Camel", "count": 2, "files": 2,
                    "jobs": ["job-1", "job-2"], "occurrences": 2,
                    "examples": [{"heard": "camera", "file": "job-1"}, {"heard": "camera", "file": "job-2"}]}],
                 "rejected": []}""")));
    }

    @Test
    void aWordCorrectedInFewerFilesThanAskedIsLeftOut() {
        List<ReviewedFile> files = List.of(
                file("job-1", "en-US", "Camel and Kafka", new Correction("camera", "camel", 1),
                        new Correction("cafca", "kafka", 1)),
                file("job-2", "en-US", "Camel", new Correction("camera", "camel", 1)));

        assertThat(propose(files, 2).get("en-US").entries()).extracting(Entry::phrase).containsExactly("Camel");
        assertThat(propose(files, 1).get("en-US").entries()).extracting(Entry::phrase)
                .containsExactly("Camel", "Kafka");
    }

    /** "the" was corrected twice (in two files) but occurs ten times: substituted in 2 of 10, under half. */
    @Test
    void aCommonWordMostlyRecognisedRightIsLeftOut() {
        List<ReviewedFile> files = List.of(
                file("job-1", "en-US", "the cat the dog the bird the fish the end", new Correction("a", "the", 1)),
                file("job-2", "en-US", "The cat the dog the bird the fish the end", new Correction("da", "the", 1)));

        assertThat(propose(files, 2)).isEmpty();
    }

    /** Half is enough: 2 substitutions among 4 occurrences. */
    @Test
    void substitutedInHalfItsOccurrencesIsEnough() {
        List<ReviewedFile> files = List.of(
                file("job-1", "en-US", "Quarkus Quarkus", new Correction("carcass", "quarkus", 1)),
                file("job-2", "en-US", "Quarkus Quarkus", new Correction("carcass", "quarkus", 1)));

        assertThat(propose(files, 2).get("en-US").entries()).extracting(Entry::phrase).containsExactly("Quarkus");
    }

    @Test
    void digitsAreRejectedAndListedWithTheirEvidence() {
        List<ReviewedFile> files = List.of(
                file("job-1", "en-US", "K8s and Helm", new Correction("kates", "k8s", 1),
                        new Correction("helmet", "helm", 1)),
                file("job-2", "en-US", "K8s and Helm", new Correction("kate", "k8s", 2),
                        new Correction("helmet", "helm", 1)));

        Proposal proposal = propose(files, 2).get("en-US");

        assertThat(proposal.table()).isEqualTo(VocabularyProposal.HEADER + "Helm\t\t\tHelm\n");
        assertThat(proposal.rejected()).extracting(rejected -> rejected.entry().phrase(), Rejected::rule)
                .containsExactly(tuple("K8s", Rule.NO_DIGITS));
        assertThat(proposal.evidence().at("/rejected/0/phrase").asText()).isEqualTo("K8s");
        assertThat(proposal.evidence().at("/rejected/0/rule").asText()).isEqualTo("no-digits");
        assertThat(proposal.evidence().at("/rejected/0/count").asInt()).isEqualTo(3);
        assertThat(proposal.evidence().at("/rejected/0/files").asInt()).isEqualTo(2);
    }

    @Test
    void germanKeepsItsLettersButEnglishAllowsOnlyAToZ() {
        List<ReviewedFile> files = List.of(
                file("de-1", "de-DE", "Die Straße", new Correction("strasse", "straße", 1)),
                file("de-2", "de-DE", "Die Straße", new Correction("strasse", "straße", 1)),
                file("en-1", "en-US", "A Café", new Correction("cafe", "café", 1)),
                file("en-2", "en-US", "A Café", new Correction("cafe", "café", 1)));

        SortedMap<String, Proposal> proposals = propose(files, 2);

        assertThat(proposals.keySet()).containsExactly("de-DE", "en-US");
        assertThat(proposals.get("de-DE").table()).isEqualTo(VocabularyProposal.HEADER + "Straße\t\t\tStraße\n");
        assertThat(proposals.get("en-US").table()).isEqualTo(VocabularyProposal.HEADER);
        assertThat(proposals.get("en-US").rejected()).extracting(Rejected::rule).containsExactly(Rule.CHARACTERS);
        assertThat(proposals.get("en-US").evidence().at("/rejected/0/rule").asText()).isEqualTo("characters");
    }

    @Test
    void checksTranscribesRules() {
        assertThat(VocabularyProposal.violation("O'Neil", "en-GB")).isEmpty();
        assertThat(VocabularyProposal.violation("C.L.I.", "en-US")).isEmpty();
        assertThat(VocabularyProposal.violation("Dynamo-D.B.", "en-US")).isEmpty();
        assertThat(VocabularyProposal.violation("Zürich", "en-US")).contains(Rule.CHARACTERS);
        assertThat(VocabularyProposal.violation("Zürich", "de-CH")).isEmpty();
        // e + combining acute accent: a mark, allowed outside English
        assertThat(VocabularyProposal.violation("Cafe\u0301", "fr-FR")).isEmpty();
        assertThat(VocabularyProposal.violation("東京", "ja-JP")).isEmpty();
        assertThat(VocabularyProposal.violation("R2", "de-DE")).contains(Rule.NO_DIGITS);
        assertThat(VocabularyProposal.violation("٣", "ar-SA")).contains(Rule.NO_DIGITS);
        assertThat(VocabularyProposal.violation("a_b", "de-DE")).contains(Rule.CHARACTERS);
        assertThat(VocabularyProposal.violation("-York", "en-US")).contains(Rule.HYPHENS);
        assertThat(VocabularyProposal.violation("York-", "en-US")).contains(Rule.HYPHENS);
        assertThat(VocabularyProposal.violation("New--York", "en-US")).contains(Rule.HYPHENS);
        assertThat(VocabularyProposal.violation("a".repeat(256), "en-US")).isEmpty();
        assertThat(VocabularyProposal.violation("a".repeat(257), "en-US")).contains(Rule.LENGTH);
    }

    @Test
    void phrasesJoinWordsWithHyphens() {
        assertThat(VocabularyProposal.phraseOf("New York")).isEqualTo("New-York");
        assertThat(VocabularyProposal.phraseOf("Andorra la  Vella")).isEqualTo("Andorra-la-Vella");
        assertThat(new Entry("New-York", "New York", 2, List.of("a", "b"), 2, List.of()).line())
                .isEqualTo("New-York\t\t\tNew York\n");
    }

    @Test
    void aTooLongWordIsRejected() {
        String longWord = "x".repeat(257);
        List<ReviewedFile> files = List.of(file("job-1", "en-US", longWord, new Correction("x", longWord, 1)));

        assertThat(propose(files, 1).get("en-US").rejected()).extracting(Rejected::rule).containsExactly(Rule.LENGTH);
    }

    /**
     * 110 words of 248 letters: each line is 248 + 3 tabs + 248 + newline = 500 bytes, the header 32; 32 + 102 × 500
     * = 51,032 fits in 51,200, a 103rd line would not. Equal evidence, so the first 102 by phrase are written.
     */
    @Test
    void stopsBeforeTheTableExceedsFiftyKilobytes() {
        List<ReviewedFile> files = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 110; i++) {
            String word = (char) ('a' + i / 26) + "" + (char) ('a' + i % 26) + "z".repeat(246);
            words.add(word);
            files.add(file("job-" + i, "en-US", word, new Correction("q", word, 1)));
        }
        // better evidence (2 files) comes first even though it sorts last by phrase
        String best = "zz" + "z".repeat(246);
        files.add(file("job-x", "en-US", best, new Correction("q", best, 1)));
        files.add(file("job-y", "en-US", best, new Correction("q", best, 1)));

        Proposal proposal = propose(files, 1).get("en-US");

        assertThat(VocabularyProposal.HEADER.getBytes(StandardCharsets.UTF_8)).hasSize(32);
        assertThat(proposal.entries()).hasSize(102);
        assertThat(proposal.entries().get(0).phrase()).isEqualTo(best);
        assertThat(proposal.entries().subList(1, 102)).extracting(Entry::phrase).isEqualTo(words.subList(0, 101));
        assertThat(proposal.table().getBytes(StandardCharsets.UTF_8)).hasSize(32 + 102 * 500);
        assertThat(proposal.rejected()).hasSize(9).allMatch(rejected -> rejected.rule() == Rule.FILE_SIZE);
        assertThat(proposal.rejected()).extracting(rejected -> rejected.entry().phrase())
                .isEqualTo(words.subList(101, 110));
        assertThat(proposal.evidence().get("rejected")).hasSize(9);
    }

    @Test
    void theMostFrequentSpellingWinsTiesGoToTheSmallest() {
        List<ReviewedFile> files = List.of(
                file("job-1", "en-US", "iPhone IPhone", new Correction("i", "iphone", 1)),
                file("job-2", "en-US", "Iphone", new Correction("phone", "iphone", 1)));

        // one each of IPhone, Iphone, iPhone: "IPhone" sorts first
        assertThat(propose(files, 2).get("en-US").entries()).extracting(Entry::displayAs).containsExactly("IPhone");
    }

    @Test
    void keepsAtMostFiveExamples() {
        List<Correction> corrections = new ArrayList<>();
        for (String heard : List.of("a", "b", "c", "d", "e", "f")) {
            corrections.add(new Correction(heard, "zigbee", 1));
        }
        List<ReviewedFile> files = List.of(
                new ReviewedFile("job-1", "mv", "en-US", null, null, corrections, Map.of(), "Zigbee ".repeat(6)));

        Entry entry = propose(files, 1).get("en-US").entries().get(0);

        assertThat(entry.count()).isEqualTo(6);
        assertThat(entry.examples()).extracting(VocabularyProposal.Example::heard)
                .containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void skipsFilesWithoutALanguageAndCorrectionsThatChangeNothing() {
        List<ReviewedFile> files = List.of(
                file("job-1", null, "Camel", new Correction("camera", "camel", 1)),
                file("job-2", " ", "Camel", new Correction("camera", "camel", 1)),
                file("job-3", "en-US", "Camel", new Correction("camel", "camel", 1)));

        assertThat(propose(files, 1)).isEmpty();
        assertThatThrownBy(() -> propose(files, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SortedMap<String, Proposal> propose(List<ReviewedFile> files, int minFiles) {
        return VocabularyProposal.propose(MAPPER, files, minFiles, VocabularyProposalTest::displayWords);
    }

    private static ReviewedFile file(String job, String language, String referenceText, Correction... corrections) {
        return new ReviewedFile(job, "mv-1", language, null, null, List.of(corrections), Map.of(), referenceText);
    }

    /** The display-word rule in short: NFKC, anything but letters, marks, digits and ' splits, edge ' dropped. */
    static List<String> displayWords(String text) {
        List<String> words = new ArrayList<>();
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).replace('’', '\'').replace('ʼ', '\'');
        for (String token : normalised.split("[^\\p{L}\\p{M}\\p{Nd}']+")) {
            String word = token.replaceAll("^'+|'+$", "");
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
