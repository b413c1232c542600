package io.transcribebridge.testing.transcribe;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Start / Get / List / Delete TranscriptionJob over an in-memory job table. */
final class TranscriptionJobs {

    static final String ACCOUNT_ID = "123456789012";
    private static final List<String> STATUSES = List.of("QUEUED", "IN_PROGRESS", "FAILED", "COMPLETED");
    private static final int DEFAULT_SAMPLE_RATE = 44_100;

    private final EmulatorSettings settings;
    private final CustomVocabularies vocabularies;
    private final S3Access s3;
    private final ObjectMapper json;
    private final MediaScript mediaScript;
    private final Clock clock;
    private final Consumer<TranscriptionJob> started;
    private final Map<String, TranscriptionJob> jobs = new ConcurrentHashMap<>();
    /** Guards the duplicate-name check, the running-job cap and insertion as one step. */
    private final Object admission = new Object();
    private long nextSequence;

    /** {@code started} hears of every job once it is in the table. */
    TranscriptionJobs(EmulatorSettings settings, CustomVocabularies vocabularies, S3Access s3, ObjectMapper json,
            Clock clock, Consumer<TranscriptionJob> started) {
        this.settings = settings;
        this.vocabularies = vocabularies;
        this.s3 = s3;
        this.json = json;
        this.mediaScript = new MediaScript(json);
        this.clock = clock;
        this.started = started;
    }

    ObjectNode start(ObjectNode body) {
        StartJobRequest request = StartJobRequest.from(body);
        StartJobValidator.validate(request, vocabularies);
        String name = request.jobName();
        if (jobs.containsKey(name)) {
            throw conflict();
        }
        MediaLocation media = MediaLocation.parse(request.mediaFileUri()).orElseThrow(TranscriptionJobs::noSuchMedia);
        // Read now: changing the object after Start must not change the job.
        byte[] bytes = s3.read(media).orElseThrow(TranscriptionJobs::noSuchMedia);
        if (request.outputBucketName() != null && !s3.bucketExists(request.outputBucketName())) {
            throw TranscribeError.badRequest("The specified S3 bucket does not exist. Check the OutputBucketName "
                    + "and try your request again.");
        }
        String region = settings.region();
        String detectedFormat = MediaScript.KNOWN_FORMATS.contains(media.extension()) ? media.extension() : null;
        String identified = request.languageCode() == null ? identifiedLanguage(request, bytes) : null;
        String language = identified == null ? request.languageCode() : identified;
        Outcome outcome = mediaScript.interpret(bytes, request, detectedFormat, ACCOUNT_ID, identified);
        OutputLocation output = OutputLocation.resolve(name, request.outputBucketName(), request.outputKey(),
                region, ACCOUNT_ID);
        String format = request.mediaFormat() != null ? request.mediaFormat() : detectedFormat;
        int sampleRate = request.mediaSampleRateHertz() != null ? request.mediaSampleRateHertz() : DEFAULT_SAMPLE_RATE;

        TranscriptionJob job;
        synchronized (admission) {
            if (jobs.containsKey(name)) {
                throw conflict();
            }
            Instant now = clock.instant();
            int max = settings.maxRunningJobs();
            if (runningJobs(now) >= max) {
                throw TranscribeError.of("LimitExceededException", "You have reached the limit of " + max
                        + " concurrent transcription jobs. Wait for running jobs to finish and try your request"
                        + " again.");
            }
            job = new TranscriptionJob(nextSequence++, request, now, settings.queuedFor(), settings.runFor(),
                    format, sampleRate, language, output, outcome);
            jobs.put(name, job);
        }
        started.accept(job);
        return wrap(JobJson.job(job, job.created(), job.initialStatus()));
    }

    ObjectNode get(ObjectNode body) {
        TranscriptionJob job = existing(jobName(body));
        Instant now = clock.instant();
        job.writeTranscriptIfDue(now, this::writeTranscript);
        return wrap(JobJson.job(job, now, job.status(now)));
    }

    ObjectNode list(ObjectNode body) {
        String status = body.hasNonNull("Status") ? body.get("Status").asText() : null;
        String nameContains = body.hasNonNull("JobNameContains") ? body.get("JobNameContains").asText() : null;
        Integer maxResults = body.hasNonNull("MaxResults") ? body.get("MaxResults").asInt() : null;
        String nextToken = body.hasNonNull("NextToken") ? body.get("NextToken").asText() : null;
        ValidationErrors errors = new ValidationErrors();
        errors.oneOf(status, "status", STATUSES);
        errors.length(nameContains, "jobNameContains", 1, 200);
        errors.range(maxResults, "maxResults", 1, 100);
        errors.length(nextToken, "nextToken", 0, 8192);
        errors.throwIfAny();
        long before = nextToken == null ? Long.MAX_VALUE : decodeToken(nextToken);
        int limit = maxResults == null ? 5 : maxResults;

        Instant now = clock.instant();
        String needle = nameContains == null ? null : nameContains.toLowerCase(Locale.ROOT);
        List<TranscriptionJob> matching = jobs.values().stream()
                .filter(job -> job.sequence() < before)
                .filter(job -> needle == null || job.name().toLowerCase(Locale.ROOT).contains(needle))
                .filter(job -> status == null || status.equals(job.status(now)))
                .sorted(Comparator.comparingLong(TranscriptionJob::sequence).reversed())
                .limit(limit + 1L)
                .toList();
        List<TranscriptionJob> page = matching.subList(0, Math.min(limit, matching.size()));

        ObjectNode response = json.createObjectNode();
        if (status != null) {
            response.put("Status", status);
        }
        if (matching.size() > limit) {
            response.put("NextToken", encodeToken(page.get(page.size() - 1).sequence()));
        }
        ArrayNode summaries = response.putArray("TranscriptionJobSummaries");
        for (TranscriptionJob job : page) {
            job.writeTranscriptIfDue(now, this::writeTranscript);
            summaries.add(JobJson.summary(job, now));
        }
        return response;
    }

    ObjectNode delete(ObjectNode body) {
        String name = jobName(body);
        TranscriptionJob job = existing(name);
        Instant now = clock.instant();
        if (!job.isTerminal(now)) {
            throw TranscribeError.badRequest("The transcription job is not in a terminal state (COMPLETED or "
                    + "FAILED). Wait for it to finish and try your request again.");
        }
        // A finished job's transcript exists in AWS whether or not anyone looked; deleting keeps it.
        job.writeTranscriptIfDue(now, this::writeTranscript);
        if (!jobs.remove(name, job)) {
            throw TranscribeError.badRequest(TranscribeError.JOB_NOT_FOUND);
        }
        return json.createObjectNode();
    }

    /** Jobs that have not reached COMPLETED or FAILED yet. */
    List<TranscriptionJob> running() {
        Instant now = clock.instant();
        return jobs.values().stream().filter(job -> !job.isTerminal(now)).toList();
    }

    /** Writes a finished job's transcript, as the first Get after its completion would. */
    void writeTranscriptIfDue(TranscriptionJob job) {
        job.writeTranscriptIfDue(clock.instant(), this::writeTranscript);
    }

    List<String> names() {
        return jobs.values().stream()
                .sorted(Comparator.comparingLong(TranscriptionJob::sequence))
                .map(TranscriptionJob::name)
                .toList();
    }

    List<TranscribeEmulator.JobTimes> times() {
        return jobs.values().stream()
                .sorted(Comparator.comparingLong(TranscriptionJob::sequence))
                .map(job -> new TranscribeEmulator.JobTimes(job.name(), job.created(), job.completionTime()))
                .toList();
    }

    Optional<String> status(String name) {
        TranscriptionJob job = jobs.get(name);
        if (job == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        job.writeTranscriptIfDue(now, this::writeTranscript);
        return Optional.of(job.status(now));
    }

    private static String jobName(ObjectNode body) {
        String name = body.hasNonNull("TranscriptionJobName") ? body.get("TranscriptionJobName").asText() : null;
        ValidationErrors errors = new ValidationErrors();
        errors.notNull(name, "transcriptionJobName");
        errors.length(name, "transcriptionJobName", 1, 200);
        errors.throwIfAny();
        return name;
    }

    private TranscriptionJob existing(String name) {
        TranscriptionJob job = jobs.get(name);
        if (job == null) {
            throw TranscribeError.badRequest(TranscribeError.JOB_NOT_FOUND);
        }
        return job;
    }

    private int runningJobs(Instant now) {
        int running = 0;
        for (TranscriptionJob job : jobs.values()) {
            if (!job.isTerminal(now)) {
                running++;
            }
        }
        return running;
    }

    private void writeTranscript(OutputLocation location, byte[] transcriptFile) {
        s3.write(location, transcriptFile);
    }

    private ObjectNode wrap(ObjectNode job) {
        ObjectNode response = json.createObjectNode();
        response.set("TranscriptionJob", job);
        return response;
    }

    /** The script's {@code #language} when it is a candidate, else the first LanguageOptions entry (or en-US). */
    private static String identifiedLanguage(StartJobRequest request, byte[] media) {
        List<String> options = request.languageOptions();
        return MediaScript.languageDirective(media)
                .filter(language -> options.isEmpty() || options.contains(language))
                .orElse(options.isEmpty() ? "en-US" : options.get(0));
    }

    private static TranscribeError conflict() {
        return TranscribeError.of("ConflictException", "The requested job name already exists. Use a different job name.");
    }

    private static TranscribeError noSuchMedia() {
        return TranscribeError.badRequest("The URI that you provided doesn't point to an S3 object. Make sure that the "
                + "object exists and try your request again.");
    }

    private static String encodeToken(long sequence) {
        return Base64.getEncoder().encodeToString(("jobs-before:" + sequence).getBytes(StandardCharsets.UTF_8));
    }

    private static long decodeToken(String token) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("jobs-before:")) {
                return Long.parseLong(decoded.substring("jobs-before:".length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw TranscribeError.badRequest("The NextToken you provided is not valid. Check the token and try your "
                + "request again.");
    }
}
