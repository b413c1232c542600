package io.transcribebridge.transcribe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The optional Amazon Transcribe features every job is started with; all off by default. {@code BridgeSettings}
 * validates the combinations, so each value here is one Transcribe accepts.
 *
 * @param maxSpeakerLabels      0 = off; 2..30 = ShowSpeakerLabels with this MaxSpeakerLabels
 * @param channelIdentification ChannelIdentification (one transcript per channel of a two-channel recording)
 * @param identifyLanguage      IdentifyLanguage instead of LanguageCode
 * @param languageOptions       LanguageOptions, the candidates for language identification
 * @param vocabularies          custom vocabulary per language: without language identification one entry, for the
 *                              job's language (Settings.VocabularyName); with it one per language option that has one
 *                              (LanguageIdSettings)
 * @param vocabularyFilters     vocabulary filter per language, as {@code vocabularies}
 * @param vocabularyFilterMethod remove, mask or tag; set exactly when there are filters
 * @param redactPii             ContentRedaction: RedactionType PII, RedactionOutput redacted
 * @param piiEntityTypes        PiiEntityTypes; empty = all
 */
public record TranscribeFeatures(int maxSpeakerLabels, boolean channelIdentification, boolean identifyLanguage,
                                 List<String> languageOptions, Map<String, String> vocabularies,
                                 Map<String, String> vocabularyFilters, String vocabularyFilterMethod,
                                 boolean redactPii, List<String> piiEntityTypes) {

    public static final TranscribeFeatures NONE =
            new TranscribeFeatures(0, false, false, List.of(), Map.of(), Map.of(), null, false, List.of());

    public TranscribeFeatures {
        languageOptions = List.copyOf(languageOptions);
        vocabularies = Collections.unmodifiableMap(new LinkedHashMap<>(vocabularies));
        vocabularyFilters = Collections.unmodifiableMap(new LinkedHashMap<>(vocabularyFilters));
        piiEntityTypes = List.copyOf(piiEntityTypes);
    }

    public boolean speakerLabels() {
        return maxSpeakerLabels > 0;
    }

    /** For the start-up log line: the features that are on, e.g. "speaker labels (max 2), PII redaction". */
    public String describe() {
        List<String> on = new ArrayList<>();
        if (speakerLabels()) {
            on.add("speaker labels (max " + maxSpeakerLabels + ")");
        }
        if (channelIdentification) {
            on.add("channel identification");
        }
        if (identifyLanguage) {
            on.add("language identification among " + String.join(", ", languageOptions));
        }
        if (!vocabularies.isEmpty()) {
            on.add("vocabulary " + describe(vocabularies));
        }
        if (!vocabularyFilters.isEmpty()) {
            on.add("vocabulary filter " + describe(vocabularyFilters) + " (" + vocabularyFilterMethod + ")");
        }
        if (redactPii) {
            on.add("PII redaction" + (piiEntityTypes.isEmpty() ? "" : " of " + String.join(", ", piiEntityTypes)));
        }
        return on.isEmpty() ? "no optional features" : String.join(", ", on);
    }

    private static String describe(Map<String, String> perLanguage) {
        return perLanguage.size() == 1 ? perLanguage.values().iterator().next()
                : new TreeMap<>(perLanguage).toString();
    }
}
