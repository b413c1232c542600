package io.transcribebridge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import io.transcribebridge.testing.EventQueues;
import io.transcribebridge.testing.PackagedServiceTestSupport;
import io.transcribebridge.testing.ServiceProcess;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.testing.s3.S3EventFormat;
import io.transcribebridge.testing.sqs.EmbeddedSqs;
import io.transcribebridge.testing.transcribe.TranscribeEmulator;

/**
 * The S3 (S3Proxy), Transcribe and Label Studio emulators on loopback, shared by the benchmark's phases, and the
 * environment that points the packaged service at them; SQS with event queues on request ({@link #eventQueues}).
 */
final class BenchEmulators implements AutoCloseable {

    final EmbeddedS3 s3;
    /** Replaced by {@link #freshTranscribeAndLabelStudio()}. */
    TranscribeEmulator transcribe;
    LabelStudioEmulator labelStudio;
    private final BenchSettings settings;
    private EmbeddedSqs sqs;

    BenchEmulators(BenchSettings settings) {
        this.settings = settings;
        this.s3 = EmbeddedS3.start();
        this.transcribe = newTranscribe();
        this.labelStudio = LabelStudioEmulator.start();
    }

    private TranscribeEmulator newTranscribe() {
        return TranscribeEmulator.start(s3.client()).runFor(settings.jobDuration())
                .maxRunningJobs(settings.emulatorQuota());
    }

    /**
     * New Transcribe and Label Studio emulators (on new ports) in place of the current ones, so that a phase's calls,
     * jobs and per-second figures are its own; services started afterwards use them.
     */
    void freshTranscribeAndLabelStudio() {
        transcribe.close();
        labelStudio.close();
        transcribe = newTranscribe();
        labelStudio = LabelStudioEmulator.start();
    }

    /**
     * Opt-in event-driven set-up for {@code bucket}: queues (with dead-letter queues) for its object-created
     * notifications and for Transcribe's job state changes, on an embedded SQS started on first use. Its
     * {@link EventQueues#environment()} goes into {@link #withService}'s {@code extra}. Transcribe publishes to the
     * latest such set-up only.
     */
    EventQueues eventQueues(String bucket, S3EventFormat format) {
        if (sqs == null) {
            sqs = EmbeddedSqs.start();
        }
        return EventQueues.create(sqs, bucket + "-", s3, bucket, format, transcribe);
    }

    /**
     * S3 requests the services made (those of the emulators' own client not counted) since {@code before} (a
     * {@link EmbeddedS3#requestsByOthers()}), by operation; operations without any left out.
     */
    SortedMap<String, Integer> s3RequestsSince(SortedMap<String, Integer> before) {
        SortedMap<String, Integer> made = new TreeMap<>();
        s3.requestsByOthers().forEach((operation, count) -> {
            int since = count - before.getOrDefault(operation, 0);
            if (since > 0) {
                made.put(operation, since);
            }
        });
        return made;
    }

    String newBucket(String purpose) {
        String bucket = purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
        return bucket;
    }

    /** A project with the "Automatic Speech Recognition" template, the service's default layout. */
    int newProject(String title) {
        try {
            return labelStudio.createProject(title,
                    Files.readString(Path.of("src/test/resources/labelstudio/asr-whole-file.xml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A started service, how long it took to answer its health check, the sampler watching it, and where its log is
     * copied once it has stopped.
     */
    record RunningService(ServiceProcess process, Duration startup, ProcessSampler sampler, Path logCopy) {
    }

    @FunctionalInterface
    interface WithService<T> {
        T run(RunningService service) throws Exception;
    }

    /**
     * Starts the packaged service, configured only through its environment (the benchmark's service settings plus
     * {@code extra}), waits until it is healthy, runs {@code body} while a {@link ProcessSampler} watches it, then
     * stops it with SIGTERM. Its log and GC log end up in {@code runDir} as {@code <name>-service.log} and
     * {@code <name>-gc.log}.
     */
    <T> T withService(Path runDir, String name, String bucket, int project, Map<String, String> extra,
                      Duration healthTimeout, WithService<T> body) throws Exception {
        Path gcLog = runDir.resolve(name + "-gc.log");
        Path logCopy = runDir.resolve(name + "-service.log");
        ServiceProcess service = newService(bucket, project, extra, gcLog);
        long launched = System.nanoTime();
        service.start();
        try {
            service.awaitHealthy(healthTimeout);
            Duration startup = Duration.ofNanos(System.nanoTime() - launched);
            try (ProcessSampler sampler = new ProcessSampler(service.pid(), gcLog)) {
                return body.run(new RunningService(service, startup, sampler, logCopy));
            }
        } finally {
            stop(service, logCopy);
        }
    }

    /** SIGTERM, up to 30 s for the exit (then SIGKILL), and the log copied to {@code logCopy}. */
    static void stop(ServiceProcess service, Path logCopy) throws IOException {
        if (service.isAlive()) {
            service.sigterm();
            service.awaitExit(Duration.ofSeconds(30));
        }
        service.close();
        Files.copy(service.logFile(), logCopy, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The packaged service, not started yet, configured only through its environment: the emulators, the benchmark's
     * service settings, then {@code extra}; with {@code -Xmx} of the settings and a GC log.
     */
    ServiceProcess newService(String bucket, int project, Map<String, String> extra, Path gcLog) {
        Map<String, String> env = PackagedServiceTestSupport.emulatorEnvironment(s3, transcribe, labelStudio, bucket,
                project, labelStudio.personalAccessToken());
        env.putAll(settings.serviceEnvironment());
        env.putAll(extra);
        return new ServiceProcess(env, List.of("-Xmx" + settings.serviceHeap(), "-Xlog:gc:file=" + gcLog));
    }

    @Override
    public void close() {
        labelStudio.close();
        transcribe.close();
        s3.close();
        if (sqs != null) {
            sqs.close();
        }
    }
}
