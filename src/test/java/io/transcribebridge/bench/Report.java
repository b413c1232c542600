package io.transcribebridge.bench;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.stream.Collectors;

/** The benchmark's table: figure, value, target and PASS/MISS, then where the time went. */
final class Report {

    private static final double WALL_FACTOR = 1.3;
    private static final int THREAD_LIMIT = 64;
    private static final double SPEED_UP = 100;

    private final BenchSettings settings;
    private final List<String[]> rows = new ArrayList<>();
    private int passes;
    private int misses;

    Report(BenchSettings settings) {
        this.settings = settings;
    }

    String render(ThroughputRun.Result run, SequentialBaseline.Result baseline, BucketScan.Result scan) {
        long pollInterval = settings.serviceSetting("TRANSCRIBE_POLL_INTERVAL_MS", 10_000);
        long startBudget = settings.serviceSetting("TRANSCRIBE_START_REQUESTS_PER_SECOND", 20);
        long getBudget = settings.serviceSetting("TRANSCRIBE_GET_REQUESTS_PER_SECOND", 25);
        int n = run.objects();
        ProcessSampler.Figures p = run.process();

        Duration ideal = settings.idealWallTime();
        double ratio = run.wall().toMillis() / (double) ideal.toMillis();
        row("Objects imported (distinct tasks, duplicates, failures)",
                format("%d of %d (%d dup, %d failed)", run.tasks(), n, run.duplicateTasks(), run.failureRecords()),
                "all, once", run.complete());
        row("Health probes answered 200 (GET /observe/health every 1 s)",
                format("%d of %d", run.healthProbes() - run.unhealthyProbes(), run.healthProbes()), "all",
                run.unhealthyProbes() == 0);
        row("Wall time, first upload -> last import", seconds(run.wall()),
                "<= " + seconds(ideal.multipliedBy(13).dividedBy(10)), ratio <= WALL_FACTOR);
        row("  ideal lower bound ceil(N/cap) x job duration",
                format("%d x %s = %s", (n + settings.cap() - 1) / settings.cap(), seconds(settings.jobDuration()),
                        seconds(ideal)), "", null);
        row("  ratio wall / ideal", format("%.2f x", ratio), format("<= %.1f x", WALL_FACTOR), ratio <= WALL_FACTOR);
        long p95 = run.percentileMillis(95);
        row("Job completed -> task imported, p50 / p95 (max)",
                format("%s / %s (%s)", millis(run.percentileMillis(50)), millis(p95), millis(run.percentileMillis(100))),
                "p95 <= poll interval + 1 s = " + millis(pollInterval + 1000), p95 >= 0 && p95 <= pollInterval + 1000);
        row("Transcribe calls per object: Start / Get / all",
                format("%.2f / %.2f / %.2f", per(run.startCalls(), n), per(run.getCalls(), n),
                        per(run.transcribeCalls(), n)), "", null);
        row("Peak Transcribe calls in one second: Start / Get",
                format("%d / %d (seconds over budget: %d / %d of %d)", run.peakStartsPerSecond(),
                        run.peakGetsPerSecond(),
                        ThroughputRun.Result.secondsOver(run.startsPerSecond(), startBudget),
                        ThroughputRun.Result.secondsOver(run.getsPerSecond(), getBudget),
                        run.startsPerSecond().size()),
                format("<= %d / %d (budgets)", startBudget, getBudget),
                run.peakStartsPerSecond() <= startBudget && run.peakGetsPerSecond() <= getBudget);
        row("  busiest 2 consecutive seconds: Start / Get",
                format("%d / %d", ThroughputRun.Result.peakTwoSeconds(run.startsPerSecond()),
                        ThroughputRun.Result.peakTwoSeconds(run.getsPerSecond())),
                format("<= %d / %d", 2 * startBudget, 2 * getBudget), null);
        row("  all operations together", Integer.toString(run.peakCallsPerSecond()),
                format("<= %d", startBudget + getBudget), run.peakCallsPerSecond() <= startBudget + getBudget);
        row("Quota refusals (LimitExceeded) / throttled calls",
                format("%d / %d", run.quotaRefusals(), run.throttlingErrors()),
                format("quota %d jobs", settings.emulatorQuota()), null);
        row("Label Studio requests per task", format("%.2f (%d imports, %d look-ups, %d token refreshes)",
                        per(run.labelStudioRequests(), Math.max(1, run.tasks())), run.labelStudioImports(),
                        run.labelStudioLookups(), run.labelStudioTokenRefreshes()),
                "<= 0.10 (10 x fewer than tasks)",
                per(run.labelStudioRequests(), Math.max(1, run.tasks())) <= 0.10);
        row("Peak live threads of the service (OS threads)",
                format("%d (%d)", p.peakLiveThreads(), p.peakOsThreads()), "< " + THREAD_LIMIT,
                p.peakLiveThreads() >= 0 && p.peakLiveThreads() < THREAD_LIMIT);
        row("Peak heap in use / heap max (peak RSS)",
                format("%.0f MB / %.0f MB (RSS %d MB)", p.peakHeapMb(), p.heapMaxMb(), p.peakRssKb() / 1024),
                "runs with -Xmx" + settings.serviceHeap(), run.serviceSurvived() && !run.outOfMemory() && run.complete());
        if (baseline != null) {
            Duration sequential = baseline.extrapolatedTo(n);
            double speedUp = sequential.toMillis() / (double) Math.max(1, run.wall().toMillis());
            row("Sequential tutorial loop (poll every " + seconds(settings.baselinePollInterval()) + "), N objects",
                    format("%s (%s per object, %d measured)", hours(sequential), seconds(baseline.perObject()),
                            baseline.sample()), "", null);
            row("  service speed-up over it", format("%.0f x", speedUp), format(">= %.0f x", SPEED_UP),
                    speedUp >= SPEED_UP);
        }
        if (scan != null && !scan.passes().isEmpty()) {
            BucketScan.Pass pass = scan.firstPass();
            row(format("Intake pass over %,d finished objects", scan.objects()),
                    format("%d LIST requests, %s (%,d keys listed, %d new)", pass.listRequests(),
                            millis(pass.millis()), pass.keys(), pass.newVersions()), "report only", null);
        }

        StringBuilder out = new StringBuilder();
        out.append(format("transcribe-bridge throughput benchmark, %s%n",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT))));
        out.append(format("N = %d objects, emulated job duration %s, TRANSCRIBE_MAX_RUNNING_JOBS = %d, "
                        + "Transcribe emulator quota %d concurrent jobs%n", n, seconds(settings.jobDuration()),
                settings.cap(), settings.emulatorQuota()));
        out.append(format("Service: java -Xmx%s -jar target/transcribe-bridge.jar with %s%n", settings.serviceHeap(),
                settings.serviceEnvironment().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))));
        out.append(format("Load: %d CPUs; 1-min load average %.2f when the run started, %.2f at most during it; "
                        + "the service used %.1f s of CPU%n%n", Runtime.getRuntime().availableProcessors(),
                p.loadBefore(), p.peakLoad(), p.cpuSeconds()));
        table(out);
        out.append(format("%nTargets: %d PASS, %d MISS%n", passes, misses));

        out.append(format("%nWhere the time went%n"));
        out.append(format("  service start -> /observe/health 200          %s%n", seconds(run.serviceStartup())));
        out.append(format("  upload of %d objects (8 parallel PUTs)        %s%n", n, seconds(run.uploadSpan())));
        out.append(format("  first upload -> first StartTranscriptionJob   %s (S3_POLL_INTERVAL_MS=%d)%n",
                seconds(run.uploadToFirstStart()), settings.serviceSetting("S3_POLL_INTERVAL_MS", 10_000)));
        out.append(format("  first -> last StartTranscriptionJob           %s = %.1f starts/s (budget %d/s, cap/job "
                        + "duration %.1f/s)%n", seconds(run.startSpan()),
                (n - 1) / Math.max(0.001, run.startSpan().toMillis() / 1000.0), startBudget,
                settings.cap() / (settings.jobDuration().toMillis() / 1000.0)));
        out.append(format("  StartTranscriptionJob per second: %s%n", series(run.startsPerSecond())));
        out.append(format("  GetTranscriptionJob per second:   %s%n", series(run.getsPerSecond())));
        out.append(format("  mean job start -> task imported               %s (job %s)%n",
                seconds(run.meanStartToTask()), seconds(settings.jobDuration())));
        out.append(format("  peak jobs running at the emulator             %d%n", run.peakRunningJobs()));
        out.append(format("  service heap at the end %.0f MB, %d GC pauses; live threads at the end %d%n",
                p.heapAtEndMb(), p.gcPauses(), p.liveThreadsAtEnd()));
        out.append(format("  service threads at the end by pool: %s%n", ThroughputBenchmark.pools(p.threadsByPool())));
        out.append(format("  service log: %s%n  per-object timeline (job created, finished, task created): %s%n",
                run.serviceLog(), run.timeline()));
        if (baseline != null) {
            out.append(format("  tutorial loop: %d objects in %s, %d GetTranscriptionJob calls%n", baseline.sample(),
                    seconds(baseline.measured()), baseline.getCalls()));
        }
        if (scan != null) {
            out.append(format("  intake scan: %,d finished objects = %,d keys in the bucket (recordings, completion "
                            + "markers%s), seeded in %s; the service loaded %,d completion markers and was healthy "
                            + "after %s%n", scan.objects(), scan.keysInBucket(),
                    settings.scanTranscripts() ? ", transcripts" : "", seconds(scan.seeding()), scan.ledgerEntries(),
                    seconds(scan.startup())));
            for (BucketScan.Pass pass : scan.passes()) {
                out.append(format("    pass %d: %,d keys in %d LIST requests, %d new, %s = %.0f ms per LIST request "
                                + "(S3Proxy alone: %.0f ms per LIST of this bucket)%n", pass.number(), pass.keys(),
                        pass.listRequests(), pass.newVersions(), millis(pass.millis()),
                        pass.millis() / (double) Math.max(1, pass.listRequests()), scan.s3ProxyMillisPerList()));
            }
            ProcessSampler.Figures s = scan.process();
            out.append(format("    service during the pass: %.1f s of CPU; with the %,d-entry ledger peak heap %.0f MB, "
                            + "RSS %d MB, %d live threads; %d Transcribe calls%n", s.cpuSeconds(),
                    scan.ledgerEntries(), s.peakHeapMb(), s.peakRssKb() / 1024, s.peakLiveThreads(),
                    scan.transcribeCalls()));
        }
        return out.toString();
    }

    private void row(String figure, String value, String target, Boolean met) {
        String result = "";
        if (met != null) {
            result = met ? "PASS" : "MISS";
            if (met) {
                passes++;
            } else {
                misses++;
            }
        }
        rows.add(new String[] {figure, value, target, result});
    }

    private void table(StringBuilder out) {
        int[] widths = new int[4];
        String[] header = {"Figure", "Value", "Target", "Result"};
        for (String[] row : concat(header)) {
            for (int i = 0; i < 4; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : concat(header)) {
            out.append(format("%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s%n",
                    row[0], row[1], row[2], row[3]));
            if (row == header) {
                out.append(format("%s  %s  %s  %s%n", "-".repeat(widths[0]), "-".repeat(widths[1]),
                        "-".repeat(widths[2]), "-".repeat(widths[3])));
            }
        }
    }

    private List<String[]> concat(String[] header) {
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    /** Calls in each second from the first to the last that had any, zeros included. */
    private static String series(SortedMap<Long, Integer> perSecond) {
        if (perSecond.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (long second = perSecond.firstKey(); second <= perSecond.lastKey(); second++) {
            out.append(out.length() == 0 ? "" : " ").append(perSecond.getOrDefault(second, 0));
        }
        return out.toString();
    }

    private static double per(int count, int of) {
        return count / (double) of;
    }

    static String seconds(Duration duration) {
        return format("%.1f s", duration.toMillis() / 1000.0);
    }

    static String millis(long millis) {
        return millis < 10_000 ? millis + " ms" : format("%.1f s", millis / 1000.0);
    }

    private static String hours(Duration duration) {
        return duration.toMinutes() < 120 ? format("%.1f min", duration.toMillis() / 60_000.0)
                : format("%.2f h", duration.toMillis() / 3_600_000.0);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
