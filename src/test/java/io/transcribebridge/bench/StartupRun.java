package io.transcribebridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.transcribebridge.testing.ServiceProcess;

/**
 * A replica starting over a big output location: M completion markers (default 1,000,000) in the service's default
 * layout, optionally with their recordings, seeded straight into the blob store; then the packaged service with the
 * benchmark's heap (-Xmx256m) is started and watched from its first moment: when {@code /observe/health/ready} first
 * answers 200, the S3 requests it made until then, and its ledger load in the background until the log line
 * {@code Progress from s3://...: N object versions imported, ... (K LIST requests, T ms)} and the first intake pass
 * after it ({@code LOG_LEVEL=DEBUG}), with peak heap and RSS ({@link ProcessSampler}).
 * <p>
 * S3Proxy's in-memory store copies the metadata of every key under a prefix for each LIST request (about 7 s per
 * request at 1,000,000 keys, so the 1,000 requests of the load would take two hours). That time per request is
 * measured, and then the service runs against {@link io.transcribebridge.testing.s3.EmbeddedS3#indexedListing}, which
 * answers the same listings from the store's sorted keys in time proportional to the page, as S3 does.
 */
final class StartupRun {

    private static final Pattern LEDGER = Pattern.compile("Progress from \\S+: (\\d+) object versions imported, "
            + "(\\d+) with a failure record \\((\\d+) LIST requests, (\\d+) ms\\)");
    private static final Pattern PASS = Pattern.compile(
            "Intake pass 1 over \\S+: (\\d+) keys in (\\d+) LIST requests, (\\d+) new object versions, (\\d+) ms");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(15);
    private static final long READY_POLL_MILLIS = 100;
    /** S3Proxy's own LIST requests timed at this size: a few, each takes seconds. */
    private static final int S3PROXY_LISTS = 3;
    private static final int INDEXED_LISTS = 20;

    /**
     * S3 requests of the service by operation at a moment, and after how long since the process was started.
     */
    record Moment(Duration sinceStart, SortedMap<String, Integer> s3Requests) {
        int lists() {
            return s3Requests.getOrDefault("LIST", 0);
        }

        int total() {
            return s3Requests.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    record Result(int markers, boolean recordings, int keysInBucket, Duration seeding, double s3ProxyMillisPerList,
                  double indexedMillisPerList, Moment ready, Moment ledgerLoaded, Moment firstPass,
                  long ledgerEntries, long ledgerListRequests, long ledgerMillis, long passKeys, long passLists,
                  long passNew, long passMillis, boolean survived, boolean outOfMemory, String failure,
                  ProcessSampler.Figures process, Path serviceLog) {

        boolean readyWithin(Duration limit) {
            return ready != null && ready.sinceStart().compareTo(limit) < 0;
        }

        /** Up and answering to the end, no OutOfMemoryError, ledger loaded and the first pass made. */
        boolean withinHeap() {
            return survived && !outOfMemory && failure == null && ledgerEntries == markers;
        }
    }

    private StartupRun() {
    }

    static Result run(BenchSettings settings, BenchEmulators emulators, Path runDir) throws Exception {
        String bucket = emulators.newBucket("startup");
        int project = emulators.newProject("startup");
        int markers = settings.startupMarkers();
        long seedStart = System.nanoTime();
        int keys = BucketScan.seed(emulators, bucket, markers, settings.startupRecordings(), false);
        Duration seeding = Duration.ofNanos(System.nanoTime() - seedStart);
        ThroughputBenchmark.progress("  %,d keys seeded in %s; timing S3Proxy's LIST requests ...", keys,
                Report.seconds(seeding));
        String donePrefix = "transcribe-bridge/done/";
        double s3ProxyMillis = BucketScan.millisPerList(emulators, bucket, donePrefix, S3PROXY_LISTS);
        emulators.s3.indexedListing(true);
        try {
            double indexedMillis = BucketScan.millisPerList(emulators, bucket, donePrefix, INDEXED_LISTS);
            ThroughputBenchmark.progress("  S3Proxy %.0f ms per LIST, indexed %.0f ms; starting the service ...",
                    s3ProxyMillis, indexedMillis);
            return measure(settings, emulators, runDir, bucket, project, keys, seeding, s3ProxyMillis,
                    indexedMillis);
        } finally {
            emulators.s3.indexedListing(false);
            emulators.s3.deleteBucketDirectly(bucket);
        }
    }

    private static Result measure(BenchSettings settings, BenchEmulators emulators, Path runDir, String bucket,
                                  int project, int keys, Duration seeding, double s3ProxyMillis,
                                  double indexedMillis) throws IOException {
        Path gcLog = runDir.resolve("startup-gc.log");
        Path logCopy = runDir.resolve("startup-service.log");
        ServiceProcess service = emulators.newService(bucket, project, Map.of("LOG_LEVEL", "DEBUG"), gcLog);
        SortedMap<String, Integer> before = emulators.s3.requestsByOthers();
        long launched = System.nanoTime();
        service.start();
        Moment ready = null;
        Moment loaded = null;
        Moment pass = null;
        String failure = null;
        ProcessSampler.Figures figures;
        try (ProcessSampler sampler = new ProcessSampler(service.pid(), gcLog)) {
            try {
                ready = awaitReady(service, launched, emulators, before);
                ThroughputBenchmark.progress("  ready after %s; waiting for the ledger load ...",
                        Report.seconds(ready.sinceStart()));
                service.awaitLog("Progress from s3://", LOAD_TIMEOUT);
                loaded = moment(launched, emulators, before);
                service.awaitLog("Intake pass 1 over", LOAD_TIMEOUT);
                pass = moment(launched, emulators, before);
            } catch (AssertionError | RuntimeException e) {
                failure = e.getMessage();
            }
            figures = sampler.finish();
        }
        String log = service.runLog();
        boolean survived = service.isAlive();
        BenchEmulators.stop(service, logCopy);
        Matcher ledger = LEDGER.matcher(log);
        boolean ledgerFound = ledger.find();
        Matcher firstPass = PASS.matcher(log);
        boolean passFound = firstPass.find();
        return new Result(settings.startupMarkers(), settings.startupRecordings(), keys, seeding, s3ProxyMillis,
                indexedMillis, ready, loaded, pass,
                ledgerFound ? Long.parseLong(ledger.group(1)) : -1,
                ledgerFound ? Long.parseLong(ledger.group(3)) : -1,
                ledgerFound ? Long.parseLong(ledger.group(4)) : -1,
                passFound ? Long.parseLong(firstPass.group(1)) : -1,
                passFound ? Long.parseLong(firstPass.group(2)) : -1,
                passFound ? Long.parseLong(firstPass.group(3)) : -1,
                passFound ? Long.parseLong(firstPass.group(4)) : -1,
                survived, log.contains("OutOfMemoryError"), failure, figures, logCopy);
    }

    /** Polls {@code GET /observe/health/ready} every 100 ms until it answers 200. */
    private static Moment awaitReady(ServiceProcess service, long launched, BenchEmulators emulators,
                                     SortedMap<String, Integer> before) {
        long deadline = launched + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service ended before it was ready (exit code "
                        + service.exitCode() + ")");
            }
            if (service.status("/observe/health/ready") == 200) {
                return moment(launched, emulators, before);
            }
            try {
                Thread.sleep(READY_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("not ready within " + READY_TIMEOUT);
    }

    private static Moment moment(long launched, BenchEmulators emulators, SortedMap<String, Integer> before) {
        Duration since = Duration.ofNanos(System.nanoTime() - launched);
        return new Moment(since, emulators.s3RequestsSince(before));
    }
}
