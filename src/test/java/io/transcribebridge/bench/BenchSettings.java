package io.transcribebridge.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one benchmark run does, from {@code --name=value} arguments (see {@link #USAGE}). The service settings are the
 * environment variables an operator would set; {@code --env=NAME=VALUE} overrides or adds one.
 */
record BenchSettings(
        int objects,
        Duration jobDuration,
        int cap,
        int emulatorQuota,
        int baselineSample,
        Duration baselinePollInterval,
        int scanObjects,
        boolean scanTranscripts,
        Events events,
        int startupMarkers,
        boolean startupRecordings,
        String serviceHeap,
        Map<String, String> serviceEnvironment) {

    private static final int DEFAULT_GET_BUDGET = 25;

    /** Which throughput runs: listing and polling as without event queues, with both event queues, or both runs. */
    enum Events {
        BOTH, ON, OFF;

        boolean off() {
            return this != ON;
        }

        boolean on() {
            return this != OFF;
        }
    }

    static final String USAGE = """
            bench/run.sh [--objects=1000] [--events=both] [--job-seconds=5] [--cap=100] [--emulator-quota=<cap>]
                         [--baseline-sample=3] [--baseline-poll-seconds=10]
                         [--scan-objects=100000] [--scan-transcripts=true]
                         [--startup-markers=1000000] [--startup-recordings=false] [--service-heap=256m]
                         [--env=NAME=VALUE ...]
              --objects          objects uploaded for each throughput run (0: no throughput run)
              --events           both: the throughput run twice, listing + polling and with the event queues
                                 (S3 notifications and Transcribe job events through SQS); off or on: one of them
              --job-seconds      how long every emulated Transcribe job runs (runFor)
              --cap              TRANSCRIBE_MAX_RUNNING_JOBS of the service
              --emulator-quota   concurrent-job quota of the Transcribe emulator (AWS default: 250)
              --baseline-sample  objects the sequential tutorial loop processes (0: skip); extrapolated to --objects
              --scan-objects     finished objects in the bucket of the intake-scan figure (0: skip)
              --scan-transcripts also put each finished object's transcript in the bucket, as the service leaves it
              --startup-markers  completion markers in the output location for the start-up figure (0: skip)
              --startup-recordings also put each marker's recording in the source bucket (S3Proxy's store takes about
                                 2 GB of the driver's heap per 1,000,000 keys: set BENCH_DRIVER_HEAP=6g for these)
              --service-heap     -Xmx of the service JVM
              --env              a service environment variable, e.g. --env=S3_POLL_INTERVAL_MS=10000
            """;

    static BenchSettings parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("usage");
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("not --name=value: " + arg);
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            if (name.equals("env")) {
                int inner = value.indexOf('=');
                if (inner <= 0) {
                    throw new IllegalArgumentException("--env needs NAME=VALUE, got " + value);
                }
                environment.put(value.substring(0, inner), value.substring(inner + 1));
            } else {
                options.put(name, value);
            }
        }
        int objects = number(options, "objects", 1_000);
        Duration job = Duration.ofMillis(Math.round(Double.parseDouble(options.getOrDefault("job-seconds", "5")) * 1000));
        int cap = number(options, "cap", 100);
        int quota = number(options, "emulator-quota", cap);
        int sample = number(options, "baseline-sample", 3);
        Duration basePoll = Duration.ofSeconds(number(options, "baseline-poll-seconds", 10));
        int scan = number(options, "scan-objects", 100_000);
        boolean scanTranscripts = Boolean.parseBoolean(options.getOrDefault("scan-transcripts", "true"));
        Events events;
        try {
            events = Events.valueOf(options.getOrDefault("events", "both").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--events must be both, on or off, got " + options.get("events"));
        }
        int startupMarkers = number(options, "startup-markers", 1_000_000);
        boolean startupRecordings = Boolean.parseBoolean(options.getOrDefault("startup-recordings", "false"));
        String heap = options.getOrDefault("service-heap", "256m");
        options.keySet().removeAll(java.util.List.of("objects", "events", "job-seconds", "cap", "emulator-quota",
                "baseline-sample", "baseline-poll-seconds", "scan-objects", "scan-transcripts", "startup-markers",
                "startup-recordings", "service-heap"));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + options.keySet());
        }
        Map<String, String> service = serviceDefaults(cap, job);
        service.putAll(environment);
        return new BenchSettings(objects, job, cap, quota, sample, basePoll, scan, scanTranscripts, events,
                startupMarkers, startupRecordings, heap, Map.copyOf(service));
    }

    /**
     * The settings the benchmark runs the service with: what a user expecting jobs of about {@code job} would set.
     * Rate budgets stay at their defaults.
     */
    private static Map<String, String> serviceDefaults(int cap, Duration job) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRANSCRIBE_MAX_RUNNING_JOBS", Integer.toString(cap));
        env.put("TRANSCRIBE_FIRST_POLL_MS", Long.toString(job.toMillis()));
        // cap / Get budget (at least 1 s): even if every first poll came too early, all running jobs could be polled
        // again within the budget
        env.put("TRANSCRIBE_POLL_INTERVAL_MS", Long.toString(Math.max(1000, cap * 1000L / DEFAULT_GET_BUDGET)));
        env.put("TRANSCRIBE_POLL_BACKOFF", "1.5");
        env.put("TRANSCRIBE_POLL_MAX_INTERVAL_MS", "60000");
        env.put("TRANSCRIBE_START_REQUESTS_PER_SECOND", "20");
        env.put("TRANSCRIBE_GET_REQUESTS_PER_SECOND", Integer.toString(DEFAULT_GET_BUDGET));
        env.put("S3_POLL_INTERVAL_MS", "2000");
        return env;
    }

    private static int number(Map<String, String> options, String name, int defaultValue) {
        String value = options.get(name);
        return value == null ? defaultValue : Integer.parseInt(value.replace("_", "").replace(",", ""));
    }

    /** A service setting as a number (the benchmark's own, or the default of config/application.properties). */
    long serviceSetting(String name, long defaultValue) {
        String value = serviceEnvironment.get(name);
        return value == null ? defaultValue : Long.parseLong(value);
    }

    /** ceil(N / cap) x job duration: every slot busy all the time, no latency anywhere. */
    Duration idealWallTime() {
        return jobDuration.multipliedBy((objects + cap - 1) / cap);
    }
}
