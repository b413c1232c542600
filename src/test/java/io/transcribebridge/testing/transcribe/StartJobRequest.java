package io.transcribebridge.testing.transcribe;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The StartTranscriptionJob members the emulator acts on; {@code raw} keeps the rest for echoing. */
record StartJobRequest(
        String jobName,
        boolean mediaPresent,
        String mediaFileUri,
        String mediaFormat,
        Integer mediaSampleRateHertz,
        String languageCode,
        boolean identifyLanguage,
        boolean identifyMultipleLanguages,
        List<String> languageOptions,
        String outputBucketName,
        String outputKey,
        JsonNode settings,
        ObjectNode raw) {

    static StartJobRequest from(ObjectNode body) {
        JsonNode media = body.path("Media");
        JsonNode settings = body.path("Settings");
        List<String> languageOptions = new ArrayList<>();
        body.path("LanguageOptions").forEach(option -> languageOptions.add(option.asText()));
        return new StartJobRequest(
                text(body, "TranscriptionJobName"),
                media.isObject(),
                text(media, "MediaFileUri"),
                text(body, "MediaFormat"),
                integer(body, "MediaSampleRateHertz"),
                text(body, "LanguageCode"),
                body.path("IdentifyLanguage").asBoolean(false),
                body.path("IdentifyMultipleLanguages").asBoolean(false),
                List.copyOf(languageOptions),
                text(body, "OutputBucketName"),
                text(body, "OutputKey"),
                settings.isObject() ? settings : null,
                body);
    }

    boolean showSpeakerLabels() {
        return settings != null && settings.path("ShowSpeakerLabels").asBoolean(false);
    }

    Integer maxSpeakerLabels() {
        return settings == null ? null : integer(settings, "MaxSpeakerLabels");
    }

    boolean showAlternatives() {
        return settings != null && settings.path("ShowAlternatives").asBoolean(false);
    }

    Integer maxAlternatives() {
        return settings == null ? null : integer(settings, "MaxAlternatives");
    }

    String settingsText(String field) {
        return settings == null ? null : text(settings, field);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }
}
