package io.transcribebridge.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.transcribebridge.failure.FailureClass;
import io.transcribebridge.intake.BucketListing;
import io.transcribebridge.intake.InFlightCap;
import io.transcribebridge.transcript.TranscriptToTaskProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.util.ObjectHelper;
import software.amazon.awssdk.services.transcribe.model.GetTranscriptionJobResponse;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJob;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;

/**
 * The service's own meters, all {@code transcribe_bridge_*} in Prometheus. Every meter, with every value of its
 * labels, is registered here at start-up, so each name is exported (at 0) before the first object arrives. Labels
 * only take values from small fixed sets: never an S3 key or a job name.
 */
public final class BridgeMetrics {

    /** The pipeline stages of the routes' {@code stage} property, the {@code stage} label of the retry counter. */
    public static final List<String> STAGES = List.of("claim", "transcribe-start", "transcribe-wait",
            "read-transcript", "convert", "import");
    /** The {@code status_class} label of Label Studio import errors: no HTTP answer at all is {@code none}. */
    public static final List<String> STATUS_CLASSES = List.of("4xx", "5xx", "none");

    private static final String PREFIX = "transcribe.bridge.";
    private static final String OTHER = "other";

    private final Counter jobsStarted;
    private final Counter jobsAdopted;
    private final Counter jobsCompleted;
    private final Map<FailureClass, Counter> jobsFailed = new EnumMap<>(FailureClass.class);
    private final Map<TranscriptionJobStatus, Timer> jobDuration = new EnumMap<>(TranscriptionJobStatus.class);
    private final Counter audioSeconds;
    private final Timer conversion;
    private final Timer importRequests;
    private final Map<String, Counter> importErrors = new LinkedHashMap<>();
    private final Counter objectsImported;
    private final Map<String, Counter> retries = new LinkedHashMap<>();
    private final Counter failureRecords;

    public BridgeMetrics(MeterRegistry registry, BucketListing listing, InFlightCap cap, int maxInFlight) {
        FunctionCounter.builder(PREFIX + "objects.seen", listing, BucketListing::newVersions)
                .description("New object versions found in the source bucket and queued for transcription")
                .register(registry);
        Gauge.builder(PREFIX + "objects.unsupported", listing, BucketListing::unsupportedInLastPass)
                .description("Objects the last complete listing pass skipped: not a format Transcribe accepts")
                .register(registry);
        Gauge.builder(PREFIX + "objects.in.flight", cap, InFlightCap::inFlight)
                .description("Objects between intake and the end of their Transcribe job (the job slots in use)")
                .register(registry);
        Gauge.builder(PREFIX + "objects.in.flight.limit", () -> maxInFlight)
                .description("transcribe.max-running-jobs: objects in flight at most")
                .register(registry);
        jobsStarted = counter(registry, "jobs.started", "Transcribe jobs started (StartTranscriptionJob accepted)");
        jobsAdopted = counter(registry, "jobs.adopted",
                "Transcribe jobs that existed already (started before a restart) and were adopted");
        jobsCompleted = counter(registry, "jobs.completed", "Transcribe jobs that ended COMPLETED");
        for (FailureClass reason : FailureClass.values()) {
            jobsFailed.put(reason, Counter.builder(PREFIX + "jobs.failed")
                    .description("Objects that failed for good (a failure record is due), by reason class")
                    .tag("reason", reason.label())
                    .register(registry));
        }
        for (TranscriptionJobStatus status : List.of(TranscriptionJobStatus.COMPLETED,
                TranscriptionJobStatus.FAILED)) {
            jobDuration.put(status, Timer.builder(PREFIX + "transcribe.job.duration")
                    .description("Transcribe job duration, from its CreationTime to its CompletionTime")
                    .tag("status", status.toString())
                    .serviceLevelObjectives(minutes(1), minutes(2), minutes(5), minutes(10), minutes(30),
                            minutes(60), minutes(120), minutes(240))
                    .register(registry));
        }
        audioSeconds = Counter.builder(PREFIX + "audio.transcribed")
                .description("Seconds of audio in the transcripts converted into tasks")
                .baseUnit("seconds")
                .register(registry);
        conversion = Timer.builder(PREFIX + "conversion")
                .description("Time to turn one transcript into a Label Studio task")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
        importRequests = Timer.builder(PREFIX + "labelstudio.import.requests")
                .description("Label Studio import requests (one batch of tasks, with its look-up of existing "
                             + "tasks when needed), successful or not")
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))
                .register(registry);
        for (String statusClass : STATUS_CLASSES) {
            importErrors.put(statusClass, Counter.builder(PREFIX + "labelstudio.import.errors")
                    .description("Label Studio import requests that failed, by HTTP status class (none: no answer)")
                    .tag("status_class", statusClass)
                    .register(registry));
        }
        objectsImported = counter(registry, "objects.imported",
                "Objects whose task is in Label Studio and whose completion marker is written");
        for (String stage : Stream.concat(STAGES.stream(), Stream.of(OTHER)).toList()) {
            retries.put(stage, Counter.builder(PREFIX + "retries")
                    .description("Retries of a failed step (outages, Transcribe throttling and job quota), by stage")
                    .tag("stage", stage)
                    .register(registry));
        }
        failureRecords = counter(registry, "failure.records.written", "Failure records written to the output bucket");
    }

    /**
     * The registry {@code /observe/metrics} serves: camel-main's (camel-micrometer-prometheus) if it made one already,
     * else a new one bound where it looks for one first.
     */
    public static MeterRegistry prometheusRegistry(Registry registry) {
        PrometheusMeterRegistry existing = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                PrometheusMeterRegistry.class);
        if (existing != null) {
            return existing;
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, created);
        return created;
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(PREFIX + name).description(description).register(registry);
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    public void jobStarted() {
        jobsStarted.increment();
    }

    public void jobAdopted() {
        jobsAdopted.increment();
    }

    /** After the wait for a job: counts and times it if it ended (COMPLETED or FAILED), else does nothing. */
    public void jobEnded(Object lastStatus) {
        if (!(lastStatus instanceof GetTranscriptionJobResponse response) || response.transcriptionJob() == null) {
            return;
        }
        TranscriptionJob job = response.transcriptionJob();
        Timer timer = jobDuration.get(job.transcriptionJobStatus());
        if (timer == null) {
            return;
        }
        if (job.transcriptionJobStatus() == TranscriptionJobStatus.COMPLETED) {
            jobsCompleted.increment();
        }
        Instant created = job.creationTime();
        Instant completed = job.completionTime();
        if (created != null && completed != null && !completed.isBefore(created)) {
            timer.record(Duration.between(created, completed));
        }
    }

    /** An object failed for good: counted by the class the routes set ({@link FailureClass#PROPERTY}) or its error. */
    public void jobFailed(Exchange exchange) {
        FailureClass reason = FailureClass.of(exchange.getProperty(FailureClass.PROPERTY, String.class),
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        jobsFailed.get(reason).increment();
    }

    public void failureRecordWritten() {
        failureRecords.increment();
    }

    public void objectImported() {
        objectsImported.increment();
    }

    /** The transcript-to-task processor, timed, and counting the audio seconds of what it converted. */
    public Processor measureConversion(Processor transcriptToTask) {
        return exchange -> {
            long started = System.nanoTime();
            transcriptToTask.process(exchange);
            conversion.record(Duration.ofNanos(System.nanoTime() - started));
            Double seconds = exchange.getProperty(TranscriptToTaskProcessor.AUDIO_SECONDS, Double.class);
            if (seconds != null && seconds > 0) {
                audioSeconds.increment(seconds);
            }
        };
    }

    /** One Label Studio import request ({@link io.transcribebridge.labelstudio.ImportBatcher.RequestListener}). */
    public void labelStudioImport(Duration took, Exception error) {
        importRequests.record(took);
        if (error != null) {
            importErrors.get(statusClass(error)).increment();
        }
    }

    static String statusClass(Throwable error) {
        HttpOperationFailedException http = ObjectHelper.getException(HttpOperationFailedException.class, error);
        return http == null ? "none" : http.getStatusCode() >= 500 ? "5xx" : "4xx";
    }

    /** Counts Camel's redeliveries (every retry of a failed step) by the stage the exchange was in. */
    public EventNotifier retryCounter() {
        return new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeRedeliveryEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                String stage = ((CamelEvent.ExchangeRedeliveryEvent) event).getExchange()
                        .getProperty("stage", OTHER, String.class);
                retries.getOrDefault(stage, retries.get(OTHER)).increment();
            }
        };
    }
}
