package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.PackagedServiceTestSupport;
import io.transcribebridge.testing.ServiceProcess;
import io.transcribebridge.testing.labelstudio.Task;
import io.transcribebridge.transcribe.JobNames;
import org.assertj.core.api.SoftAssertions;

/**
 * For tests that stop the packaged service in awkward places and start it again: the objects they upload, the
 * end state every object must reach (exactly one task, one Transcribe job, no failure record) and the figures
 * that tell what happened on the way, printed to the test's output (the failsafe report).
 */
abstract class ExactlyOnceTestSupport extends PackagedServiceTestSupport {

    /** What the service logs when StartTranscriptionJob answers ConflictException. */
    static final String ADOPTION_LOG = "already exists; adopting it";

    /** Key shapes that have bitten S3 and URL code before: spaces, '+', '%', non-ASCII, upper-case extensions. */
    private static final List<Function<Integer, String>> KEY_SHAPES = List.of(
            i -> "interviews/session " + i + ".wav",
            i -> "calls/q3+q4 review " + i + ".wav",
            i -> "Zürich/Gespräch Nr. " + i + ".wav",
            i -> "日本/会議 " + i + ".wav",
            i -> "plain/rec-" + i + ".WAV",
            i -> "a b/c+d/é " + i + " 100%.wav");

    /** Every key uploaded so far, in order (a test may upload from a second thread). */
    protected final List<String> objects = new CopyOnWriteArrayList<>();

    /** Short listing, retry and claim intervals: a restarted service finds its unfinished work at once. */
    @Override
    protected Map<String, String> environment() {
        Map<String, String> environment = super.environment();
        environment.put("S3_POLL_INTERVAL_MS", "300");
        environment.put("RETRY_INITIAL_DELAY_MS", "200");
        environment.put("RETRY_MAX_DELAY_MS", "1000");
        // a killed run's claims expire within seconds, so its restart (or another replica) takes the work over soon;
        // the lease must exceed the Label Studio timeout plus the batch wait
        environment.put("CLAIMS_LEASE_MS", "10000");
        environment.put("CLAIMS_SWEEP_INTERVAL_MS", "1000");
        environment.put("LABEL_STUDIO_TIMEOUT_MS", "6000");
        return environment;
    }

    /** Uploads {@code count} recordings (the Transcribe emulator reads the text as speech); returns their keys. */
    protected List<String> upload(int count) {
        List<String> keys = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int i = objects.size() + 1;
            String key = KEY_SHAPES.get(i % KEY_SHAPES.size()).apply(i);
            s3.put(bucket, key, "This is recording number " + i + ". It must become exactly one task.");
            objects.add(key);
            keys.add(key);
        }
        return keys;
    }

    protected String jobName(String key) {
        return JobNames.of(bucket, key, s3.etag(bucket, key));
    }

    /** Tasks per uploaded key, in upload order (0 for a key without a task). */
    protected Map<String, Long> taskCounts() {
        Map<String, Long> perUri = labelStudio.tasks(project).stream()
                .collect(Collectors.groupingBy(t -> t.data().path("source_uri").asText(), Collectors.counting()));
        Map<String, Long> perKey = new LinkedHashMap<>();
        objects.forEach(key -> perKey.put(key, perUri.getOrDefault(uri(key), 0L)));
        return perKey;
    }

    protected int tasks() {
        return labelStudio.tasks(project).size();
    }

    /** Import requests Label Studio has received and not answered yet (e.g. sleeping in an import delay). */
    protected int importsInFlight() {
        return (int) labelStudio.requestLog().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/import") && r.status() == 0).count();
    }

    /**
     * After a kill: waits until Label Studio has answered every import, so that a task it commits for the dead
     * client is there before the test counts.
     */
    protected void awaitNoImportInFlight() {
        Eventually.await(Duration.ofSeconds(15), "Label Studio answering every import", () -> importsInFlight() == 0);
    }

    /** StartTranscriptionJob calls that created no job: with no faults injected, each was a ConflictException. */
    protected int conflicts() {
        return transcribe.calls("StartTranscriptionJob") - transcribe.jobNames().size();
    }

    /**
     * Waits until the (re)started service runs, every uploaded object has a task, and then nothing happens for
     * three seconds: several listing passes found no more work and no duplicate is on its way.
     */
    protected void awaitSettled(ServiceProcess service, Duration timeout) {
        service.awaitHealthy(timeout);
        Eventually.await(timeout, "a task for each of the " + objects.size() + " objects",
                () -> objects.stream().allMatch(key -> tasksFor(key) > 0));
        awaitQuiet(Duration.ofSeconds(3), timeout);
    }

    /**
     * The run after the faults: no more import delay, the service started again, left to settle and stopped with
     * SIGTERM. Returns whether it stopped within 30 s.
     */
    protected boolean finalRun(ServiceProcess service, Duration timeout) {
        labelStudio.importDelay(Duration.ZERO);
        service.start();
        awaitSettled(service, timeout);
        service.sigterm();
        return service.awaitExit(Duration.ofSeconds(30));
    }

    /**
     * The end state: per object exactly one task, carrying the object's job; exactly one Transcribe job per object
     * and no other; no failure record; a completion marker per job. All checked, all failures reported together.
     */
    protected void assertExactlyOnce(SoftAssertions softly) {
        List<Task> tasks = labelStudio.tasks(project);
        Map<String, Long> notExactlyOnce = new LinkedHashMap<>(taskCounts());
        notExactlyOnce.values().removeIf(count -> count == 1);
        softly.assertThat(notExactlyOnce).as("objects whose task count is not exactly 1 (key -> tasks)").isEmpty();
        softly.assertThat(tasks.size()).as("tasks in the project").isEqualTo(objects.size());

        Map<String, String> jobByUri = objects.stream().collect(Collectors.toMap(this::uri, this::jobName));
        softly.assertThat(tasks.stream()
                        .filter(t -> !t.data().path("transcribe_job").asText()
                                .equals(jobByUri.get(t.data().path("source_uri").asText())))
                        .map(t -> t.id() + " " + t.data()).toList())
                .as("tasks not carrying their object's deterministic job name").isEmpty();
        Set<String> expectedJobs = Set.copyOf(jobByUri.values());
        softly.assertThat(transcribe.jobNames()).as("Transcribe jobs: one per object, none restarted under a new name")
                .hasSize(objects.size())
                .containsExactlyInAnyOrderElementsOf(expectedJobs);
        softly.assertThat(failureRecords()).as("failure records").isEmpty();
        softly.assertThat(completionMarkers()).as("completion markers under " + OUTPUT_PREFIX + "done/")
                .containsExactlyInAnyOrderElementsOf(expectedJobs.stream()
                        .map(job -> OUTPUT_PREFIX + "done/" + job + ".json").toList());
    }

    /** Figures common to every scenario, in a fixed order; a test adds its own. */
    protected Map<String, Object> figures(ServiceProcess service) {
        String log = service.log();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("service runs", service.runs());
        figures.put("objects", objects.size());
        Map<String, Long> counts = taskCounts();
        figures.put("tasks", tasks());
        figures.put("objects with exactly one task", counts.values().stream().filter(n -> n == 1).count());
        figures.put("objects with more than one task", counts.values().stream().filter(n -> n > 1).count());
        figures.put("objects without a task", counts.values().stream().filter(n -> n == 0).count());
        figures.put("Transcribe jobs", transcribe.jobNames().size());
        figures.put("StartTranscriptionJob calls", transcribe.calls("StartTranscriptionJob"));
        figures.put("Conflict answers (Start calls - jobs)", conflicts());
        figures.put("adoptions logged", count(log, ADOPTION_LOG));
        figures.put("GetTranscriptionJob calls", transcribe.calls("GetTranscriptionJob"));
        figures.put("import requests", labelStudio.importRequests());
        figures.put("task lookups (GET /api/tasks)", taskLookups());
        figures.put("completion markers", completionMarkers().size());
        figures.put("failure records", failureRecords().size());
        return figures;
    }

    protected static void print(String scenario, Map<String, Object> figures, ServiceProcess service) {
        StringBuilder out = new StringBuilder("==== ").append(scenario).append(" ====\n");
        figures.forEach((name, value) -> out.append(String.format("  %-40s %s%n", name, value)));
        out.append(String.format("  %-40s %s%n", "service log", service.logFile()));
        System.out.print(out);
        System.out.flush();
    }

    protected static int count(String text, String substring) {
        Matcher matcher = Pattern.compile(Pattern.quote(substring)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
