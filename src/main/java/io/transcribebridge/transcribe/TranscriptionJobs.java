package io.transcribebridge.transcribe;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.progress.OutputLayout;

import software.amazon.awssdk.services.transcribe.model.ContentRedaction;
import software.amazon.awssdk.services.transcribe.model.GetTranscriptionJobResponse;
import software.amazon.awssdk.services.transcribe.model.LanguageIdSettings;
import software.amazon.awssdk.services.transcribe.model.Media;
import software.amazon.awssdk.services.transcribe.model.RedactionOutput;
import software.amazon.awssdk.services.transcribe.model.RedactionType;
import software.amazon.awssdk.services.transcribe.model.Settings;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.Transcript;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;

/**
 * Builds the Transcribe requests for a source object and decides how long to keep waiting for a job.
 */
public final class TranscriptionJobs {

    private final String languageCode;
    private final TranscribeFeatures features;
    private final OutputLayout output;
    private final Duration maxWait;
    private final PollSchedule polling;
    private final Clock clock;

    /** When to poll a job: first after {@code firstPoll}, then every {@code interval} x backoff^n, at most max. */
    public record PollSchedule(Duration firstPoll, Duration interval, double backoff, Duration maxInterval) {

        /** The defaults of config/application.properties. */
        public static final PollSchedule DEFAULT = new PollSchedule(Duration.ofSeconds(10), Duration.ofSeconds(10),
                1.5, Duration.ofMinutes(1));

        /** No delay between polls: something else does the waiting (the jobWaiter, with job events). */
        public static final PollSchedule IMMEDIATE = new PollSchedule(Duration.ZERO, Duration.ZERO, 1, Duration.ZERO);
    }

    public TranscriptionJobs(String languageCode, OutputLayout output, Duration maxWait, Clock clock) {
        this(languageCode, TranscribeFeatures.NONE, output, maxWait, PollSchedule.DEFAULT, clock);
    }

    public TranscriptionJobs(String languageCode, TranscribeFeatures features, OutputLayout output, Duration maxWait,
                             Clock clock) {
        this(languageCode, features, output, maxWait, PollSchedule.DEFAULT, clock);
    }

    public TranscriptionJobs(String languageCode, TranscribeFeatures features, OutputLayout output, Duration maxWait,
                             PollSchedule polling,
                             Clock clock) {
        this.languageCode = languageCode;
        this.features = features;
        this.output = output;
        this.maxWait = maxWait;
        this.polling = polling;
        this.clock = clock;
    }

    /**
     * The job for one object version, with the configured features: exactly one of LanguageCode and
     * IdentifyLanguage (+ LanguageOptions, and LanguageIdSettings for per-language vocabularies and filters);
     * Settings only when a feature needs them.
     */
    public StartTranscriptionJobRequest startRequest(SourceObject source, String jobName) {
        StartTranscriptionJobRequest.Builder request = StartTranscriptionJobRequest.builder()
                .transcriptionJobName(jobName)
                .media(Media.builder().mediaFileUri(source.uri()).build())
                .outputBucketName(output.bucket())
                .outputKey(transcriptKey(jobName));
        Settings.Builder settings = Settings.builder();
        boolean anySettings = false;
        if (features.identifyLanguage()) {
            request.identifyLanguage(true).languageOptionsWithStrings(features.languageOptions());
            Map<String, LanguageIdSettings> perLanguage = languageIdSettings();
            if (!perLanguage.isEmpty()) {
                request.languageIdSettingsWithStrings(perLanguage);
            }
        } else {
            request.languageCode(languageCode);
            String vocabulary = features.vocabularies().get(languageCode);
            String filter = features.vocabularyFilters().get(languageCode);
            if (vocabulary != null) {
                settings.vocabularyName(vocabulary);
                anySettings = true;
            }
            if (filter != null) {
                settings.vocabularyFilterName(filter);
                anySettings = true;
            }
        }
        if (features.vocabularyFilterMethod() != null && !features.vocabularyFilters().isEmpty()) {
            settings.vocabularyFilterMethod(features.vocabularyFilterMethod());
            anySettings = true;
        }
        if (features.speakerLabels()) {
            settings.showSpeakerLabels(true).maxSpeakerLabels(features.maxSpeakerLabels());
            anySettings = true;
        }
        if (features.channelIdentification()) {
            settings.channelIdentification(true);
            anySettings = true;
        }
        if (anySettings) {
            request.settings(settings.build());
        }
        if (features.redactPii()) {
            ContentRedaction.Builder redaction = ContentRedaction.builder()
                    .redactionType(RedactionType.PII)
                    .redactionOutput(RedactionOutput.REDACTED);
            if (!features.piiEntityTypes().isEmpty()) {
                redaction.piiEntityTypesWithStrings(features.piiEntityTypes());
            }
            request.contentRedaction(redaction.build());
        }
        return request.build();
    }

    private Map<String, LanguageIdSettings> languageIdSettings() {
        Map<String, LanguageIdSettings> perLanguage = new LinkedHashMap<>();
        for (String language : features.languageOptions()) {
            String vocabulary = features.vocabularies().get(language);
            String filter = features.vocabularyFilters().get(language);
            if (vocabulary != null || filter != null) {
                perLanguage.put(language, LanguageIdSettings.builder()
                        .vocabularyName(vocabulary)
                        .vocabularyFilterName(filter)
                        .build());
            }
        }
        return perLanguage;
    }

    /** Ends in {@code .json}, so Transcribe uses it as the exact object key rather than as a folder. */
    public String transcriptKey(String jobName) {
        return output.transcriptKey(jobName);
    }

    /**
     * Delay before poll number {@code index} (0-based) of one job: the first after {@code firstPoll}, then
     * {@code interval}, growing by {@code backoff} each time up to {@code maxInterval}.
     */
    public long pollDelay(int index) {
        if (index <= 0) {
            return polling.firstPoll().toMillis();
        }
        double delay = polling.interval().toMillis() * Math.pow(polling.backoff(), index - 1);
        return (long) Math.min(delay, polling.maxInterval().toMillis());
    }

    /**
     * The key to read a COMPLETED job's transcript from. Normally the OutputKey it was started with. A job with
     * PII redaction reports where its redacted transcript is in {@code RedactedTranscriptFileUri} (AWS does not
     * document that file's name, and client code suggests a {@code redacted-} prefix), so the key comes from that
     * URI, as long as it points into the output bucket under the transcripts prefix: the S3 client still reads it,
     * the URI is never fetched.
     */
    public String completedTranscriptKey(String jobName, GetTranscriptionJobResponse response) {
        Transcript transcript = response == null || response.transcriptionJob() == null ? null
                : response.transcriptionJob().transcript();
        String redacted = transcript == null ? null : transcript.redactedTranscriptFileUri();
        if (redacted != null) {
            String key = keyInOutputBucket(redacted);
            if (key != null) {
                return key;
            }
        }
        return transcriptKey(jobName);
    }

    /**
     * {@code https://s3.<region>.amazonaws.com/<bucket>/<key>} (path style, what Transcribe reports),
     * {@code https://<bucket>.s3.<region>.amazonaws.com/<key>} or {@code s3://<bucket>/<key>}.
     */
    private String keyInOutputBucket(String uriText) {
        URI uri;
        try {
            uri = URI.create(uriText);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String path = uri.getPath();
        String host = uri.getHost() == null ? "" : uri.getHost();
        if ("s3".equals(uri.getScheme()) || host.startsWith(output.bucket() + ".s3.")) {
            path = "/" + output.bucket() + (path == null ? "" : path);
            if ("s3".equals(uri.getScheme()) && !host.equals(output.bucket())) {
                return null;
            }
        } else if (!Set.of("http", "https").contains(uri.getScheme())) {
            return null;
        }
        String prefix = "/" + output.bucket() + "/";
        if (path == null || !path.startsWith(prefix)) {
            return null;
        }
        String key = path.substring(prefix.length());
        return key.startsWith(output.transcriptsPrefix()) && key.endsWith(".json") ? key : null;
    }

    public Instant deadline() {
        return clock.instant().plus(maxWait);
    }

    /**
     * The wait limit counts from the job's creation, so a job adopted after a restart is not granted a fresh limit.
     */
    public Instant deadlineOf(GetTranscriptionJobResponse response, Instant current) {
        Instant created = response.transcriptionJob().creationTime();
        return created == null ? current : created.plus(maxWait);
    }

    public boolean keepWaiting(String status, Instant deadline) {
        return !isTerminal(status) && clock.instant().isBefore(deadline);
    }

    public boolean timedOut(Instant deadline) {
        return !clock.instant().isBefore(deadline);
    }

    public String status(GetTranscriptionJobResponse response) {
        return response.transcriptionJob().transcriptionJobStatusAsString();
    }

    public boolean failed(GetTranscriptionJobResponse response) {
        return TranscriptionJobStatus.FAILED == response.transcriptionJob().transcriptionJobStatus();
    }

    public String failureReason(GetTranscriptionJobResponse response) {
        String reason = response.transcriptionJob().failureReason();
        return "Transcribe job FAILED: " + (reason == null || reason.isBlank() ? "no reason given" : reason);
    }

    public String timeoutReason(String jobName, String status) {
        return "Transcribe job " + jobName + " was still " + status + " after " + maxWait
               + "; stopped waiting for it";
    }

    public static boolean isTerminal(String status) {
        return TranscriptionJobStatus.COMPLETED.toString().equals(status)
               || TranscriptionJobStatus.FAILED.toString().equals(status);
    }
}
