package io.transcribebridge.testing.transcribe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.transcribe.model.LanguageCode;

/**
 * Request checks StartTranscriptionJob makes before touching S3. Model constraints (patterns, lengths,
 * ranges, enums) come first and are reported together; parameter-combination rules follow.
 * The combination messages are the emulator's own wording: AWS does not document them verbatim.
 * <p>
 * Combinations follow the current API model and docs: ShowSpeakerLabels with ChannelIdentification is accepted (the
 * model forbade it only until 2023-11-27); ContentRedaction needs en-US or es-US and no language identification; with
 * language identification a vocabulary or filter goes into LanguageIdSettings, keyed by a LanguageOptions entry;
 * every vocabulary and filter must exist ({@link CustomVocabularies}) and be in the language it is used for.
 */
final class StartJobValidator {

    private static final Pattern JOB_NAME = Pattern.compile("[0-9a-zA-Z._-]+");
    private static final Pattern MEDIA_URI = Pattern.compile("(s3://|http(s*)://).+");
    private static final Pattern OUTPUT_BUCKET = Pattern.compile("[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]");
    private static final Pattern OUTPUT_KEY = Pattern.compile("[a-zA-Z0-9-_.!*'()/]{1,1024}");
    private static final Pattern RESOURCE_NAME = Pattern.compile("[0-9a-zA-Z._-]+");
    private static final List<String> MEDIA_FORMATS =
            List.of("mp3", "mp4", "wav", "flac", "ogg", "amr", "webm", "m4a");
    private static final List<String> LANGUAGE_CODES = LanguageCode.knownValues().stream()
            .map(LanguageCode::toString)
            .sorted()
            .toList();
    private static final List<String> FILTER_METHODS = List.of("remove", "mask", "tag");
    private static final List<String> PII_ENTITY_TYPES = List.of("BANK_ACCOUNT_NUMBER", "BANK_ROUTING",
            "CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV", "CREDIT_DEBIT_EXPIRY", "PIN", "EMAIL", "ADDRESS", "NAME",
            "PHONE", "SSN", "ALL");
    static final List<String> REDACTION_LANGUAGES = List.of("en-US", "es-US");

    private StartJobValidator() {
    }

    static void validate(StartJobRequest request, CustomVocabularies vocabularies) {
        checkModelConstraints(request);
        checkCombinations(request);
        checkVocabularies(request, vocabularies);
    }

    private static void checkModelConstraints(StartJobRequest request) {
        ValidationErrors errors = new ValidationErrors();
        errors.notNull(request.jobName(), "transcriptionJobName");
        errors.length(request.jobName(), "transcriptionJobName", 1, 200);
        errors.pattern(request.jobName(), "transcriptionJobName", JOB_NAME, "^[0-9a-zA-Z._-]+");
        errors.required(request.mediaPresent(), "media");
        errors.length(request.mediaFileUri(), "media.mediaFileUri", 1, 2000);
        errors.pattern(request.mediaFileUri(), "media.mediaFileUri", MEDIA_URI, "(s3://|http(s*)://).+");
        errors.oneOf(request.mediaFormat(), "mediaFormat", MEDIA_FORMATS);
        errors.range(request.mediaSampleRateHertz(), "mediaSampleRateHertz", 8000, 48000);
        errors.oneOf(request.languageCode(), "languageCode", LANGUAGE_CODES);
        errors.length(request.outputBucketName(), "outputBucketName", 0, 64);
        errors.pattern(request.outputBucketName(), "outputBucketName", OUTPUT_BUCKET,
                "[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]");
        errors.length(request.outputKey(), "outputKey", 1, 1024);
        errors.pattern(request.outputKey(), "outputKey", OUTPUT_KEY, "[a-zA-Z0-9-_.!*'()/]{1,1024}$");
        errors.range(request.maxSpeakerLabels(), "settings.maxSpeakerLabels", 2, 30);
        errors.range(request.maxAlternatives(), "settings.maxAlternatives", 2, 10);
        errors.length(request.settingsText("VocabularyName"), "settings.vocabularyName", 1, 200);
        errors.pattern(request.settingsText("VocabularyName"), "settings.vocabularyName", RESOURCE_NAME,
                "^[0-9a-zA-Z._-]+");
        errors.length(request.settingsText("VocabularyFilterName"), "settings.vocabularyFilterName", 1, 200);
        errors.pattern(request.settingsText("VocabularyFilterName"), "settings.vocabularyFilterName", RESOURCE_NAME,
                "^[0-9a-zA-Z._-]+");
        errors.oneOf(request.settingsText("VocabularyFilterMethod"), "settings.vocabularyFilterMethod",
                FILTER_METHODS);
        errors.oneOfEach(request.languageOptions(), "languageOptions", LANGUAGE_CODES, Integer.MAX_VALUE);
        if (request.contentRedaction() != null) {
            errors.notNull(request.redactionText("RedactionType"), "contentRedaction.redactionType");
            errors.oneOf(request.redactionText("RedactionType"), "contentRedaction.redactionType", List.of("PII"));
            errors.notNull(request.redactionText("RedactionOutput"), "contentRedaction.redactionOutput");
            errors.oneOf(request.redactionText("RedactionOutput"), "contentRedaction.redactionOutput",
                    List.of("redacted", "redacted_and_unredacted"));
            errors.oneOfEach(request.piiEntityTypes(), "contentRedaction.piiEntityTypes", PII_ENTITY_TYPES, 11);
        }
        Map<String, JsonNode> languageIdSettings = request.languageIdSettings();
        if (languageIdSettings.size() > 5) {
            errors.oneOfEach(List.copyOf(languageIdSettings.keySet()), "languageIdSettings", LANGUAGE_CODES, 5);
        }
        errors.throwIfAny();
    }

    private static void checkCombinations(StartJobRequest request) {
        int languageChoices = (request.languageCode() != null ? 1 : 0)
                + (request.identifyLanguage() ? 1 : 0)
                + (request.identifyMultipleLanguages() ? 1 : 0);
        if (languageChoices == 0) {
            throw TranscribeError.badRequest("You must specify one of LanguageCode, IdentifyLanguage or "
                    + "IdentifyMultipleLanguages. Add one of them and try your request again.");
        }
        if (languageChoices > 1) {
            throw TranscribeError.badRequest("You can only specify one of LanguageCode, IdentifyLanguage or "
                    + "IdentifyMultipleLanguages. Remove the others and try your request again.");
        }
        if (!request.languageOptions().isEmpty() && request.languageCode() != null) {
            throw TranscribeError.badRequest(
                    "LanguageOptions requires IdentifyLanguage or IdentifyMultipleLanguages. "
                            + "Remove LanguageOptions or LanguageCode and try your request again.");
        }
        if (request.outputKey() != null && request.outputBucketName() == null) {
            throw TranscribeError.badRequest(
                    "To use OutputKey, you must also specify OutputBucketName. Add OutputBucketName and "
                            + "try your request again.");
        }
        if (request.showSpeakerLabels() != (request.maxSpeakerLabels() != null)) {
            throw TranscribeError.badRequest("ShowSpeakerLabels and MaxSpeakerLabels must be used together. "
                    + "Set both or neither and try your request again.");
        }
        if (request.showAlternatives() != (request.maxAlternatives() != null)) {
            throw TranscribeError.badRequest("ShowAlternatives and MaxAlternatives must be used together. "
                    + "Set both or neither and try your request again.");
        }
        boolean filter = request.settingsText("VocabularyFilterName") != null || languageIdFilters(request);
        if (filter != (request.settingsText("VocabularyFilterMethod") != null)) {
            throw TranscribeError.badRequest("VocabularyFilterName and VocabularyFilterMethod must be used together. "
                    + "Set both or neither and try your request again.");
        }
        boolean identifying = request.identifyLanguage() || request.identifyMultipleLanguages();
        if (!request.languageIdSettings().isEmpty()) {
            if (!identifying) {
                throw TranscribeError.badRequest("LanguageIdSettings requires IdentifyLanguage or "
                        + "IdentifyMultipleLanguages. Remove LanguageIdSettings and try your request again.");
            }
            for (String language : request.languageIdSettings().keySet()) {
                if (!request.languageOptions().contains(language)) {
                    throw TranscribeError.badRequest("The language code " + language + " in LanguageIdSettings "
                            + "must also be in LanguageOptions. Add it to LanguageOptions or remove it from "
                            + "LanguageIdSettings and try your request again.");
                }
            }
        }
        if (identifying && (request.settingsText("VocabularyName") != null
                || request.settingsText("VocabularyFilterName") != null)) {
            throw TranscribeError.badRequest("With language identification, specify custom vocabularies and "
                    + "vocabulary filters per language in LanguageIdSettings, not in Settings. Move them and try "
                    + "your request again.");
        }
        if (request.contentRedaction() != null) {
            if (identifying) {
                throw TranscribeError.badRequest("Content redaction isn't supported with language identification. "
                        + "Remove ContentRedaction or specify a LanguageCode and try your request again.");
            }
            if (!REDACTION_LANGUAGES.contains(request.languageCode())) {
                throw TranscribeError.badRequest("Content redaction isn't supported for language code "
                        + request.languageCode() + ". Use en-US or es-US, or remove ContentRedaction, and try your "
                        + "request again.");
            }
        }
    }

    private static boolean languageIdFilters(StartJobRequest request) {
        return request.languageIdSettings().values().stream()
                .anyMatch(settings -> StartJobRequest.text(settings, "VocabularyFilterName") != null);
    }

    /** Each vocabulary and filter must exist and be in the language it is used for. */
    private static void checkVocabularies(StartJobRequest request, CustomVocabularies vocabularies) {
        check(request.settingsText("VocabularyName"), request.languageCode(), "vocabulary",
                vocabularies::vocabularyLanguage);
        check(request.settingsText("VocabularyFilterName"), request.languageCode(), "vocabulary filter",
                vocabularies::filterLanguage);
        request.languageIdSettings().forEach((language, settings) -> {
            check(StartJobRequest.text(settings, "VocabularyName"), language, "vocabulary",
                    vocabularies::vocabularyLanguage);
            check(StartJobRequest.text(settings, "VocabularyFilterName"), language, "vocabulary filter",
                    vocabularies::filterLanguage);
        });
    }

    private static void check(String name, String language, String what,
            Function<String, Optional<String>> languageOf) {
        if (name == null) {
            return;
        }
        String actual = languageOf.apply(name).orElseThrow(() -> TranscribeError.notFound(what));
        if (language != null && !actual.equals(language)) {
            throw TranscribeError.badRequest("The " + what + " " + name + " is for " + actual + ", which doesn't "
                    + "match the language " + language + ". Use a " + what + " in that language and try your "
                    + "request again.");
        }
    }
}
