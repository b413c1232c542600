package io.transcribebridge.testing.transcribe;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.transcribe.model.LanguageCode;

/**
 * The custom vocabularies and vocabulary filters that exist in the emulated account, each in one language (as
 * CreateVocabulary and CreateVocabularyFilter require). Jobs may only name existing ones, in the job's language,
 * and a vocabulary only once it is READY.
 *
 * <p>CreateVocabulary and UpdateVocabulary answer PENDING; the vocabulary becomes READY (or FAILED, with a
 * FailureReason) once the processing time set by {@link #processingTime(Duration)} has passed on the emulator's
 * clock (0 by default: the next GetVocabulary already sees the outcome). The outcome is decided when the request
 * arrives: a {@code VocabularyFileUri} must be an {@code s3://} URI and is read from the S3 emulator; the vocabulary
 * FAILS if the file is missing, if a table file's header is not {@code Phrase\tSoundsLike\tIPA\tDisplayAs}, or if a
 * phrase (file or {@code Phrases}) contains a digit. These FailureReason texts are the emulator's own.
 */
final class CustomVocabularies {

    static final String TABLE_HEADER = "Phrase\tSoundsLike\tIPA\tDisplayAs";
    static final String NOT_FOUND =
            "The requested vocabulary couldn't be found. Check the vocabulary name and try your request again.";

    private static final Pattern RESOURCE_NAME = Pattern.compile("[0-9a-zA-Z._-]+");
    private static final Pattern FILE_URI = Pattern.compile("(s3://|http(s*)://).+");
    private static final List<String> LANGUAGE_CODES = LanguageCode.knownValues().stream()
            .map(LanguageCode::toString).sorted().toList();

    /** {@code failureReason} is null for a vocabulary that becomes READY at {@code readyAt}. */
    private record Vocabulary(String name, String languageCode, Instant lastModified, Instant readyAt,
                              String failureReason, String downloadId) {

        String state(Instant now) {
            if (now.isBefore(readyAt)) {
                return "PENDING";
            }
            return failureReason == null ? "READY" : "FAILED";
        }
    }

    private final Map<String, Vocabulary> vocabularies = new ConcurrentHashMap<>();
    private final Map<String, String> filters = new ConcurrentHashMap<>();
    private final Clock clock;
    private final S3Access s3;
    private final Supplier<String> region;
    private volatile Duration processingTime = Duration.ZERO;

    CustomVocabularies(Clock clock, S3Access s3, Supplier<String> region) {
        this.clock = clock;
        this.s3 = s3;
        this.region = region;
    }

    /** A READY vocabulary, as if created and processed long ago. */
    void addVocabulary(String name, String languageCode) {
        Instant now = clock.instant();
        vocabularies.put(name, new Vocabulary(name, languageCode, now, now, null, UUID.randomUUID().toString()));
    }

    void addFilter(String name, String languageCode) {
        filters.put(name, languageCode);
    }

    void processingTime(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be >= 0, was " + duration);
        }
        processingTime = duration;
    }

    /** CreateVocabulary: ConflictException if the name exists (in any state); the answer says PENDING. */
    synchronized ObjectNode createVocabulary(ObjectNode request, ObjectMapper json) {
        String name = request.path("VocabularyName").asText(null);
        String languageCode = request.path("LanguageCode").asText(null);
        validate(request, name, languageCode);
        if (vocabularies.containsKey(name)) {
            throw TranscribeError.of("ConflictException",
                    "The requested vocabulary name already exists. Use a different vocabulary name.");
        }
        Vocabulary created = process(request, name, languageCode);
        vocabularies.put(name, created);
        return answer(created, json, false);
    }

    /**
     * UpdateVocabulary: replaces the content and language and starts processing again. Unknown name:
     * BadRequestException (as moto, and as GetVocabulary answers). While the vocabulary is still PENDING:
     * BadRequestException, AWS's exception for an entity in a non-terminal state (an emulator choice: the exact
     * AWS behaviour was not observed).
     */
    synchronized ObjectNode updateVocabulary(ObjectNode request, ObjectMapper json) {
        String name = request.path("VocabularyName").asText(null);
        String languageCode = request.path("LanguageCode").asText(null);
        validate(request, name, languageCode);
        Vocabulary current = Optional.ofNullable(vocabularies.get(name))
                .orElseThrow(() -> TranscribeError.badRequest(NOT_FOUND));
        if ("PENDING".equals(current.state(clock.instant()))) {
            throw TranscribeError.badRequest("The vocabulary " + name + " is still being processed (PENDING). Wait "
                    + "until its state is READY or FAILED and try your request again.");
        }
        Vocabulary updated = process(request, name, languageCode);
        vocabularies.put(name, updated);
        return answer(updated, json, false);
    }

    /** GetVocabulary: unknown names are a BadRequestException, as AWS answers in practice. */
    ObjectNode getVocabulary(ObjectNode request, ObjectMapper json, Instant now) {
        String name = request.path("VocabularyName").asText("");
        Vocabulary vocabulary = Optional.ofNullable(vocabularies.get(name))
                .orElseThrow(() -> TranscribeError.notFound("vocabulary"));
        return answer(vocabulary, json, true);
    }

    ObjectNode getVocabularyFilter(ObjectNode request, ObjectMapper json, Instant now) {
        String name = request.path("VocabularyFilterName").asText("");
        String language = filterLanguage(name).orElseThrow(() -> TranscribeError.notFound("vocabulary filter"));
        ObjectNode answer = json.createObjectNode();
        answer.put("VocabularyFilterName", name);
        answer.put("LanguageCode", language);
        answer.put("LastModifiedTime", now.getEpochSecond());
        return answer;
    }

    /**
     * The language of a vocabulary a job may use; a PENDING or FAILED one is a BadRequestException (emulator
     * wording).
     */
    Optional<String> vocabularyLanguage(String name) {
        Vocabulary vocabulary = vocabularies.get(name);
        if (vocabulary == null) {
            return Optional.empty();
        }
        String state = vocabulary.state(clock.instant());
        if (!"READY".equals(state)) {
            throw TranscribeError.badRequest("The vocabulary " + name + " isn't ready to use (its state is " + state
                    + "). Use a vocabulary in the READY state and try your request again.");
        }
        return Optional.of(vocabulary.languageCode());
    }

    /** The state a GetVocabulary would report now, if the vocabulary exists. */
    Optional<String> vocabularyState(String name) {
        return Optional.ofNullable(vocabularies.get(name)).map(v -> v.state(clock.instant()));
    }

    Optional<String> filterLanguage(String name) {
        return Optional.ofNullable(filters.get(name));
    }

    private static void validate(ObjectNode request, String name, String languageCode) {
        ValidationErrors errors = new ValidationErrors();
        errors.notNull(name, "vocabularyName");
        errors.length(name, "vocabularyName", 1, 200);
        errors.pattern(name, "vocabularyName", RESOURCE_NAME, "^[0-9a-zA-Z._-]+");
        errors.notNull(languageCode, "languageCode");
        errors.oneOf(languageCode, "languageCode", LANGUAGE_CODES);
        String fileUri = request.path("VocabularyFileUri").asText(null);
        errors.length(fileUri, "vocabularyFileUri", 1, 2000);
        errors.pattern(fileUri, "vocabularyFileUri", FILE_URI, "(s3://|http(s*)://).+");
        JsonNode phrases = request.get("Phrases");
        if (phrases != null && phrases.isArray() && phrases.isEmpty()) {
            errors.length("[]", "phrases", 1, Integer.MAX_VALUE);
        }
        errors.throwIfAny();
        if ((phrases == null) == (fileUri == null)) {
            throw TranscribeError.badRequest("Either Phrases or VocabularyFileUri field should be provided.");
        }
        if (fileUri != null && MediaLocation.parse(fileUri).isEmpty()) {
            throw TranscribeError.badRequest("The VocabularyFileUri " + fileUri + " isn't an s3://bucket/key URI. "
                    + "Specify the vocabulary file's Amazon S3 location and try your request again.");
        }
    }

    /** Decides now whether the vocabulary will be READY or FAILED once processed. */
    private Vocabulary process(ObjectNode request, String name, String languageCode) {
        Instant now = clock.instant();
        String failure;
        if (request.hasNonNull("VocabularyFileUri")) {
            failure = fileFailure(request.get("VocabularyFileUri").asText());
        } else {
            List<String> phrases = new ArrayList<>();
            request.get("Phrases").forEach(p -> phrases.add(p.asText()));
            failure = phrasesFailure(phrases, "Phrases");
        }
        return new Vocabulary(name, languageCode, now, now.plus(processingTime), failure,
                UUID.randomUUID().toString());
    }

    private String fileFailure(String uri) {
        MediaLocation location = MediaLocation.parse(uri).orElseThrow();
        Optional<byte[]> bytes = s3.read(location);
        if (bytes.isEmpty()) {
            return "The vocabulary file " + uri + " couldn't be read. Check that it exists and try again.";
        }
        List<String> lines = new String(bytes.get(), StandardCharsets.UTF_8).lines()
                .map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                .filter(l -> !l.isBlank())
                .toList();
        if (lines.isEmpty()) {
            return "The vocabulary file " + uri + " is empty.";
        }
        boolean table = lines.get(0).contains("\t");
        if (table && !lines.get(0).strip().equals(TABLE_HEADER)) {
            return "The vocabulary file's header line must be " + TABLE_HEADER.replace("\t", "[TAB]")
                    + " but was " + lines.get(0).replace("\t", "[TAB]") + ".";
        }
        List<String> phrases = (table ? lines.subList(1, lines.size()) : lines).stream()
                .map(l -> l.split("\t", -1)[0])
                .toList();
        return phrasesFailure(phrases, "The vocabulary file");
    }

    private static String phrasesFailure(List<String> phrases, String where) {
        for (String phrase : phrases) {
            if (phrase.chars().anyMatch(Character::isDigit)) {
                return where + " contains the phrase \"" + phrase + "\" with a digit. Spell numbers out "
                        + "(e.g. \"twenty\") and try again.";
            }
        }
        return null;
    }

    private ObjectNode answer(Vocabulary vocabulary, ObjectMapper json, boolean get) {
        Instant now = clock.instant();
        // Create and Update always answer PENDING, even when processing takes no time at all.
        String state = get ? vocabulary.state(now) : "PENDING";
        ObjectNode answer = json.createObjectNode();
        answer.put("VocabularyName", vocabulary.name());
        answer.put("LanguageCode", vocabulary.languageCode());
        answer.put("VocabularyState", state);
        answer.put("LastModifiedTime", vocabulary.lastModified().toEpochMilli() / 1000.0);
        if ("FAILED".equals(state)) {
            answer.put("FailureReason", vocabulary.failureReason());
        }
        if (get) {
            answer.put("DownloadUri", "https://s3." + region.get() + ".amazonaws.com/aws-transcribe-dictionary-model-"
                    + region.get() + "-prod/" + TranscriptionJobs.ACCOUNT_ID + "/" + vocabulary.name() + "/"
                    + vocabulary.downloadId() + "/input.txt");
        }
        return answer;
    }
}
