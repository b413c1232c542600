package io.transcribebridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.transcribebridge.labelstudio.LabelOverrides;
import io.transcribebridge.labelstudio.TaskLayout;
import io.transcribebridge.transcribe.TranscriptionJobs;
import io.transcribebridge.transcribe.TranscribeFeatures;
import io.transcribebridge.transcript.OutputPlan;
import io.transcribebridge.transcript.OutputPlan.ScoreMethod;

/**
 * Every setting the Java side needs, read once at start-up from Camel's properties (config/application.properties,
 * overridden by environment variables such as {@code SOURCE_BUCKET} for {@code source.bucket}).
 * {@link #load} reports all problems at once, naming each environment variable, including combinations of
 * Transcribe features that Transcribe would reject (or that this service refuses: speaker labels with channel
 * identification, language identification with fewer than two options).
 *
 * @param labelOverrides    names pinned in the labeling config; unset ones are detected from the project
 * @param speakerLabels     Transcribe speaker/channel label to Label value ({@code label-studio.speaker-labels})
 * @param defaultLabel      Label value of a segment whose speaker maps to none ({@code label-studio.default-label})
 * @param retryMaxAttempts  retries of a transient failure; negative = without limit (Camel's rule)
 * @param healthCheckInterval readiness checks ask S3 and Label Studio at most this often
 * @param healthCheckTimeout  how long a readiness check waits for S3 or Label Studio
 */
public record BridgeSettings(
        String sourceBucket,
        String sourcePrefix,
        String outputBucket,
        String outputPrefix,
        String languageCode,
        TranscriptionJobs.PollSchedule transcribePolling,
        Duration transcribeMaxWait,
        URI labelStudioUrl,
        String labelStudioApiKey,
        int labelStudioProjectId,
        Duration labelStudioTimeout,
        LabelOverrides labelOverrides,
        String modelVersion,
        boolean s3ForcePathStyle,
        Duration retryInitialDelay,
        Duration retryMaxDelay,
        int s3KeysPerRequest,
        int transcribeMaxRunningJobs,
        int transcribeStartsPerSecond,
        int transcribeGetsPerSecond,
        int labelStudioBatchSize,
        Duration labelStudioBatchWait,
        long labelStudioBatchMaxBytes,
        int retryMaxAttempts,
        TranscribeFeatures transcribeFeatures,
        Map<String, String> speakerLabels,
        String defaultLabel,
        OutputPlan.Scoring scoring,
        OutputPlan.Segmentation segmentation,
        Duration healthCheckInterval,
        Duration healthCheckTimeout) {

    /** Transcribe's OutputKey alphabet; the output prefix becomes part of every OutputKey. */
    private static final Pattern OUTPUT_KEY_CHARS = Pattern.compile("[a-zA-Z0-9\\-_.!*'()/]*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][.\\-a-z0-9]{1,61}[a-z0-9]");
    /** Vocabulary and vocabulary filter names (Transcribe's pattern and length). */
    private static final Pattern RESOURCE_NAME = Pattern.compile("[0-9a-zA-Z._-]{1,200}");
    private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2,3}-[A-Z]{2}");
    private static final Pattern TRANSCRIBE_LABEL = Pattern.compile("(spk|ch)_\\d+");
    /** Batch PII redaction supports these languages only. */
    private static final Set<String> REDACTION_LANGUAGES = Set.of("en-US", "es-US");
    private static final List<String> FILTER_METHODS = List.of("remove", "mask", "tag");
    private static final List<String> PII_ENTITY_TYPES = List.of("BANK_ACCOUNT_NUMBER", "BANK_ROUTING",
            "CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV", "CREDIT_DEBIT_EXPIRY", "PIN", "EMAIL", "ADDRESS", "NAME",
            "PHONE", "SSN", "ALL");

    public BridgeSettings {
        // the configured order is the order they are reported in (Map.copyOf's order changes from run to run)
        speakerLabels = Collections.unmodifiableMap(new LinkedHashMap<>(speakerLabels));
    }

    /**
     * The names the overrides pin down, and those of Label Studio's "Automatic Speech Recognition" template for the
     * rest. What the service really uses is {@code OutputPlan.layout()}, read from the project at start-up.
     */
    public TaskLayout taskLayout() {
        return labelOverrides.orElse(TaskLayout.ASR_TEMPLATE);
    }

    @Override
    public String toString() {
        return "BridgeSettings[sourceBucket=" + sourceBucket + ", sourcePrefix=" + sourcePrefix + ", outputBucket="
               + outputBucket + ", outputPrefix=" + outputPrefix + ", labelStudioUrl=" + labelStudioUrl
               + ", labelStudioProjectId=" + labelStudioProjectId + ", labelStudioApiKey=***]";
    }

    public static BridgeSettings load(Function<String, Optional<String>> properties) {
        SettingsReader reader = new SettingsReader(properties);
        String sourceBucket = reader.required("source.bucket");
        String labelStudioUrl = reader.required("label-studio.url");
        String apiKey = reader.required("label-studio.api-key");
        String projectId = reader.required("label-studio.project-id");
        if (!reader.missing().isEmpty()) {
            reader.problems().add(0, "missing required setting" + (reader.missing().size() > 1 ? "s" : "") + ": "
                                   + String.join(", ", reader.missing()));
        }
        String outputBucket = reader.optional("output.bucket", sourceBucket == null ? "" : sourceBucket);
        String outputPrefix = reader.optional("output.prefix", "transcribe-bridge/");
        if (!outputPrefix.isEmpty() && !outputPrefix.endsWith("/")) {
            outputPrefix = outputPrefix + "/";
        }
        if (!OUTPUT_KEY_CHARS.matcher(outputPrefix).matches()) {
            reader.problems().add("OUTPUT_PREFIX '" + outputPrefix + "' may only contain letters, digits and "
                                + "-_.!*'()/ (Transcribe's OutputKey rule)");
        }
        if (!outputBucket.isEmpty() && !BUCKET.matcher(outputBucket).matches()) {
            reader.problems().add("OUTPUT_BUCKET '" + outputBucket + "' is not a valid S3 bucket name for Transcribe "
                                + "output (lower-case letters, digits, '.' and '-')");
        }
        URI url = null;
        if (labelStudioUrl != null) {
            url = URI.create(labelStudioUrl.strip());
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                reader.problems().add("LABEL_STUDIO_URL must be an http(s) URL such as http://label-studio:8080, got '"
                                    + labelStudioUrl + "'");
            }
        }
        int project = 0;
        if (projectId != null) {
            try {
                project = Integer.parseInt(projectId.strip());
                if (project <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                reader.problems().add("LABEL_STUDIO_PROJECT_ID must be a positive number, got '" + projectId + "'");
            }
        }
        String languageCode = reader.optional("transcribe.language-code", "en-US");
        BridgeSettings settings = new BridgeSettings(
                sourceBucket,
                reader.optional("source.prefix", ""),
                outputBucket,
                outputPrefix,
                languageCode,
                polling(reader),
                reader.millis("transcribe.max-wait-ms", Duration.ofHours(6).toMillis()),
                url,
                apiKey,
                project,
                reader.millis("label-studio.timeout-ms", 60_000),
                new LabelOverrides(reader.optional("label-studio.from-name", null),
                        reader.optional("label-studio.to-name", null),
                        reader.optional("label-studio.audio-variable", null),
                        reader.optional("label-studio.labels-name", null)),
                reader.optional("label-studio.model-version", "amazon-transcribe"),
                Boolean.parseBoolean(reader.optional("s3.force-path-style", "false")),
                reader.millis("retry.initial-delay-ms", 2_000),
                reader.millis("retry.max-delay-ms", 120_000),
                reader.count("s3.keys-per-request", 1_000, 1_000),
                reader.count("transcribe.max-running-jobs", 100, 250),
                reader.count("transcribe.start-requests-per-second", 20, 25),
                reader.count("transcribe.get-requests-per-second", 25, 30),
                reader.count("label-studio.batch-size", 50, 1_000),
                reader.millis("label-studio.batch-wait-ms", 2_000),
                reader.count("label-studio.batch-max-bytes", 10_000_000, Integer.MAX_VALUE),
                reader.integer("retry.max-attempts", 12),
                transcribeFeatures(reader, languageCode),
                speakerLabels(reader),
                reader.optional("label-studio.default-label", "Speech"),
                new OutputPlan.Scoring(scoreMethod(reader),
                        reader.decimal("prediction.low-confidence", 0.5, 0, 1, true)),
                new OutputPlan.Segmentation(reader.decimal("segments.max-seconds", 30, 0, Double.MAX_VALUE, false),
                        reader.decimal("segments.pause-seconds", 1.5, 0, Double.MAX_VALUE, false)),
                reader.millis("health.check-interval-ms", 10_000),
                reader.millis("health.timeout-ms", 5_000));
        if (!reader.problems().isEmpty()) {
            throw new ConfigurationException(reader.problems());
        }
        return settings;
    }

    private static TranscriptionJobs.PollSchedule polling(SettingsReader reader) {
        Duration interval = reader.millis("transcribe.poll-interval-ms", 10_000);
        Duration first = reader.millis("transcribe.first-poll-ms", interval.toMillis());
        Duration max = reader.millis("transcribe.poll-max-interval-ms", 60_000);
        String backoffText = reader.optional("transcribe.poll-backoff", "1.5");
        double backoff = 1.5;
        try {
            backoff = Double.parseDouble(backoffText);
            if (!(backoff >= 1 && backoff <= 10)) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            reader.problems().add("TRANSCRIBE_POLL_BACKOFF must be a number from 1 to 10, got '" + backoffText + "'");
        }
        if (max.compareTo(interval) < 0) {
            max = interval;
        }
        return new TranscriptionJobs.PollSchedule(first, interval, backoff, max);
    }

    /**
     * The Transcribe features, with every combination checked. Decisions beyond what Transcribe itself enforces:
     * language identification needs at least two LanguageOptions; speaker labels and channel identification are not
     * combined (Transcribe rejected that until November 2023, and one of them is enough: channels for recordings with
     * one party per channel, speaker labels for mono); vocabularies and filters belong to one language, so with
     * language identification they are given per language ({@code en-US:name,es-US:name}, sent as
     * LanguageIdSettings).
     */
    private static TranscribeFeatures transcribeFeatures(SettingsReader reader, String languageCode) {
        List<String> problems = reader.problems();
        int maxSpeakers = reader.integer("transcribe.speaker-labels.max", 0);
        if (maxSpeakers != 0 && (maxSpeakers < 2 || maxSpeakers > 30)) {
            problems.add("TRANSCRIBE_SPEAKER_LABELS_MAX must be 0 (off) or 2 to 30 (the most speakers Transcribe "
                         + "tells apart in a recording), got " + maxSpeakers);
        }
        boolean channels = reader.bool("transcribe.channel-identification");
        boolean identify = reader.bool("transcribe.identify-language");
        List<String> options = reader.list("transcribe.language-options", false);
        for (String option : options) {
            if (!LANGUAGE_CODE.matcher(option).matches()) {
                problems.add("TRANSCRIBE_LANGUAGE_OPTIONS: '" + option + "' is not a language code such as en-US");
            }
        }
        if (!options.isEmpty() && !identify) {
            problems.add("TRANSCRIBE_LANGUAGE_OPTIONS is set but TRANSCRIBE_IDENTIFY_LANGUAGE is not true: the options "
                         + "are the candidates for language identification. Set TRANSCRIBE_IDENTIFY_LANGUAGE=true, or "
                         + "remove TRANSCRIBE_LANGUAGE_OPTIONS and set TRANSCRIBE_LANGUAGE_CODE.");
        }
        if (identify && options.size() < 2) {
            problems.add("TRANSCRIBE_IDENTIFY_LANGUAGE=true needs TRANSCRIBE_LANGUAGE_OPTIONS with at least 2 language "
                         + "codes the recordings may be in, e.g. en-US,es-US (got "
                         + (options.isEmpty() ? "none" : String.join(",", options)) + "). For recordings in one "
                         + "language set TRANSCRIBE_LANGUAGE_CODE instead.");
        }
        Map<String, String> vocabularies = perLanguage(reader, "transcribe.vocabulary-name", "vocabulary", identify,
                options, languageCode);
        Map<String, String> filters = perLanguage(reader, "transcribe.vocabulary-filter-name", "vocabulary filter",
                identify, options, languageCode);
        String method = reader.optional("transcribe.vocabulary-filter-method", null);
        method = method == null ? null : method.toLowerCase(Locale.ROOT);
        if (method != null && !FILTER_METHODS.contains(method)) {
            problems.add("TRANSCRIBE_VOCABULARY_FILTER_METHOD must be remove, mask or tag, got '" + method + "'");
        }
        if (!filters.isEmpty() && method == null) {
            problems.add("TRANSCRIBE_VOCABULARY_FILTER_NAME needs TRANSCRIBE_VOCABULARY_FILTER_METHOD: remove (drop "
                         + "the words), mask (replace them with ***) or tag (mark them, keep the text)");
        }
        if (filters.isEmpty() && method != null) {
            problems.add("TRANSCRIBE_VOCABULARY_FILTER_METHOD is set but TRANSCRIBE_VOCABULARY_FILTER_NAME is not: "
                         + "name the vocabulary filter to apply");
        }
        Set<String> languagesWithResources = new LinkedHashSet<>(vocabularies.keySet());
        languagesWithResources.addAll(filters.keySet());
        if (identify && languagesWithResources.size() > 5) {
            problems.add("TRANSCRIBE_VOCABULARY_NAME and TRANSCRIBE_VOCABULARY_FILTER_NAME cover "
                         + languagesWithResources.size() + " languages; Transcribe takes per-language settings for "
                         + "at most 5");
        }
        boolean redact = reader.bool("transcribe.redact-pii");
        List<String> piiTypes = reader.list("transcribe.pii-entity-types", true);
        for (String type : piiTypes) {
            if (!PII_ENTITY_TYPES.contains(type)) {
                problems.add("TRANSCRIBE_PII_ENTITY_TYPES: '" + type + "' is not one of "
                             + String.join(", ", PII_ENTITY_TYPES));
            }
        }
        if (!piiTypes.isEmpty() && !redact) {
            problems.add("TRANSCRIBE_PII_ENTITY_TYPES is set but TRANSCRIBE_REDACT_PII is not true");
        }
        if (redact && identify) {
            problems.add("TRANSCRIBE_REDACT_PII and TRANSCRIBE_IDENTIFY_LANGUAGE cannot be combined: Transcribe's "
                         + "batch PII redaction is not compatible with language identification. Set "
                         + "TRANSCRIBE_LANGUAGE_CODE (en-US or es-US) instead, or turn redaction off.");
        } else if (redact && !REDACTION_LANGUAGES.contains(languageCode)) {
            problems.add("TRANSCRIBE_REDACT_PII works only for en-US and es-US recordings (Transcribe's batch PII "
                         + "redaction), but TRANSCRIBE_LANGUAGE_CODE is '" + languageCode + "'");
        }
        if (maxSpeakers > 0 && channels) {
            problems.add("TRANSCRIBE_SPEAKER_LABELS_MAX and TRANSCRIBE_CHANNEL_IDENTIFICATION cannot be combined: use "
                         + "channel identification for recordings with one party per channel (two-channel call "
                         + "recordings), speaker labels for mono recordings. (Transcribe rejected the combination "
                         + "until November 2023, and a segment's speaker would be ambiguous.)");
        }
        return new TranscribeFeatures(Math.max(maxSpeakers, 0), channels, identify, options, vocabularies, filters,
                filters.isEmpty() ? null : method, redact, piiTypes);
    }

    /**
     * A vocabulary (or filter) name: one plain name for the job's language, or with language identification
     * {@code language:name} pairs, because each vocabulary belongs to one language.
     */
    private static Map<String, String> perLanguage(SettingsReader reader, String key, String what, boolean identify,
                                                   List<String> options, String languageCode) {
        String env = environmentName(key);
        List<String> entries = reader.list(key, false);
        Map<String, String> perLanguage = new LinkedHashMap<>();
        if (entries.isEmpty()) {
            return perLanguage;
        }
        if (!identify) {
            if (entries.size() != 1 || entries.get(0).contains(":")) {
                reader.problems().add(env + " must be the name of one " + what + " in the language of the recordings ("
                                    + "TRANSCRIBE_LANGUAGE_CODE); the language:name form is for "
                                    + "TRANSCRIBE_IDENTIFY_LANGUAGE=true");
            } else if (checkName(reader, env, what, entries.get(0))) {
                perLanguage.put(languageCode, entries.get(0));
            }
            return perLanguage;
        }
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                reader.problems().add(env + " must name one " + what + " per language when TRANSCRIBE_IDENTIFY_LANGUAGE="
                                    + "true, as language:name pairs such as en-US:calls-en,es-US:calls-es (a " + what
                                    + " belongs to one language); got '" + entry + "'");
                return Map.of();
            }
            String language = entry.substring(0, colon).strip();
            String name = entry.substring(colon + 1).strip();
            if (!options.contains(language)) {
                reader.problems().add(env + ": " + language + " is not one of TRANSCRIBE_LANGUAGE_OPTIONS ("
                                    + String.join(",", options) + ")");
            } else if (perLanguage.containsKey(language)) {
                reader.problems().add(env + " names two " + what + "s for " + language);
            } else if (checkName(reader, env, what, name)) {
                perLanguage.put(language, name);
            }
        }
        return perLanguage;
    }

    private static boolean checkName(SettingsReader reader, String env, String what, String name) {
        if (RESOURCE_NAME.matcher(name).matches()) {
            return true;
        }
        reader.problems().add(env + ": '" + name + "' is not a " + what + " name (1 to 200 letters, digits, '.', '_' "
                            + "and '-')");
        return false;
    }

    /** {@code spk_0=Agent,spk_1=Customer} (or {@code ch_0=...}), in the given order. */
    private static Map<String, String> speakerLabels(SettingsReader reader) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : reader.list("label-studio.speaker-labels", false)) {
            int equals = pair.indexOf('=');
            String label = equals < 0 ? pair : pair.substring(0, equals).strip();
            String value = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (equals < 0 || value.isEmpty()) {
                reader.problems().add("LABEL_STUDIO_SPEAKER_LABELS must be transcribe-label=Label value pairs such as "
                                    + "spk_0=Agent,spk_1=Customer (or ch_0=...,ch_1=...); got '" + pair + "'");
            } else if (!TRANSCRIBE_LABEL.matcher(label).matches()) {
                reader.problems().add("LABEL_STUDIO_SPEAKER_LABELS: '" + label + "' is not a Transcribe speaker label "
                                    + "(spk_0, spk_1, ...) or channel label (ch_0, ch_1)");
            } else if (labels.containsKey(label)) {
                reader.problems().add("LABEL_STUDIO_SPEAKER_LABELS maps " + label + " twice");
            } else {
                labels.put(label, value);
            }
        }
        return labels;
    }

    private static ScoreMethod scoreMethod(SettingsReader reader) {
        String value = reader.optional("prediction.score", "mean").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "mean" -> ScoreMethod.MEAN;
            case "min" -> ScoreMethod.MIN;
            case "errors-per-minute" -> ScoreMethod.ERRORS_PER_MINUTE;
            default -> {
                reader.problems().add("PREDICTION_SCORE must be mean, min or errors-per-minute, got '" + value + "'");
                yield ScoreMethod.MEAN;
            }
        };
    }

    /** {@code label-studio.api-key} → {@code LABEL_STUDIO_API_KEY}, the rule Camel uses for overrides. */
    public static String environmentName(String property) {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }
}
