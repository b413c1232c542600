package io.transcribebridge.config;

import java.net.http.HttpClient;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.VertxOptions;
import io.transcribebridge.claims.Claims;
import io.transcribebridge.claims.ClaimsWiring;
import io.transcribebridge.doctor.Diagnosis;
import io.transcribebridge.doctor.Doctor;
import io.transcribebridge.events.EventSettings;
import io.transcribebridge.events.EventsWiring;
import io.transcribebridge.failure.FailureReasons;
import io.transcribebridge.failure.RetryLog;
import io.transcribebridge.failure.TransientErrors;
import io.transcribebridge.failure.ThrottlingBackoff;
import io.transcribebridge.health.ReadinessChecks;
import io.transcribebridge.intake.BucketListing;
import io.transcribebridge.intake.InFlightCap;
import io.transcribebridge.intake.IntakeFilter;
import io.transcribebridge.intake.TrackedObject;
import io.transcribebridge.labelstudio.LabelStudioAuth;
import io.transcribebridge.labelstudio.LabelStudioAuthHandler;
import io.transcribebridge.labelstudio.ImportBatcher;
import io.transcribebridge.labelstudio.LabelStudioTasks;
import io.transcribebridge.labelstudio.LabelStudioUrls;
import io.transcribebridge.metrics.BridgeMetrics;
import io.transcribebridge.progress.OutputLayout;
import io.transcribebridge.progress.ProgressLedger;
import io.transcribebridge.progress.ProgressRecords;
import io.transcribebridge.review.ReviewWiring;
import io.transcribebridge.transcribe.TranscriptionJobs;
import io.transcribebridge.transcript.OutputPlan;
import io.transcribebridge.transcript.TaskFactory;
import io.transcribebridge.transcript.TranscriptParser;
import io.transcribebridge.transcript.TranscriptToTaskProcessor;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.transcribe.TranscribeClient;

/**
 * Binds the beans the route files refer to ({@code #s3Client}, {@code transcriptionJobs}, ...). Runs before the
 * routes are loaded, and first of all runs the start-up {@link Doctor}, so a bad configuration, missing access or a
 * Label Studio project that cannot hold a transcript stops the service before anything is consumed. The project's
 * labeling config decides the {@link OutputPlan} (bound as {@code outputPlan}).
 */
public class BridgeConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        var properties = context.getPropertiesComponent();
        // The start-up doctor: every check in plain words before anything is bound or consumed. Fatal findings stop
        // the service (ConfigurationException: exit code 2); warnings are logged once. Waits while Label Studio is
        // not reachable yet.
        Diagnosis diagnosis = Doctor.forStartup(properties::resolveProperty).run();
        diagnosis.log();
        diagnosis.requireStartable();
        BridgeSettings settings = diagnosis.settings().orElseThrow();
        OutputPlan outputPlan = diagnosis.outputPlan().orElseThrow();
        // derived once here so route files need not normalise URLs
        properties.addInitialProperty("label-studio.import-uri",
                LabelStudioUrls.importUri(settings.labelStudioUrl(), settings.labelStudioProjectId()).toString());

        ObjectMapper mapper = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        Registry registry = context.getRegistry();

        // the Transcribe budgets as one permit every n ms: evenly spread, so no second holds more than the budget
        properties.addInitialProperty("transcribe.start-permit-ms",
                Long.toString(permitMillis(settings.transcribeStartsPerSecond())));
        properties.addInitialProperty("transcribe.get-permit-ms",
                Long.toString(permitMillis(settings.transcribeGetsPerSecond())));
        properties.addInitialProperty("label-studio.tasks-uri",
                LabelStudioUrls.resolve(settings.labelStudioUrl(), "/api/tasks/").toString());

        registry.bind("bridgeSettings", settings);
        // The management server (/observe/health, /live, /ready) creates its Vert.x instance from these options. It
        // answers on worker threads, and a Vert.x worker pool starts a new thread per request until it is full (20 by
        // default): periodic probes alone would add 20 threads. Probes need one or two.
        registry.bind("managementVertxOptions",
                new VertxOptions().setWorkerPoolSize(2).setEventLoopPoolSize(1).setInternalBlockingPoolSize(2));
        S3Client s3 = s3Client(settings);
        registry.bind("s3Client", s3);
        OutputLayout output = new OutputLayout(settings.outputBucket(), settings.outputPrefix());
        // region, credentials and endpoint (AWS_ENDPOINT_URL_TRANSCRIBE) come from the SDK's standard chains
        registry.bind("transcribeClient", TranscribeClient.builder().build());

        ProgressLedger ledger = new ProgressLedger(s3, output);
        // a service of the context: reads the finished versions in the background; listing passes wait for it
        context.addService(ledger);
        registry.bind("progressLedger", ledger);
        Claims claims = ClaimsWiring.bind(context, s3, output, ledger, mapper, clock,
                BridgeMetrics.prometheusRegistry(registry));
        BucketListing listing = new BucketListing(s3, settings.sourceBucket(), settings.sourcePrefix(),
                settings.s3KeysPerRequest(), new IntakeFilter(settings.outputBucket(), settings.outputPrefix()),
                ledger, claims::knownHeldElsewhere);
        registry.bind("bucketListing", listing);
        registry.bind("trackedObject", new TrackedObject(listing));
        // the throttles park waiting calls here: a few threads for all jobs instead of a pool of 10 per throttle
        registry.bind("transcribeBudgetScheduler",
                context.getExecutorServiceManager().newScheduledThreadPool(this, "Transcribe budget", 2));
        InFlightCap jobCap = new InFlightCap(settings.transcribeMaxRunningJobs());
        registry.bind("jobCap", jobCap);
        BridgeMetrics metrics = new BridgeMetrics(BridgeMetrics.prometheusRegistry(registry), listing, jobCap,
                settings.transcribeMaxRunningJobs());
        registry.bind("bridgeMetrics", metrics);
        EventSettings events = EventsWiring.bind(context, settings, mapper, ledger, claims,
                BridgeMetrics.prometheusRegistry(registry));
        context.getManagementStrategy().addEventNotifier(metrics.retryCounter());
        ReadinessChecks.bind(registry, settings, s3, mapper, clock);
        registry.bind("progressRecords",
                new ProgressRecords(mapper, output, settings.labelStudioProjectId(), clock));
        registry.bind("transientErrors", new TransientErrors());
        registry.bind("throttlingBackoff",
                new ThrottlingBackoff(settings.retryInitialDelay(), settings.retryMaxDelay()));
        // with job events the jobWaiter waits (for the event, or the fallback poll) and the delayer does not
        registry.bind("transcriptionJobs", new TranscriptionJobs(settings.languageCode(),
                settings.transcribeFeatures(), output, settings.transcribeMaxWait(),
                events.transcribeQueue().isPresent() ? TranscriptionJobs.PollSchedule.IMMEDIATE
                        : settings.transcribePolling(), clock));

        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.labelStudioTimeout()).build();
        registry.bind("outputPlan", outputPlan);
        registry.bind("transcriptToTask", metrics.measureConversion(new TranscriptToTaskProcessor(mapper,
                new TranscriptParser(mapper), new TaskFactory(mapper, outputPlan, settings.modelVersion()))));

        LabelStudioAuth auth = new LabelStudioAuth(settings.labelStudioUrl(), settings.labelStudioApiKey(), http,
                mapper, clock, settings.labelStudioTimeout());
        registry.bind("labelStudioAuth", new LabelStudioAuthHandler(auth));
        ReviewWiring.bind(context, settings, s3, output, mapper, clock, http, auth,
                BridgeMetrics.prometheusRegistry(registry));
        registry.bind("labelStudioTasks", new LabelStudioTasks(mapper, settings.labelStudioProjectId()));
        ImportBatcher batcher = new ImportBatcher(context, "direct:labelstudio-import-batch",
                settings.labelStudioBatchSize(), settings.labelStudioBatchMaxBytes(), settings.labelStudioBatchWait(),
                metrics::labelStudioImport);
        context.addService(batcher);
        registry.bind("importBatcher", batcher);
        FailureReasons failureReasons = new FailureReasons(auth.kind());
        registry.bind("failureReasons", failureReasons);
        registry.bind("retryLog", new RetryLog(failureReasons));

        LOG.info("Watching s3://{}/{} -> Transcribe ({}) -> Label Studio {} project {} using a {}",
                settings.sourceBucket(), settings.sourcePrefix(), settings.transcribeFeatures().identifyLanguage()
                        ? "identifying " + String.join("/", settings.transcribeFeatures().languageOptions())
                        : settings.languageCode(),
                settings.labelStudioUrl(), settings.labelStudioProjectId(), auth.kind().description());
    }

    private static long permitMillis(int perSecond) {
        return (1000 + perSecond - 1) / perSecond;
    }

    private static S3Client s3Client(BridgeSettings settings) {
        return s3ClientBuilder(settings).build();
    }

    /** The service's S3 client settings; region, credentials and endpoint from the SDK's chains unless set. */
    public static S3ClientBuilder s3ClientBuilder(BridgeSettings settings) {
        // Checksums only where S3 requires them: S3-compatible stores (MinIO, LocalStack, S3Proxy) reject the
        // SDK's default trailing checksums, and AWS S3 accepts either.
        return S3Client.builder()
                .forcePathStyle(settings.s3ForcePathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
}
