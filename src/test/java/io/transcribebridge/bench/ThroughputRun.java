package io.transcribebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.transcribebridge.testing.EventQueues;
import io.transcribebridge.testing.ServiceProcess;
import io.transcribebridge.testing.labelstudio.Task;
import io.transcribebridge.testing.s3.S3EventFormat;
import io.transcribebridge.testing.transcribe.TranscribeEmulator;

/**
 * N objects through the packaged service: upload them (8 in parallel) while the service runs, wait for the last
 * Label Studio task, and read every figure from the emulators (when each job was created and completed, when each
 * task was created, the calls they received) and from the service process ({@link ProcessSampler}). Either as
 * without event queues (the service lists the bucket and polls each job), or with both event queues: the bucket's
 * object-created notifications and Transcribe's job state changes reach the service through the embedded SQS, the
 * listing is a reconciliation sweep every {@link #RECONCILE_INTERVAL_MS}, and a waiting job is polled only after
 * TRANSCRIBE_EVENTS_FALLBACK_POLL_MS. Each run gets Transcribe and Label Studio emulators of its own.
 */
final class ThroughputRun {

    static final String START = "StartTranscriptionJob";
    static final String GET = "GetTranscriptionJob";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration QUIET = Duration.ofSeconds(2);
    /** With events: no reconciliation sweep during the run, and no poll of a job before its event. */
    static final String RECONCILE_INTERVAL_MS = "3600000";
    static final String FALLBACK_POLL_MS = "600000";

    /** What went through the queues of a run with events. */
    record Queues(int objectEventsSent, int jobEventsSent, int deadLetters, int undeleted) {
    }

    record Result(
            boolean events,
            int objects,
            int tasks,
            int duplicateTasks,
            int failureRecords,
            boolean serviceSurvived,
            boolean outOfMemory,
            Duration wall,
            Duration uploadSpan,
            Duration uploadToFirstStart,
            Duration startSpan,
            Duration meanStartToTask,
            List<Long> completionToImportMillis,
            int startCalls,
            int getCalls,
            int transcribeCalls,
            int peakCallsPerSecond,
            int peakStartsPerSecond,
            int peakGetsPerSecond,
            SortedMap<Long, Integer> startsPerSecond,
            SortedMap<Long, Integer> getsPerSecond,
            int quotaRefusals,
            int throttlingErrors,
            int peakRunningJobs,
            int labelStudioRequests,
            int labelStudioImports,
            int labelStudioLookups,
            int labelStudioTokenRefreshes,
            Duration serviceStartup,
            ProcessSampler.Figures process,
            Path serviceLog,
            Path timeline,
            int healthProbes,
            int unhealthyProbes,
            SortedMap<String, Integer> s3Requests,
            Queues queues) {

        boolean complete() {
            return tasks == objects && duplicateTasks == 0 && failureRecords == 0 && serviceSurvived && !outOfMemory
                   && unhealthyProbes == 0;
        }

        long percentileMillis(double p) {
            return Percentiles.of(completionToImportMillis, p);
        }

        String name() {
            return events ? "event queues" : "listing + polling";
        }

        double getsPerJob() {
            return getCalls / (double) objects;
        }

        int s3RequestsTotal() {
            return s3Requests.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Seconds in which the emulator received more calls of an operation than {@code budget}. */
        static long secondsOver(SortedMap<Long, Integer> perSecond, long budget) {
            return perSecond.values().stream().filter(calls -> calls > budget).count();
        }

        /**
         * Most calls in two consecutive seconds: a second over budget next to one under it by as much is a call that
         * arrived a little late or early across the boundary, not a faster rate.
         */
        static int peakTwoSeconds(SortedMap<Long, Integer> perSecond) {
            int peak = 0;
            for (Map.Entry<Long, Integer> second : perSecond.entrySet()) {
                peak = Math.max(peak, second.getValue() + perSecond.getOrDefault(second.getKey() + 1, 0));
            }
            return peak;
        }
    }

    private ThroughputRun() {
    }

    static Result run(BenchSettings settings, BenchEmulators emulators, Path runDir, boolean events)
            throws Exception {
        emulators.freshTranscribeAndLabelStudio();
        String bucket = emulators.newBucket(events ? "bench-events" : "bench");
        int project = emulators.newProject("throughput");
        String name = events ? "throughput-events" : "throughput";
        if (!events) {
            return emulators.withService(runDir, name, bucket, project, Map.of(), Duration.ofMinutes(2),
                    running -> measure(settings, emulators, bucket, project, running, runDir, name, null));
        }
        try (EventQueues queues = emulators.eventQueues(bucket, S3EventFormat.S3_NOTIFICATION)) {
            Map<String, String> extra = queues.environment();
            // the benchmark's --env settings win over these
            Map<String, String> eventSettings = Map.of("S3_RECONCILE_INTERVAL_MS", RECONCILE_INTERVAL_MS,
                    "TRANSCRIBE_EVENTS_FALLBACK_POLL_MS", FALLBACK_POLL_MS);
            eventSettings.forEach((setting, value) -> {
                if (!settings.serviceEnvironment().containsKey(setting)) {
                    extra.put(setting, value);
                }
            });
            return emulators.withService(runDir, name, bucket, project, extra, Duration.ofMinutes(2),
                    running -> measure(settings, emulators, bucket, project, running, runDir, name, queues));
        }
    }

    private static Result measure(BenchSettings settings, BenchEmulators emulators, String bucket, int project,
                                  BenchEmulators.RunningService running, Path runDir, String name,
                                  EventQueues queues) throws Exception {
        ServiceProcess service = running.process();
        SortedMap<String, Integer> s3Before = emulators.s3.requestsByOthers();
        TranscribeEmulator transcribe = emulators.transcribe;
        HealthProbe probe = new HealthProbe(service);
        int lsBefore = emulators.labelStudio.totalRequests();
        int refreshBefore = emulators.labelStudio.refreshRequests();

        Instant firstUpload = Instant.now();
        upload(emulators, bucket, settings.objects());
        Instant uploadsDone = Instant.now();

        Duration timeout = settings.idealWallTime().multipliedBy(10).plusMinutes(3);
        List<Task> tasks = awaitTasks(emulators, project, settings.objects(), service, timeout);
        awaitQuiet(emulators, Duration.ofMinutes(2));
        probe.close();
        ProcessSampler.Figures figures = running.sampler().finish();
        SortedMap<String, Integer> s3Requests = emulators.s3RequestsSince(s3Before);
        Queues queueFigures = queues == null ? null : new Queues(queues.sourceEvents().sent(),
                queues.transcribeEvents().sent(),
                queues.sqs().deadLetters(queues.sourceEventsQueueUrl()).size()
                        + queues.sqs().deadLetters(queues.transcribeEventsQueueUrl()).size(),
                queues.sqs().undeletedMessages(queues.sourceEventsQueueUrl())
                        + queues.sqs().undeletedMessages(queues.transcribeEventsQueueUrl()));

        Map<String, TranscribeEmulator.JobTimes> jobs = transcribe.jobTimes().stream()
                .collect(Collectors.toMap(TranscribeEmulator.JobTimes::jobName, Function.identity()));
        List<Long> delays = new ArrayList<>();
        long startToTaskMillis = 0;
        for (Task task : tasks) {
            TranscribeEmulator.JobTimes job = jobs.get(task.data().path("transcribe_job").asText());
            delays.add(Duration.between(job.finished(), task.createdAt()).toMillis());
            startToTaskMillis += Duration.between(job.created(), task.createdAt()).toMillis();
        }
        Path timeline = writeTimeline(runDir.resolve(name + "-timeline.csv"), tasks, jobs);
        Instant lastImport = tasks.stream().map(Task::createdAt).max(Comparator.naturalOrder()).orElse(firstUpload);
        Instant firstStart = jobs.values().stream().map(TranscribeEmulator.JobTimes::created)
                .min(Comparator.naturalOrder()).orElse(firstUpload);
        Instant lastStart = jobs.values().stream().map(TranscribeEmulator.JobTimes::created)
                .max(Comparator.naturalOrder()).orElse(firstUpload);
        Map<String, Long> perSource = tasks.stream()
                .collect(Collectors.groupingBy(t -> t.data().path("source_uri").asText(), Collectors.counting()));
        return new Result(
                queues != null,
                settings.objects(),
                perSource.size(),
                (int) perSource.values().stream().filter(n -> n > 1).count(),
                emulators.s3.keys(bucket, "transcribe-bridge/failed/").size(),
                service.isAlive(),
                service.log().contains("OutOfMemoryError"),
                Duration.between(firstUpload, lastImport),
                Duration.between(firstUpload, uploadsDone),
                Duration.between(firstUpload, firstStart),
                Duration.between(firstStart, lastStart),
                Duration.ofMillis(tasks.isEmpty() ? 0 : startToTaskMillis / tasks.size()),
                delays,
                transcribe.calls(START),
                transcribe.calls(GET),
                transcribe.totalCalls(),
                transcribe.peakCallsPerSecond(),
                transcribe.peakCallsPerSecond(START),
                transcribe.peakCallsPerSecond(GET),
                transcribe.callsPerSecond(START),
                transcribe.callsPerSecond(GET),
                transcribe.errors("LimitExceededException"),
                transcribe.errors("ThrottlingException"),
                peakRunning(jobs.values()),
                emulators.labelStudio.totalRequests() - lsBefore,
                emulators.labelStudio.importRequests(),
                emulators.labelStudio.requests("/api/tasks/?"),
                emulators.labelStudio.refreshRequests() - refreshBefore,
                running.startup(),
                figures,
                running.logCopy(),
                timeline,
                probe.probes(),
                probe.failures(),
                s3Requests,
                queueFigures);
    }

    /** One line per task: its job's creation and completion (Transcribe emulator) and its creation (Label Studio). */
    private static Path writeTimeline(Path file, List<Task> tasks, Map<String, TranscribeEmulator.JobTimes> jobs)
            throws IOException {
        StringBuilder csv = new StringBuilder("job,source,job_created,job_finished,task_created\n");
        for (Task task : tasks) {
            TranscribeEmulator.JobTimes job = jobs.get(task.data().path("transcribe_job").asText());
            csv.append(job.jobName()).append(',').append(task.data().path("source_uri").asText()).append(',')
                    .append(job.created()).append(',').append(job.finished()).append(',').append(task.createdAt())
                    .append('\n');
        }
        return Files.writeString(file, csv);
    }

    /** Distinct text per object, so each has its own ETag, as recordings do. */
    private static void upload(BenchEmulators emulators, String bucket, int objects) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                String key = String.format("calls/2024/call-%06d.wav", i);
                String speech = "Thank you for calling, this is call number " + i + " of the benchmark.";
                puts.add(pool.submit(() -> emulators.s3.put(bucket, key, speech)));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<Task> awaitTasks(BenchEmulators emulators, int project, int objects, ServiceProcess service,
                                         Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (service.isAlive() && System.nanoTime() < deadline) {
            // counting is cheap; copying every task is not, so only once they are all there (an import request
            // carries a batch of tasks, so import requests are no measure of tasks)
            if (emulators.labelStudio.taskCount(project) >= objects) {
                return emulators.labelStudio.tasks(project);
            }
            Thread.sleep(POLL.toMillis());
        }
        return emulators.labelStudio.tasks(project);
    }

    /** Until neither Transcribe nor Label Studio has been called for 2 s: the counts are final. */
    private static void awaitQuiet(BenchEmulators emulators, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = emulators.transcribe.totalCalls() + emulators.labelStudio.totalRequests();
            if (now != seen) {
                seen = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange >= QUIET.toNanos()) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Most jobs QUEUED or IN_PROGRESS at the same moment, as the emulator's quota counts them. */
    private static int peakRunning(Iterable<TranscribeEmulator.JobTimes> jobs) {
        Map<Instant, Integer> changes = new HashMap<>();
        for (TranscribeEmulator.JobTimes job : jobs) {
            changes.merge(job.created(), 1, Integer::sum);
            changes.merge(job.finished(), -1, Integer::sum);
        }
        int running = 0;
        int peak = 0;
        for (Map.Entry<Instant, Integer> change : changes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            running += change.getValue();
            peak = Math.max(peak, running);
        }
        return peak;
    }
}
