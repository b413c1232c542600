package io.transcribebridge.testing.transcribe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.transcribebridge.testing.sqs.EventDelivery;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Amazon Transcribe batch API emulator (Start/Get/List/DeleteTranscriptionJob, Create/Update/GetVocabulary,
 * GetVocabularyFilter) speaking AWS JSON 1.1
 * over HTTP on 127.0.0.1, for the real SDK {@code TranscribeClient} with {@code endpointOverride}.
 *
 * <p>The media object is read at Start; its bytes, as UTF-8 text, script the job:
 * <ul>
 *   <li>0 bytes, {@code #corrupt}, {@code #unsupported}, {@code #samplerate}: FAILED with AWS's reason;</li>
 *   <li>{@code #silence}: COMPLETED with an empty transcript;</li>
 *   <li>{@code #transcript-json} + newline + a transcript JSON: COMPLETED with that file (jobName replaced);</li>
 *   <li>{@code #no-transcript}: COMPLETED without any output file, as if a lifecycle rule had deleted it;</li>
 *   <li>anything else is the speech: words 0.4 s apart from 0.5 s, {@code .,?!} as punctuation items,
 *       {@code word|0.42} for a confidence other than 0.98, one audio segment per sentence, {@code spk_1:} /
 *       {@code ch_1:} line prefixes for who speaks, {@code word|PII:NAME} for personal data, a first line
 *       {@code #language de-DE} for the language identified (full syntax in {@link MediaScript}).</li>
 * </ul>
 * <p>The request's features shape the transcript as Transcribe's would: speaker labels, channel identification,
 * language identification, PII redaction (the redacted transcript goes next to OutputKey as {@code redacted-<name>},
 * reported in {@code RedactedTranscriptFileUri}). Custom vocabularies and filters must exist first
 * ({@link #vocabulary}, {@link #vocabularyFilter}, or CreateVocabulary: PENDING, then READY or FAILED after
 * {@link #vocabularyProcessingTime}, see {@link CustomVocabularies}).
 * Status follows the wall clock (QUEUED for {@code queuedFor}, IN_PROGRESS for {@code runFor}), which
 * {@link #fastForward} can move on; the transcript is written to S3 the first time a job is seen COMPLETED,
 * before that answer is sent. With {@link #publishEventsTo} a scheduler also sends each job's "Transcribe Job State
 * Change" event to an SQS queue when the job ends (writing its transcript first), as an EventBridge rule would.
 */
public final class TranscribeEmulator implements AutoCloseable {

    public static final String ACCOUNT_ID = TranscriptionJobs.ACCOUNT_ID;
    private static final Logger LOG = LoggerFactory.getLogger(TranscribeEmulator.class);
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "Transcribe.";
    private static final int WORKER_THREADS = 16;

    static {
        // The JDK server writes response headers and body in separate packets; with Nagle's algorithm
        // on, every response then waits ~40 ms for the client's delayed ACK. The JDK reads this
        // property once, when the first HttpServer in the JVM starts (the pom also sets it for tests).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final EmulatorSettings settings = new EmulatorSettings();
    private final CustomVocabularies vocabularies;
    private final FaultInjector faults = new FaultInjector();
    private final CallStats stats = new CallStats();
    private final ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private final AdjustableClock clock = new AdjustableClock(Clock.systemUTC());
    private final TranscriptionJobs jobs;
    private final JobStateEvents events;
    private HttpServer server;
    private ExecutorService workers;

    public TranscribeEmulator(S3Client s3) {
        S3Access s3Access = new S3Access(s3);
        this.vocabularies = new CustomVocabularies(clock, s3Access, settings::region);
        this.events = new JobStateEvents(clock, settings, json, this::writeTranscriptIfDue);
        this.jobs = new TranscriptionJobs(settings, vocabularies, s3Access, json, clock, events::jobStarted);
    }

    /** Creates and starts an emulator with default settings. */
    public static TranscribeEmulator start(S3Client s3) {
        return new TranscribeEmulator(s3).start();
    }

    public synchronized TranscribeEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the Transcribe emulator", e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        workers = Executors.newFixedThreadPool(WORKER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "transcribe-emulator-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Time a new job spends QUEUED before IN_PROGRESS. Default 0. */
    public TranscribeEmulator queuedFor(Duration duration) {
        settings.queuedFor(duration);
        return this;
    }

    /** Time a new job spends IN_PROGRESS before it COMPLETES or FAILS. Default 1 s. */
    public TranscribeEmulator runFor(Duration duration) {
        settings.runFor(duration);
        return this;
    }

    /** Concurrent-job quota: QUEUED and IN_PROGRESS jobs count. Default 250. */
    public TranscribeEmulator maxRunningJobs(int max) {
        settings.maxRunningJobs(max);
        return this;
    }

    /**
     * Moves the emulator's clock forward: jobs already running are that much closer to their outcome (a job
     * started with {@code runFor(30 s)} completes at once after {@code fastForward(30 s)}). Timestamps in answers
     * follow the moved clock.
     */
    public TranscribeEmulator fastForward(Duration duration) {
        clock.advance(duration);
        events.clockMoved();
        return this;
    }

    /**
     * From now on, when a job reaches COMPLETED or FAILED (by the emulator's clock, {@link #fastForward} included),
     * sends the "Transcribe Job State Change" event an EventBridge rule with this SQS target would deliver:
     * {@code {"version":"0","id":…,"detail-type":"Transcribe Job State Change","source":"aws.transcribe",
     * "account":"123456789012","time":…,"region":…,"resources":[],"detail":{"TranscriptionJobName":…,
     * "TranscriptionJobStatus":"COMPLETED"}}}, plus {@code detail.FailureReason} for FAILED. The job's transcript is
     * written first, so it can be read as soon as the event is seen. Covers jobs already running; replaces an earlier
     * target. The returned delivery holds the knobs for AWS's best-effort delivery (drop, delay, duplicate) and the
     * counts of events sent.
     */
    public EventDelivery publishEventsTo(SqsClient sqs, String queueUrl) {
        return events.publishTo(sqs, queueUrl, jobs::running);
    }

    /** Makes a READY custom vocabulary exist (as CreateVocabulary would, once processed), for that language. */
    public TranscribeEmulator vocabulary(String name, String languageCode) {
        vocabularies.addVocabulary(name, languageCode);
        return this;
    }

    /**
     * How long a vocabulary stays PENDING after CreateVocabulary or UpdateVocabulary, by the emulator's clock
     * ({@link #fastForward} counts). Default 0: the answer says PENDING, the next GetVocabulary READY or FAILED.
     */
    public TranscribeEmulator vocabularyProcessingTime(Duration duration) {
        vocabularies.processingTime(duration);
        return this;
    }

    /** The state GetVocabulary would report now (PENDING, READY, FAILED), if the vocabulary exists. */
    public Optional<String> vocabularyState(String name) {
        return vocabularies.vocabularyState(name);
    }

    /** Makes a vocabulary filter exist (as CreateVocabularyFilter would), for recordings in that language. */
    public TranscribeEmulator vocabularyFilter(String name, String languageCode) {
        vocabularies.addFilter(name, languageCode);
        return this;
    }

    /** Region of the endpoint: requests must be signed for it, and it appears in transcript URIs. */
    public TranscribeEmulator region(String region) {
        settings.region(region);
        return this;
    }

    public String region() {
        return settings.region();
    }

    /** The emulator-owned bucket that jobs without OutputBucketName write to. */
    public String serviceBucket() {
        return OutputLocation.serviceBucketName(settings.region());
    }

    /**
     * The next {@code count} calls of {@code operation} (e.g. "StartTranscriptionJob") fail with
     * {@code errorType} (e.g. "ThrottlingException"; "InternalFailureException" answers HTTP 500).
     */
    public void failNext(String operation, int count, String errorType) {
        faults.failNext(operation, count, errorType);
    }

    /** That fraction of all later calls (seeded, so repeatable) is answered 400 ThrottlingException. */
    public void throttle(double fraction) {
        faults.throttle(fraction);
    }

    /** Calls received for an operation, counting rejected and failed ones. */
    public int calls(String operation) {
        return stats.calls(operation);
    }

    /** Calls answered with that error type, e.g. "ThrottlingException" (injected or not), of any operation. */
    public int errors(String errorType) {
        return stats.errors(errorType);
    }

    public int totalCalls() {
        return stats.total();
    }

    /** Most calls received within one wall-clock second. */
    public int peakCallsPerSecond() {
        return stats.peakPerSecond();
    }

    /** Most calls of one operation (e.g. "GetTranscriptionJob") received within one wall-clock second. */
    public int peakCallsPerSecond(String operation) {
        return stats.peakPerSecond(operation);
    }

    /** Calls of one operation received in each wall-clock second that had any: epoch second -> calls. */
    public SortedMap<Long, Integer> callsPerSecond(String operation) {
        return stats.perSecond(operation);
    }

    /**
     * When each existing (not deleted) job was created and when it reaches (or reached) COMPLETED or FAILED, by
     * the emulator's clock; oldest first.
     */
    public List<JobTimes> jobTimes() {
        return jobs.times();
    }

    /** A job's creation (the Start call) and the moment its status turns COMPLETED or FAILED. */
    public record JobTimes(String jobName, Instant created, Instant finished) {
    }

    /** Names of existing (not deleted) jobs, oldest first. */
    public List<String> jobNames() {
        return jobs.names();
    }

    /** Current status of a job, writing its transcript first if it just completed. */
    public Optional<String> status(String jobName) {
        return jobs.status(jobName);
    }

    @Override
    public synchronized void close() {
        events.close();
        if (server != null) {
            server.stop(0);
            workers.shutdownNow();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeTranscriptIfDue(TranscriptionJob job) {
        jobs.writeTranscriptIfDue(job);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            String errorType = null;
            JsonNode answer;
            try {
                answer = dispatch(exchange, body);
            } catch (TranscribeError e) {
                status = e.httpStatus();
                errorType = e.type();
                answer = errorBody(e.type(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Transcribe emulator failed on {}", exchange.getRequestHeaders().getFirst("X-Amz-Target"), e);
                status = 500;
                errorType = "InternalFailureException";
                answer = errorBody(errorType, "Emulator failure: " + e);
            }
            byte[] bytes = json.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", JSON_1_1);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            if (errorType != null) {
                stats.recordError(errorType);
                exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private JsonNode dispatch(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())
                || target == null || !target.startsWith(TARGET_PREFIX)) {
            throw TranscribeError.of("UnknownOperationException", null);
        }
        String operation = target.substring(TARGET_PREFIX.length());
        stats.record(operation);
        SignatureCheck.check(exchange.getRequestHeaders().getFirst("Authorization"), settings.region());
        Optional<TranscribeError> fault = faults.faultFor(operation);
        if (fault.isPresent()) {
            throw fault.get();
        }
        ObjectNode request = parse(body);
        return switch (operation) {
            case "StartTranscriptionJob" -> jobs.start(request);
            case "GetTranscriptionJob" -> jobs.get(request);
            case "ListTranscriptionJobs" -> jobs.list(request);
            case "DeleteTranscriptionJob" -> jobs.delete(request);
            case "CreateVocabulary" -> vocabularies.createVocabulary(request, json);
            case "UpdateVocabulary" -> vocabularies.updateVocabulary(request, json);
            case "GetVocabulary" -> vocabularies.getVocabulary(request, json, clock.instant());
            case "GetVocabularyFilter" -> vocabularies.getVocabularyFilter(request, json, clock.instant());
            default -> throw TranscribeError.of("UnknownOperationException", null);
        };
    }

    private ObjectNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // reported below
        }
        throw TranscribeError.of("SerializationException", "Request body is not a JSON object");
    }

    private ObjectNode errorBody(String type, String message) {
        ObjectNode error = json.createObjectNode();
        error.put("__type", type);
        if (message != null) {
            error.put("Message", message);
        }
        return error;
    }
}
