package io.transcribebridge.bench;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The benchmark's table: figure, value, target and PASS/MISS, then where the time went. */
final class Report {

    private static final double WALL_FACTOR = 1.3;
    private static final int THREAD_LIMIT = 64;
    private static final double SPEED_UP = 100;
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);

    private final BenchSettings settings;
    private final List<String[]> rows = new ArrayList<>();
    private int passes;
    private int misses;

    Report(BenchSettings settings) {
        this.settings = settings;
    }

    String render(List<ThroughputRun.Result> runs, SequentialBaseline.Result baseline, BucketScan.Result scan,
                  StartupRun.Result startup) {
        for (ThroughputRun.Result run : runs) {
            if (runs.size() > 1) {
                row(format("Throughput, %s", run.name()), "", "", null);
            }
            if (run.events()) {
                eventRows(run);
            } else {
                listingRows(run);
            }
        }
        ThroughputRun.Result first = runs.isEmpty() ? null : runs.get(0);
        ThroughputRun.Result listing = runs.stream().filter(r -> !r.events()).findFirst().orElse(first);
        if (baseline != null && listing != null) {
            Duration sequential = baseline.extrapolatedTo(listing.objects());
            double speedUp = sequential.toMillis() / (double) Math.max(1, listing.wall().toMillis());
            row("Sequential tutorial loop (poll every " + seconds(settings.baselinePollInterval()) + "), N objects",
                    format("%s (%s per object, %d measured)", hours(sequential), seconds(baseline.perObject()),
                            baseline.sample()), "", null);
            row("  service speed-up over it (" + listing.name() + ")", format("%.0f x", speedUp),
                    format(">= %.0f x", SPEED_UP), speedUp >= SPEED_UP);
        }
        if (scan != null && !scan.passes().isEmpty()) {
            BucketScan.Pass pass = scan.firstPass();
            row(format("Intake pass over %,d finished objects", scan.objects()),
                    format("%d LIST requests, %s (%,d keys listed, %d new)", pass.listRequests(),
                            millis(pass.millis()), pass.keys(), pass.newVersions()), "report only", null);
        }
        if (startup != null) {
            startupRows(startup);
        }

        StringBuilder out = new StringBuilder();
        out.append(format("transcribe-bridge throughput benchmark, %s%n",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT))));
        if (first != null) {
            out.append(format("N = %d objects, emulated job duration %s, TRANSCRIBE_MAX_RUNNING_JOBS = %d, "
                            + "Transcribe emulator quota %d concurrent jobs%n", first.objects(),
                    seconds(settings.jobDuration()), settings.cap(), settings.emulatorQuota()));
        }
        out.append(format("Service: java -Xmx%s -jar target/transcribe-bridge.jar with %s%n", settings.serviceHeap(),
                settings.serviceEnvironment().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))));
        if (runs.stream().anyMatch(ThroughputRun.Result::events)) {
            out.append(format("  with events also SOURCE_EVENTS_QUEUE_URL, TRANSCRIBE_EVENTS_QUEUE_URL and "
                            + "AWS_ENDPOINT_URL_SQS (embedded SQS, direct S3 notifications for the whole bucket), "
                            + "S3_RECONCILE_INTERVAL_MS=%s TRANSCRIBE_EVENTS_FALLBACK_POLL_MS=%s%n",
                    settings.serviceEnvironment().getOrDefault("S3_RECONCILE_INTERVAL_MS",
                            ThroughputRun.RECONCILE_INTERVAL_MS),
                    settings.serviceEnvironment().getOrDefault("TRANSCRIBE_EVENTS_FALLBACK_POLL_MS",
                            ThroughputRun.FALLBACK_POLL_MS)));
        }
        out.append(format("Load: %d CPUs; 1-min load average", Runtime.getRuntime().availableProcessors()));
        for (ThroughputRun.Result run : runs) {
            ProcessSampler.Figures p = run.process();
            out.append(format(" %.2f at the start of the %s run, %.2f at most during it (service CPU %.1f s);",
                    p.loadBefore(), run.name(), p.peakLoad(), p.cpuSeconds()));
        }
        if (startup != null) {
            out.append(format(" %.2f at the start of the start-up phase, %.2f at most during it;",
                    startup.process().loadBefore(), startup.process().peakLoad()));
        }
        out.setLength(out.length() - 1);
        out.append(format("%n%n"));
        table(out);
        out.append(format("%nTargets: %d PASS, %d MISS%n", passes, misses));

        if (runs.size() > 1) {
            sideBySide(out, runs);
        }
        for (ThroughputRun.Result run : runs) {
            details(out, run);
        }
        if (baseline != null || scan != null) {
            out.append(format("%nTutorial loop and intake scan%n"));
        }
        if (baseline != null) {
            out.append(format("  tutorial loop: %d objects in %s, %d GetTranscriptionJob calls%n", baseline.sample(),
                    seconds(baseline.measured()), baseline.getCalls()));
        }
        if (scan != null) {
            scanDetails(out, scan);
        }
        if (startup != null) {
            startupDetails(out, startup);
        }
        return out.toString();
    }

    /** The rows and targets of the run without event queues, as before there were any. */
    private void listingRows(ThroughputRun.Result run) {
        long pollInterval = settings.serviceSetting("TRANSCRIBE_POLL_INTERVAL_MS", 10_000);
        long startBudget = settings.serviceSetting("TRANSCRIBE_START_REQUESTS_PER_SECOND", 20);
        long getBudget = settings.serviceSetting("TRANSCRIBE_GET_REQUESTS_PER_SECOND", 25);
        int n = run.objects();
        correctnessRows(run);
        Duration ideal = settings.idealWallTime();
        double ratio = ratio(run);
        row("Wall time, first upload -> last import", seconds(run.wall()),
                "<= " + seconds(ideal.multipliedBy(13).dividedBy(10)), ratio <= WALL_FACTOR);
        row("  ideal lower bound ceil(N/cap) x job duration",
                format("%d x %s = %s", (n + settings.cap() - 1) / settings.cap(), seconds(settings.jobDuration()),
                        seconds(ideal)), "", null);
        row("  ratio wall / ideal", format("%.2f x", ratio), format("<= %.1f x", WALL_FACTOR), ratio <= WALL_FACTOR);
        long p95 = run.percentileMillis(95);
        row("Job completed -> task imported, p50 / p95 (max)", latencies(run),
                "p95 <= poll interval + 1 s = " + millis(pollInterval + 1000), p95 >= 0 && p95 <= pollInterval + 1000);
        transcribeCallRows(run);
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
        s3Row(run);
        labelStudioRow(run, true);
        processRows(run);
    }

    /** The run with both event queues: its two targets, correctness and the service's limits. */
    private void eventRows(ThroughputRun.Result run) {
        long batchWait = settings.serviceSetting("LABEL_STUDIO_BATCH_WAIT_MS", 2_000);
        correctnessRows(run);
        row("Wall time, first upload -> last import", format("%s (%.2f x the ideal %s)", seconds(run.wall()),
                ratio(run), seconds(settings.idealWallTime())), "report only", null);
        row("GetTranscriptionJob calls per job", format("%.2f (%d calls)", run.getsPerJob(), run.getCalls()),
                "<= 1.2", run.getsPerJob() <= 1.2);
        long p95 = run.percentileMillis(95);
        row("Job completed -> task imported, p50 / p95 (max)", latencies(run),
                "p95 <= batch wait + 1 s = " + millis(batchWait + 1000), p95 >= 0 && p95 <= batchWait + 1000);
        transcribeCallRows(run);
        row("Peak Transcribe calls in one second: Start / Get",
                format("%d / %d", run.peakStartsPerSecond(), run.peakGetsPerSecond()), "report only", null);
        s3Row(run);
        ThroughputRun.Queues q = run.queues();
        row("SQS messages sent: object events + job events", format("%d + %d = %.2f per object (%d dead letters, "
                        + "%d left)", q.objectEventsSent(), q.jobEventsSent(),
                per(q.objectEventsSent() + q.jobEventsSent(), run.objects()), q.deadLetters(), q.undeleted()),
                "report only", null);
        labelStudioRow(run, false);
        processRows(run);
    }

    private void correctnessRows(ThroughputRun.Result run) {
        row("Objects imported (distinct tasks, duplicates, failures)",
                format("%d of %d (%d dup, %d failed)", run.tasks(), run.objects(), run.duplicateTasks(),
                        run.failureRecords()), "all, once", run.complete());
        row("Health probes answered 200 (GET /observe/health every 1 s)",
                format("%d of %d", run.healthProbes() - run.unhealthyProbes(), run.healthProbes()), "all",
                run.unhealthyProbes() == 0);
    }

    private void transcribeCallRows(ThroughputRun.Result run) {
        int n = run.objects();
        row("Transcribe calls per object: Start / Get / all",
                format("%.2f / %.2f / %.2f", per(run.startCalls(), n), per(run.getCalls(), n),
                        per(run.transcribeCalls(), n)), "", null);
    }

    private void s3Row(ThroughputRun.Result run) {
        row("S3 requests of the service per object", format("%.2f (%s)", per(run.s3RequestsTotal(), run.objects()),
                requests(run.s3Requests())), "report only", null);
    }

    private void labelStudioRow(ThroughputRun.Result run, boolean target) {
        double perTask = per(run.labelStudioRequests(), Math.max(1, run.tasks()));
        row("Label Studio requests per task", format("%.2f (%d imports, %d look-ups, %d token refreshes)",
                        perTask, run.labelStudioImports(), run.labelStudioLookups(), run.labelStudioTokenRefreshes()),
                target ? "<= 0.10 (10 x fewer than tasks)" : "report only", target ? perTask <= 0.10 : null);
    }

    private void processRows(ThroughputRun.Result run) {
        ProcessSampler.Figures p = run.process();
        row("Peak live threads of the service (OS threads)",
                format("%d (%d)", p.peakLiveThreads(), p.peakOsThreads()), "< " + THREAD_LIMIT,
                p.peakLiveThreads() >= 0 && p.peakLiveThreads() < THREAD_LIMIT);
        row("Peak heap in use / heap max (peak RSS)",
                format("%.0f MB / %.0f MB (RSS %d MB)", p.peakHeapMb(), p.heapMaxMb(), p.peakRssKb() / 1024),
                "runs with -Xmx" + settings.serviceHeap(), run.serviceSurvived() && !run.outOfMemory() && run.complete());
    }

    private void startupRows(StartupRun.Result s) {
        row(format("Start-up over %,d completion markers%s", s.markers(), s.recordings() ? " and recordings" : ""),
                "", "", null);
        row("  process start -> GET /observe/health/ready 200",
                s.ready() == null ? "never" : seconds(s.ready().sinceStart()), "< " + seconds(STARTUP_LIMIT),
                s.readyWithin(STARTUP_LIMIT));
        ProcessSampler.Figures p = s.process();
        row("  peak heap in use / heap max (peak RSS), to the first intake pass",
                format("%.0f MB / %.0f MB (RSS %d MB)%s", p.peakHeapMb(), p.heapMaxMb(), p.peakRssKb() / 1024,
                        s.withinHeap() ? "" : s.outOfMemory() ? ", OutOfMemoryError"
                                : !s.survived() ? ", the service ended" : ", " + s.failure()),
                "within -Xmx" + settings.serviceHeap() + " (alive, no OOM)", s.withinHeap());
        row("  S3 requests before ready: LIST / all",
                s.ready() == null ? "-" : format("%d / %d", s.ready().lists(), s.ready().total()), "report only",
                null);
        row("  ledger load (its log line): versions, LIST requests, time",
                s.ledgerEntries() < 0 ? "no log line" : format("%,d, %,d LIST, %s (done %s after the start)",
                        s.ledgerEntries(), s.ledgerListRequests(), millis(s.ledgerMillis()),
                        s.ledgerLoaded() == null ? "-" : seconds(s.ledgerLoaded().sinceStart())),
                "report only", null);
        row("  LIST requests until the ledger load line / all S3 requests",
                s.ledgerLoaded() == null ? "-" : format("%,d / %,d", s.ledgerLoaded().lists(),
                        s.ledgerLoaded().total()), "report only", null);
        row("  LIST request of this prefix: S3Proxy alone / indexed listing used",
                format("%s / %.0f ms", millis(Math.round(s.s3ProxyMillisPerList())), s.indexedMillisPerList()),
                "report only", null);
    }

    /** The figures of the issue next to each other: one column per throughput run. */
    private void sideBySide(StringBuilder out, List<ThroughputRun.Result> runs) {
        List<String[]> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(format("N = %d objects", runs.get(0).objects())));
        runs.forEach(run -> header.add(run.name()));
        lines.add(header.toArray(String[]::new));
        lines.add(column(runs, "Wall time, first upload -> last import", run -> seconds(run.wall())));
        lines.add(column(runs, "GetTranscriptionJob calls per job", run -> format("%.2f", run.getsPerJob())));
        lines.add(column(runs, "Job completed -> task imported, p50 / p95",
                run -> format("%s / %s", millis(run.percentileMillis(50)), millis(run.percentileMillis(95)))));
        lines.add(column(runs, "Transcribe calls per object", run -> format("%.2f",
                per(run.transcribeCalls(), run.objects()))));
        lines.add(column(runs, "S3 requests of the service per object",
                run -> format("%.2f", per(run.s3RequestsTotal(), run.objects()))));
        lines.add(column(runs, "  of them LIST", run -> format("%d", run.s3Requests().getOrDefault("LIST", 0))));
        lines.add(column(runs, "SQS messages sent", run -> run.queues() == null ? "-"
                : format("%d", run.queues().objectEventsSent() + run.queues().jobEventsSent())));
        lines.add(column(runs, "Service CPU time", run -> format("%.1f s", run.process().cpuSeconds())));
        lines.add(column(runs, "Service start -> /observe/health 200", run -> seconds(run.serviceStartup())));
        out.append(format("%nListing + polling and event queues side by side%n"));
        int[] widths = new int[header.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder("  ");
            for (int i = 0; i < line.length; i++) {
                text.append(format("%-" + widths[i] + "s", line[i])).append(i < line.length - 1 ? "  " : "");
            }
            out.append(text.toString().stripTrailing()).append(format("%n"));
        }
    }

    private static String[] column(List<ThroughputRun.Result> runs, String figure,
                                   Function<ThroughputRun.Result, String> value) {
        List<String> line = new ArrayList<>(List.of(figure));
        runs.forEach(run -> line.add(value.apply(run)));
        return line.toArray(String[]::new);
    }

    private void details(StringBuilder out, ThroughputRun.Result run) {
        int n = run.objects();
        long startBudget = settings.serviceSetting("TRANSCRIBE_START_REQUESTS_PER_SECOND", 20);
        ProcessSampler.Figures p = run.process();
        out.append(format("%nWhere the time went (%s)%n", run.name()));
        out.append(format("  service start -> /observe/health 200          %s%n", seconds(run.serviceStartup())));
        out.append(format("  upload of %d objects (8 parallel PUTs)        %s%n", n, seconds(run.uploadSpan())));
        out.append(format("  first upload -> first StartTranscriptionJob   %s (%s)%n",
                seconds(run.uploadToFirstStart()), run.events() ? "S3 notification through SQS"
                        : "S3_POLL_INTERVAL_MS=" + settings.serviceSetting("S3_POLL_INTERVAL_MS", 10_000)));
        out.append(format("  first -> last StartTranscriptionJob           %s = %.1f starts/s (budget %d/s, cap/job "
                        + "duration %.1f/s)%n", seconds(run.startSpan()),
                (n - 1) / Math.max(0.001, run.startSpan().toMillis() / 1000.0), startBudget,
                settings.cap() / (settings.jobDuration().toMillis() / 1000.0)));
        out.append(format("  StartTranscriptionJob per second: %s%n", series(run.startsPerSecond())));
        out.append(format("  GetTranscriptionJob per second:   %s%n", series(run.getsPerSecond())));
        out.append(format("  mean job start -> task imported               %s (job %s)%n",
                seconds(run.meanStartToTask()), seconds(settings.jobDuration())));
        out.append(format("  peak jobs running at the emulator             %d%n", run.peakRunningJobs()));
        out.append(format("  S3 requests of the service                    %s%n", requests(run.s3Requests())));
        out.append(format("  service heap at the end %.0f MB, %d GC pauses; live threads at the end %d%n",
                p.heapAtEndMb(), p.gcPauses(), p.liveThreadsAtEnd()));
        out.append(format("  service threads at the end by pool: %s%n", ThroughputBenchmark.pools(p.threadsByPool())));
        out.append(format("  service log: %s%n  per-object timeline (job created, finished, task created): %s%n",
                run.serviceLog(), run.timeline()));
    }

    private void scanDetails(StringBuilder out, BucketScan.Result scan) {
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

    private void startupDetails(StringBuilder out, StartupRun.Result s) {
        ProcessSampler.Figures p = s.process();
        out.append(format("%nStart-up over a big output location%n"));
        out.append(format("  %,d keys seeded straight into the blob store in %s (%,d completion markers%s)%n",
                s.keysInBucket(), seconds(s.seeding()), s.markers(), s.recordings() ? " and their recordings" : ""));
        out.append(format("  LIST of %,d keys under transcribe-bridge/done/: S3Proxy's own listing %.0f ms per "
                        + "request (its 1,000-key pages would take %s for the whole load); the service ran against "
                        + "the indexed listing, %.0f ms per request%n", s.markers(), s.s3ProxyMillisPerList(),
                hours(Duration.ofMillis(Math.round(s.s3ProxyMillisPerList() * Math.ceil(s.markers() / 1000.0)))),
                s.indexedMillisPerList()));
        if (s.ready() != null) {
            out.append(format("  ready after %s; S3 requests until then: %s%n", seconds(s.ready().sinceStart()),
                    requests(s.ready().s3Requests())));
        }
        if (s.ledgerLoaded() != null) {
            out.append(format("  ledger load line after %s; S3 requests until then: %s%n",
                    seconds(s.ledgerLoaded().sinceStart()), requests(s.ledgerLoaded().s3Requests())));
        }
        if (s.firstPass() != null) {
            out.append(format("  first intake pass after %s: %,d keys in %,d LIST requests, %,d new object versions, %s%n",
                    seconds(s.firstPass().sinceStart()), s.passKeys(), s.passLists(), s.passNew(),
                    millis(s.passMillis())));
        }
        if (s.failure() != null) {
            out.append(format("  FAILED: %s%n", s.failure()));
        }
        out.append(format("  service: %.1f s of CPU, %d GC pauses, heap at the end %.0f MB, %d live threads; log: %s%n",
                p.cpuSeconds(), p.gcPauses(), p.heapAtEndMb(), p.liveThreadsAtEnd(), s.serviceLog()));
    }

    private double ratio(ThroughputRun.Result run) {
        return run.wall().toMillis() / (double) settings.idealWallTime().toMillis();
    }

    private static String latencies(ThroughputRun.Result run) {
        return format("%s / %s (%s)", millis(run.percentileMillis(50)), millis(run.percentileMillis(95)),
                millis(run.percentileMillis(100)));
    }

    /** "LIST 3, GET 1,200, ...": by operation, most first. */
    private static String requests(Map<String, Integer> requests) {
        return requests.isEmpty() ? "none" : requests.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> format("%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
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
