package io.transcribebridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.transcribebridge.labelstudio.TaskLayout;
import io.transcribebridge.transcribe.TranscriptionJobs;

/**
 * Every setting the Java side needs, read once at start-up from Camel's properties (config/application.properties,
 * overridden by environment variables such as {@code SOURCE_BUCKET} for {@code source.bucket}).
 * {@link #load} reports all problems at once, naming each environment variable.
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
        TaskLayout taskLayout,
        String modelVersion,
        boolean s3ForcePathStyle,
        Duration retryInitialDelay,
        Duration retryMaxDelay,
        int s3KeysPerRequest,
        int transcribeMaxRunningJobs) {

    /** Transcribe's OutputKey alphabet; the output prefix becomes part of every OutputKey. */
    private static final Pattern OUTPUT_KEY_CHARS = Pattern.compile("[a-zA-Z0-9\\-_.!*'()/]*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][.\\-a-z0-9]{1,61}[a-z0-9]");

    @Override
    public String toString() {
        return "BridgeSettings[sourceBucket=" + sourceBucket + ", sourcePrefix=" + sourcePrefix + ", outputBucket="
               + outputBucket + ", outputPrefix=" + outputPrefix + ", labelStudioUrl=" + labelStudioUrl
               + ", labelStudioProjectId=" + labelStudioProjectId + ", labelStudioApiKey=***]";
    }

    public static BridgeSettings load(Function<String, Optional<String>> properties) {
        Reader reader = new Reader(properties);
        String sourceBucket = reader.required("source.bucket");
        String labelStudioUrl = reader.required("label-studio.url");
        String apiKey = reader.required("label-studio.api-key");
        String projectId = reader.required("label-studio.project-id");
        if (!reader.missing.isEmpty()) {
            reader.problems.add(0, "missing required setting" + (reader.missing.size() > 1 ? "s" : "") + ": "
                                   + String.join(", ", reader.missing));
        }
        String outputBucket = reader.optional("output.bucket", sourceBucket == null ? "" : sourceBucket);
        String outputPrefix = reader.optional("output.prefix", "transcribe-bridge/");
        if (!outputPrefix.isEmpty() && !outputPrefix.endsWith("/")) {
            outputPrefix = outputPrefix + "/";
        }
        if (!OUTPUT_KEY_CHARS.matcher(outputPrefix).matches()) {
            reader.problems.add("OUTPUT_PREFIX '" + outputPrefix + "' may only contain letters, digits and "
                                + "-_.!*'()/ (Transcribe's OutputKey rule)");
        }
        if (!outputBucket.isEmpty() && !BUCKET.matcher(outputBucket).matches()) {
            reader.problems.add("OUTPUT_BUCKET '" + outputBucket + "' is not a valid S3 bucket name for Transcribe "
                                + "output (lower-case letters, digits, '.' and '-')");
        }
        URI url = null;
        if (labelStudioUrl != null) {
            url = URI.create(labelStudioUrl.strip());
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                reader.problems.add("LABEL_STUDIO_URL must be an http(s) URL such as http://label-studio:8080, got '"
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
                reader.problems.add("LABEL_STUDIO_PROJECT_ID must be a positive number, got '" + projectId + "'");
            }
        }
        TaskLayout layout = null;
        try {
            layout = new TaskLayout(reader.optional("label-studio.from-name", "transcription"),
                    reader.optional("label-studio.to-name", "audio"),
                    reader.optional("label-studio.audio-variable", "audio"));
        } catch (IllegalArgumentException e) {
            reader.problems.add(e.getMessage());
        }
        BridgeSettings settings = new BridgeSettings(
                sourceBucket,
                reader.optional("source.prefix", ""),
                outputBucket,
                outputPrefix,
                reader.optional("transcribe.language-code", "en-US"),
                polling(reader),
                reader.millis("transcribe.max-wait-ms", Duration.ofHours(6).toMillis()),
                url,
                apiKey,
                project,
                reader.millis("label-studio.timeout-ms", 60_000),
                layout,
                reader.optional("label-studio.model-version", "amazon-transcribe"),
                Boolean.parseBoolean(reader.optional("s3.force-path-style", "false")),
                reader.millis("retry.initial-delay-ms", 2_000),
                reader.millis("retry.max-delay-ms", 120_000),
                reader.count("s3.keys-per-request", 1_000, 1_000),
                reader.count("transcribe.max-running-jobs", 100, 250));
        if (!reader.problems.isEmpty()) {
            throw new ConfigurationException(reader.problems);
        }
        return settings;
    }

    private static TranscriptionJobs.PollSchedule polling(Reader reader) {
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
            reader.problems.add("TRANSCRIBE_POLL_BACKOFF must be a number from 1 to 10, got '" + backoffText + "'");
        }
        if (max.compareTo(interval) < 0) {
            max = interval;
        }
        return new TranscriptionJobs.PollSchedule(first, interval, backoff, max);
    }

    /** {@code label-studio.api-key} → {@code LABEL_STUDIO_API_KEY}, the rule Camel uses for overrides. */
    public static String environmentName(String property) {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }

    private static final class Reader {
        private final Function<String, Optional<String>> properties;
        private final List<String> missing = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        Reader(Function<String, Optional<String>> properties) {
            this.properties = properties;
        }

        String required(String key) {
            Optional<String> value = properties.apply(key).map(String::strip).filter(v -> !v.isEmpty());
            if (value.isEmpty()) {
                missing.add(environmentName(key) + " (" + key + ")");
            }
            return value.orElse(null);
        }

        String optional(String key, String defaultValue) {
            return properties.apply(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(defaultValue);
        }

        int count(String key, int defaultValue, int max) {
            String value = optional(key, Integer.toString(defaultValue));
            try {
                int number = Integer.parseInt(value);
                if (number <= 0 || number > max) {
                    throw new NumberFormatException();
                }
                return number;
            } catch (NumberFormatException e) {
                problems.add(environmentName(key) + " must be a whole number from 1 to " + max + ", got '" + value + "'");
                return defaultValue;
            }
        }

        Duration millis(String key, long defaultValue) {
            String value = optional(key, Long.toString(defaultValue));
            try {
                long number = Long.parseLong(value);
                if (number <= 0) {
                    throw new NumberFormatException();
                }
                return Duration.ofMillis(number);
            } catch (NumberFormatException e) {
                problems.add(environmentName(key) + " must be a positive number of milliseconds, got '" + value + "'");
                return Duration.ofMillis(defaultValue);
            }
        }
    }
}
