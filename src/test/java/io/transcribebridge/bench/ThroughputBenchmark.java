package io.transcribebridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Throughput benchmark of the packaged service against the S3, Transcribe and Label Studio emulators on loopback
 * (they run in this JVM; the service is {@code java -Xmx256m -jar target/transcribe-bridge.jar}, configured through
 * its environment). Phases: N objects through the service, once listing and polling and once with the event queues
 * (embedded SQS); the tutorial's sequential loop on a sample; one intake pass over a bucket of already-finished
 * objects; a start-up over 1,000,000 completion markers. Prints one table with the targets, and writes it to
 * {@code target/bench/<time>/report.txt}, next to the service logs, GC logs and the per-object timelines. Not a test:
 * {@code bench/run.sh} runs it, {@code mvn verify} never does.
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings;
        try {
            settings = BenchSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println((e.getMessage().equals("usage") ? "" : e.getMessage() + "\n") + BenchSettings.USAGE);
            System.exit(2);
            return;
        }
        Path runDir = Path.of("target", "bench",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        Files.createDirectories(runDir);
        try (BenchEmulators emulators = new BenchEmulators(settings)) {
            List<ThroughputRun.Result> runs = new ArrayList<>();
            if (settings.objects() > 0) {
                for (boolean events : List.of(false, true)) {
                    if (events ? !settings.events().on() : !settings.events().off()) {
                        continue;
                    }
                    progress("throughput run%s: %d objects, job %s, cap %d ...", events ? " with event queues" : "",
                            settings.objects(), Report.seconds(settings.jobDuration()), settings.cap());
                    ThroughputRun.Result run = ThroughputRun.run(settings, emulators, runDir, events);
                    progress("  %d tasks, wall %s, %.2f GetTranscriptionJob calls per job", run.tasks(),
                            Report.seconds(run.wall()), run.getsPerJob());
                    runs.add(run);
                }
            }
            SequentialBaseline.Result baseline = null;
            if (settings.baselineSample() > 0 && settings.objects() > 0) {
                progress("sequential tutorial loop on %d objects (poll every %s) ...", settings.baselineSample(),
                        Report.seconds(settings.baselinePollInterval()));
                baseline = SequentialBaseline.run(settings, emulators);
            }
            BucketScan.Result scan = null;
            if (settings.scanObjects() > 0) {
                progress("intake pass over %,d finished objects: seeding the bucket ...", settings.scanObjects());
                scan = BucketScan.run(settings, emulators, runDir);
            }
            StartupRun.Result startup = null;
            if (settings.startupMarkers() > 0) {
                progress("start-up over %,d completion markers: seeding the output location ...",
                        settings.startupMarkers());
                startup = StartupRun.run(settings, emulators, runDir);
            }
            String table = new Report(settings).render(runs, baseline, scan, startup);
            System.out.println();
            System.out.println(table);
            Path out = Files.writeString(runDir.resolve("report.txt"), table);
            System.out.println("Written to " + out + " (with the service logs, GC logs and the per-object timelines)");
        }
        System.exit(0);
    }

    static void progress(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }

    /** Threads of the service by pool name, largest first, e.g. "Camel (N) thread #N - Delay x10". */
    static String pools(Map<String, Integer> pools) {
        return pools.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
