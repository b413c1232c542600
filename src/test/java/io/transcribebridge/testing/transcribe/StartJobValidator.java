package io.transcribebridge.testing.transcribe;

import java.util.List;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.transcribe.model.LanguageCode;

/**
 * Request checks StartTranscriptionJob makes before touching S3. Model constraints (patterns, lengths,
 * ranges, enums) come first and are reported together; parameter-combination rules follow.
 * The combination messages are the emulator's own wording: AWS does not document them verbatim.
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

    private StartJobValidator() {
    }

    static void validate(StartJobRequest request) {
        checkModelConstraints(request);
        checkCombinations(request);
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
        if (request.settingsText("VocabularyName") != null) {
            throw TranscribeError.badRequest(
                    "The requested vocabulary couldn't be found. Check the vocabulary name and try your "
                            + "request again.");
        }
        if (request.settingsText("VocabularyFilterName") != null) {
            throw TranscribeError.badRequest(
                    "The requested vocabulary filter couldn't be found. Check the vocabulary filter name and "
                            + "try your request again.");
        }
    }
}
