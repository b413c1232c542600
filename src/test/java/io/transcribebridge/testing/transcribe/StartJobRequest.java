package io.transcribebridge.testing.transcribe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    boolean channelIdentification() {
        return settings != null && settings.path("ChannelIdentification").asBoolean(false);
    }

    /** The ContentRedaction member, or null. */
    JsonNode contentRedaction() {
        JsonNode redaction = raw.get("ContentRedaction");
        return redaction != null && redaction.isObject() ? redaction : null;
    }

    String redactionText(String field) {
        JsonNode redaction = contentRedaction();
        return redaction == null ? null : text(redaction, field);
    }

    List<String> piiEntityTypes() {
        List<String> types = new ArrayList<>();
        JsonNode redaction = contentRedaction();
        if (redaction != null) {
            redaction.path("PiiEntityTypes").forEach(type -> types.add(type.asText()));
        }
        return types;
    }

    /** LanguageIdSettings: language code to {VocabularyName, VocabularyFilterName, LanguageModelName}. */
    Map<String, JsonNode> languageIdSettings() {
        Map<String, JsonNode> perLanguage = new LinkedHashMap<>();
        JsonNode node = raw.get("LanguageIdSettings");
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(entry -> perLanguage.put(entry.getKey(), entry.getValue()));
        }
        return perLanguage;
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

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }
}
