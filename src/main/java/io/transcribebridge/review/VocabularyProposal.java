package io.transcribebridge.review;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Proposes an Amazon Transcribe custom vocabulary per language from what reviewers corrected: a table
 * ({@link Proposal#table()}, the {@code .txt} to upload) and the evidence behind each line ({@link Proposal#evidence()}).
 * <p>
 * A candidate is a reviewed word ({@link Correction#to()}) that replaced a different recognised word. It becomes an
 * entry when
 * <ul>
 * <li>it was corrected in at least {@code minFiles} distinct files, and</li>
 * <li>it was substituted in at least half of its occurrences in the reviewed texts of that language. Without this a
 * common word that Transcribe mostly gets right ("the", corrected now and then among thousands) would be proposed,
 * and boosting it would do more harm than good. Occurrences are counted with the display tokenizer, lower-cased.</li>
 * </ul>
 * Candidates that fail either are left out silently: they are not vocabulary material, and listing every one-off
 * correction would bury the evidence that matters.
 * <p>
 * Phrase and DisplayAs keep the reviewers' spelling: the most frequent display form of the word in the reviewed
 * texts (ties: the lexicographically smallest; the lower-case word itself when the texts do not contain it).
 * {@code Phrase} joins words with hyphens ("New York" → {@code New-York}); {@code DisplayAs} keeps the spaces and is
 * always filled, even where Transcribe would let it be empty because it equals the phrase: explicit and harmless.
 * <p>
 * Each entry is checked against Transcribe's rules before it is written; one that breaks a rule is left out of the
 * table and listed under {@code rejected} with the {@link Rule}. Transcribe publishes a character table per language;
 * this applies {@code a-z A-Z ' - .} to {@code en-*} and, as the general rule for the other languages, letters and
 * combining marks plus {@code ' - .}. Entries are written in order of evidence (files, then count, descending, then
 * phrase) until the next would take the table over {@value #MAX_TABLE_BYTES} bytes; that one and all after it are
 * rejected for {@link Rule#FILE_SIZE}, so the table always holds the best-evidenced entries.
 * <p>
 * Files without a language are skipped: their words cannot go into any language's vocabulary. A language appears in
 * the result only when it has an entry or a rejected entry. The evidence has no time stamp, so that the same reviews
 * give the same bytes.
 */
public final class VocabularyProposal {

    public static final String HEADER = "Phrase\tSoundsLike\tIPA\tDisplayAs\n";
    /** Transcribe's limit for a vocabulary file: 50 KB. */
    public static final int MAX_TABLE_BYTES = 51_200;
    public static final int MAX_PHRASE_CHARS = 256;
    static final int MAX_EXAMPLES = 5;

    /** A Transcribe rule an entry breaks, by the name the evidence gives it. */
    public enum Rule {
        NO_DIGITS("no-digits"),
        CHARACTERS("characters"),
        HYPHENS("hyphens"),
        LENGTH("length"),
        FILE_SIZE("file-size");

        private final String id;

        Rule(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** What Transcribe wrote ({@code heard}) where a reviewer wrote the entry, and in which job. */
    public record Example(String heard, String file) {
    }

    /**
     * @param count       how many substitutions the reviewers made to this word
     * @param jobs        the distinct jobs they made them in, sorted
     * @param occurrences how often the word occurs in the language's reviewed texts
     * @param examples    up to {@value VocabularyProposal#MAX_EXAMPLES}, by job then heard word
     */
    public record Entry(String phrase, String displayAs, int count, List<String> jobs, int occurrences,
                        List<Example> examples) {

        public Entry {
            jobs = List.copyOf(jobs);
            examples = List.copyOf(examples);
        }

        /** The table line, {@code Phrase<TAB><TAB><TAB>DisplayAs} and a newline. */
        public String line() {
            return phrase + "\t\t\t" + displayAs + "\n";
        }
    }

    public record Rejected(Entry entry, Rule rule) {
    }

    /**
     * @param table    the vocabulary table, header included; only the header when every candidate was rejected
     * @param evidence {@code {"language", "minFiles", "entries": [...], "rejected": [...]}}
     */
    public record Proposal(String language, String table, ObjectNode evidence, List<Entry> entries,
                           List<Rejected> rejected) {

        public Proposal {
            entries = List.copyOf(entries);
            rejected = List.copyOf(rejected);
        }
    }

    private static final Comparator<Entry> BY_EVIDENCE = Comparator
            .comparingInt((Entry entry) -> entry.jobs().size()).reversed()
            .thenComparing(Comparator.comparingInt(Entry::count).reversed())
            .thenComparing(Entry::phrase);

    private VocabularyProposal() {
    }

    /**
     * @param displayTokenizer splits a reviewed text into words keeping their case (the lead passes
     *                         {@code TextNormalizer::displayWords}); lower-cased, its words must match
     *                         {@link Correction#to()}
     * @return by language, sorted
     */
    public static SortedMap<String, Proposal> propose(ObjectMapper mapper, Collection<ReviewedFile> files,
                                                      int minFiles, Function<String, List<String>> displayTokenizer) {
        if (minFiles < 1) {
            throw new IllegalArgumentException("minFiles must be at least 1: " + minFiles);
        }
        Map<String, List<ReviewedFile>> byLanguage = new TreeMap<>();
        for (ReviewedFile file : files) {
            if (file.language() != null && !file.language().isBlank()) {
                byLanguage.computeIfAbsent(file.language(), k -> new ArrayList<>()).add(file);
            }
        }
        SortedMap<String, Proposal> proposals = new TreeMap<>();
        byLanguage.forEach((language, languageFiles) -> {
            Proposal proposal = proposeFor(mapper, language, languageFiles, minFiles, displayTokenizer);
            if (!proposal.entries().isEmpty() || !proposal.rejected().isEmpty()) {
                proposals.put(language, proposal);
            }
        });
        return proposals;
    }

    private static Proposal proposeFor(ObjectMapper mapper, String language, List<ReviewedFile> files, int minFiles,
                                       Function<String, List<String>> displayTokenizer) {
        WordForms forms = WordForms.of(files, displayTokenizer);
        List<Entry> candidates = new ArrayList<>();
        candidates(files).forEach((word, evidence) -> {
            int occurrences = forms.occurrences(word);
            if (evidence.jobs.size() >= minFiles && 2L * evidence.count >= occurrences) {
                String displayAs = forms.displayForm(word).orElse(word);
                candidates.add(new Entry(phraseOf(displayAs), displayAs, evidence.count,
                        List.copyOf(evidence.jobs), occurrences,
                        evidence.examples.stream().limit(MAX_EXAMPLES).toList()));
            }
        });
        candidates.sort(BY_EVIDENCE);

        StringBuilder table = new StringBuilder(HEADER);
        int tableBytes = utf8Length(HEADER);
        boolean full = false;
        List<Entry> entries = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (Entry candidate : candidates) {
            Optional<Rule> broken = violation(candidate.phrase(), language);
            if (broken.isPresent()) {
                rejected.add(new Rejected(candidate, broken.get()));
                continue;
            }
            int lineBytes = utf8Length(candidate.line());
            full = full || tableBytes + lineBytes > MAX_TABLE_BYTES;
            if (full) {
                rejected.add(new Rejected(candidate, Rule.FILE_SIZE));
                continue;
            }
            table.append(candidate.line());
            tableBytes += lineBytes;
            entries.add(candidate);
        }
        return new Proposal(language, table.toString(), evidence(mapper, language, minFiles, entries, rejected),
                entries, rejected);
    }

    /** Substitutions gathered per reviewed word. */
    private static final class Evidence {

        int count;
        final TreeSet<String> jobs = new TreeSet<>();
        final TreeSet<Example> examples = new TreeSet<>(
                Comparator.comparing(Example::file).thenComparing(Example::heard));
    }

    private static Map<String, Evidence> candidates(List<ReviewedFile> files) {
        Map<String, Evidence> candidates = new HashMap<>();
        for (ReviewedFile file : files) {
            if (file.corrections() == null) {
                continue;
            }
            for (Correction correction : file.corrections()) {
                String to = correction.to();
                if (to == null || to.isBlank() || correction.from() == null || to.equals(correction.from())
                        || correction.count() <= 0) {
                    continue;
                }
                Evidence evidence = candidates.computeIfAbsent(to, k -> new Evidence());
                evidence.count += correction.count();
                evidence.jobs.add(file.jobName());
                evidence.examples.add(new Example(correction.from(), file.jobName()));
            }
        }
        return candidates;
    }

    /** How each lower-case word is written in the reviewed texts, and how often. */
    private record WordForms(Map<String, Map<String, Integer>> forms) {

        static WordForms of(List<ReviewedFile> files, Function<String, List<String>> displayTokenizer) {
            Map<String, Map<String, Integer>> forms = new HashMap<>();
            for (ReviewedFile file : files) {
                if (file.referenceText() == null) {
                    continue;
                }
                for (String display : displayTokenizer.apply(file.referenceText())) {
                    forms.computeIfAbsent(display.toLowerCase(Locale.ROOT), k -> new HashMap<>())
                            .merge(display, 1, Integer::sum);
                }
            }
            return new WordForms(forms);
        }

        int occurrences(String word) {
            return forms.getOrDefault(word, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
        }

        Optional<String> displayForm(String word) {
            return forms.getOrDefault(word, Map.of()).entrySet().stream()
                    .min(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey);
        }
    }

    /** Transcribe's phrase for a display form: words joined by hyphens. */
    static String phraseOf(String displayAs) {
        return String.join("-", displayAs.trim().split("\\s+"));
    }

    /** The first of Transcribe's rules the phrase breaks, checked in the order of {@link Rule}. */
    static Optional<Rule> violation(String phrase, String language) {
        if (phrase.codePoints().anyMatch(Character::isDigit)) {
            return Optional.of(Rule.NO_DIGITS);
        }
        boolean english = language.toLowerCase(Locale.ROOT).equals("en")
                || language.toLowerCase(Locale.ROOT).startsWith("en-");
        if (!phrase.codePoints().allMatch(english ? VocabularyProposal::englishCharacter
                : VocabularyProposal::letterOrMark)) {
            return Optional.of(Rule.CHARACTERS);
        }
        if (phrase.startsWith("-") || phrase.endsWith("-") || phrase.contains("--")) {
            return Optional.of(Rule.HYPHENS);
        }
        if (phrase.codePointCount(0, phrase.length()) > MAX_PHRASE_CHARS) {
            return Optional.of(Rule.LENGTH);
        }
        return Optional.empty();
    }

    private static boolean englishCharacter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || punctuation(c);
    }

    private static boolean letterOrMark(int c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> true;
            default -> punctuation(c);
        };
    }

    private static boolean punctuation(int c) {
        return c == '\'' || c == '-' || c == '.';
    }

    private static ObjectNode evidence(ObjectMapper mapper, String language, int minFiles, List<Entry> entries,
                                       List<Rejected> rejected) {
        ObjectNode evidence = mapper.createObjectNode();
        evidence.put("language", language);
        evidence.put("minFiles", minFiles);
        ArrayNode entryNodes = evidence.putArray("entries");
        entries.forEach(entry -> writeEntry(entryNodes.addObject(), entry));
        ArrayNode rejectedNodes = evidence.putArray("rejected");
        for (Rejected rejection : rejected) {
            ObjectNode node = rejectedNodes.addObject();
            node.put("phrase", rejection.entry().phrase());
            node.put("rule", rejection.rule().id());
            writeEntry(node, rejection.entry());
        }
        return evidence;
    }

    private static void writeEntry(ObjectNode node, Entry entry) {
        node.put("phrase", entry.phrase());
        node.put("displayAs", entry.displayAs());
        node.put("count", entry.count());
        node.put("files", entry.jobs().size());
        ArrayNode jobs = node.putArray("jobs");
        entry.jobs().forEach(jobs::add);
        node.put("occurrences", entry.occurrences());
        ArrayNode examples = node.putArray("examples");
        for (Example example : entry.examples()) {
            ObjectNode exampleNode = examples.addObject();
            exampleNode.put("heard", example.heard());
            exampleNode.put("file", example.file());
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
