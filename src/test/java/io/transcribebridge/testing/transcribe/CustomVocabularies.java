package io.transcribebridge.testing.transcribe;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The custom vocabularies and vocabulary filters that exist in the emulated account, each in one language (as
 * CreateVocabulary and CreateVocabularyFilter require). Jobs may only name existing ones, in the job's language.
 */
final class CustomVocabularies {

    private final Map<String, String> vocabularies = new ConcurrentHashMap<>();
    private final Map<String, String> filters = new ConcurrentHashMap<>();

    void addVocabulary(String name, String languageCode) {
        vocabularies.put(name, languageCode);
    }

    void addFilter(String name, String languageCode) {
        filters.put(name, languageCode);
    }

    /** GetVocabulary: every vocabulary here is READY (CreateVocabulary's processing is not emulated). */
    ObjectNode getVocabulary(ObjectNode request, ObjectMapper json, Instant now) {
        String name = request.path("VocabularyName").asText("");
        String language = vocabularyLanguage(name).orElseThrow(() -> TranscribeError.notFound("vocabulary"));
        ObjectNode answer = json.createObjectNode();
        answer.put("VocabularyName", name);
        answer.put("LanguageCode", language);
        answer.put("VocabularyState", "READY");
        answer.put("LastModifiedTime", now.getEpochSecond());
        return answer;
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

    Optional<String> vocabularyLanguage(String name) {
        return Optional.ofNullable(vocabularies.get(name));
    }

    Optional<String> filterLanguage(String name) {
        return Optional.ofNullable(filters.get(name));
    }
}
