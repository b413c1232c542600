package io.transcribebridge.testing.transcribe;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

    Optional<String> vocabularyLanguage(String name) {
        return Optional.ofNullable(vocabularies.get(name));
    }

    Optional<String> filterLanguage(String name) {
        return Optional.ofNullable(filters.get(name));
    }
}
