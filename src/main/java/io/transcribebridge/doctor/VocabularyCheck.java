package io.transcribebridge.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.transcribebridge.transcribe.TranscribeFeatures;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.transcribe.model.GetVocabularyFilterResponse;
import software.amazon.awssdk.services.transcribe.model.GetVocabularyResponse;
import software.amazon.awssdk.services.transcribe.model.TranscribeException;
import software.amazon.awssdk.services.transcribe.model.VocabularyState;

/**
 * The configured custom vocabularies and vocabulary filters exist, are ready and are in the language they are used
 * for: otherwise every StartTranscriptionJob fails. Needs transcribe:GetVocabulary / GetVocabularyFilter, which the
 * least-privilege policy does not grant (the service itself never calls them): without them the check is skipped
 * with a note, not failed.
 */
final class VocabularyCheck implements Check {

    static final String NAME = "Custom vocabularies";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(TranscribeCheck.NAME);
    }

    @Override
    public Finding run(Examination examination) {
        TranscribeFeatures features = examination.settings.transcribeFeatures();
        if (features.vocabularies().isEmpty() && features.vocabularyFilters().isEmpty()) {
            return Finding.ok(NAME, "none configured");
        }
        List<String> problems = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try {
            for (Map.Entry<String, String> entry : features.vocabularies().entrySet()) {
                vocabulary(examination, entry.getValue(), entry.getKey(), problems, found);
            }
            for (Map.Entry<String, String> entry : features.vocabularyFilters().entrySet()) {
                filter(examination, entry.getValue(), entry.getKey(), problems, found);
            }
        } catch (TranscribeException e) {
            if (TranscribeErrors.accessDenied(e)) {
                return Finding.skipped(NAME, "not checked: the credentials may not call transcribe:GetVocabulary / "
                        + "GetVocabularyFilter (not in config/iam-policy.json, the service does not need them). "
                        + "Make sure " + String.join(", ", names(features)) + " exist in " + examination.region.id()
                        + ": a missing one fails every job at its start.");
            }
            return Finding.fatal(NAME, TranscribeErrors.describe(e, "transcribe:GetVocabulary"));
        } catch (SdkException e) {
            return Finding.fatal(NAME, TranscribeErrors.describe(e, "transcribe:GetVocabulary"));
        }
        return problems.isEmpty() ? Finding.ok(NAME, String.join(", ", found) + " ready")
                : Finding.fatal(NAME, String.join("\n", problems));
    }

    private static void vocabulary(Examination examination, String name, String language, List<String> problems,
                                   List<String> found) {
        GetVocabularyResponse vocabulary;
        try {
            vocabulary = examination.transcribe().getVocabulary(request -> request.vocabularyName(name));
        } catch (TranscribeException e) {
            if (!TranscribeErrors.notFound(e)) {
                throw e;
            }
            problems.add("vocabulary '" + name + "' does not exist in " + examination.region.id()
                         + " (TRANSCRIBE_VOCABULARY_NAME): every job would fail at its start");
            return;
        }
        if (vocabulary.vocabularyState() != VocabularyState.READY) {
            problems.add("vocabulary '" + name + "' is " + vocabulary.vocabularyStateAsString()
                         + (vocabulary.failureReason() == null ? "" : " (" + vocabulary.failureReason() + ")")
                         + ", not READY: jobs cannot use it yet");
        } else if (!language.equals(vocabulary.languageCodeAsString())) {
            problems.add("vocabulary '" + name + "' is for " + vocabulary.languageCodeAsString() + " but is used for "
                         + language + " recordings (TRANSCRIBE_VOCABULARY_NAME)");
        } else {
            found.add("vocabulary '" + name + "' (" + language + ")");
        }
    }

    private static void filter(Examination examination, String name, String language, List<String> problems,
                               List<String> found) {
        GetVocabularyFilterResponse filter;
        try {
            filter = examination.transcribe().getVocabularyFilter(request -> request.vocabularyFilterName(name));
        } catch (TranscribeException e) {
            if (!TranscribeErrors.notFound(e)) {
                throw e;
            }
            problems.add("vocabulary filter '" + name + "' does not exist in " + examination.region.id()
                         + " (TRANSCRIBE_VOCABULARY_FILTER_NAME): every job would fail at its start");
            return;
        }
        if (!language.equals(filter.languageCodeAsString())) {
            problems.add("vocabulary filter '" + name + "' is for " + filter.languageCodeAsString() + " but is used "
                         + "for " + language + " recordings (TRANSCRIBE_VOCABULARY_FILTER_NAME)");
        } else {
            found.add("vocabulary filter '" + name + "' (" + language + ")");
        }
    }

    private static List<String> names(TranscribeFeatures features) {
        List<String> names = new ArrayList<>();
        features.vocabularies().values().forEach(name -> names.add("vocabulary '" + name + "'"));
        features.vocabularyFilters().values().forEach(name -> names.add("vocabulary filter '" + name + "'"));
        return names;
    }
}
