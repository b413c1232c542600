package io.transcribebridge.testing;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.transcribe.JobNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BridgeTestSupport} plus what fault-injection tests count: tasks per source object, failure records,
 * completion markers, Label Studio look-ups and the retries Camel made (by stage). Figures worth reporting are
 * printed as one {@code FIGURES} line per test (surefire keeps them in {@code target/surefire-reports/*-output.txt}).
 */
public abstract class FaultInjectionTestSupport extends BridgeTestSupport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Retries made by the service under test since it started. */
    protected Redeliveries redeliveries;

    @Override
    protected void doPostSetup() throws Exception {
        super.doPostSetup();
        redeliveries = Redeliveries.countIn(context);
    }

    /** Sets the retry policy: exponential backoff from {@code initialMs} up to {@code maxMs}, {@code attempts} tries. */
    protected static Properties retries(Properties p, long initialMs, long maxMs, int attempts) {
        p.setProperty("retry.initial-delay-ms", Long.toString(initialMs));
        p.setProperty("retry.max-delay-ms", Long.toString(maxMs));
        p.setProperty("retry.max-attempts", Integer.toString(attempts));
        return p;
    }

    protected static String jobName(String key) {
        return JobNames.of(BUCKET, key, s3.etag(BUCKET, key));
    }

    protected static String failureRecordKey(String key) {
        return OUTPUT_PREFIX + "failed/" + jobName(key) + ".json";
    }

    protected static String completionMarkerKey(String key) {
        return OUTPUT_PREFIX + "done/" + jobName(key) + ".json";
    }

    /** Waits until every key has its completion marker: imported, and known to be. */
    protected static void awaitCompletionMarkers(Collection<String> keys) {
        Eventually.await(SLOW, "a completion marker for each of " + keys.size() + " objects",
                () -> keys.stream().allMatch(key -> s3.getString(BUCKET, completionMarkerKey(key)).isPresent()));
    }

    /** Keys of every failure record in the output bucket. */
    protected static List<String> failureRecords() {
        return s3.keys(BUCKET, OUTPUT_PREFIX + "failed/");
    }

    protected static Optional<JsonNode> failureRecord(String key) {
        return s3.getString(BUCKET, failureRecordKey(key)).map(FaultInjectionTestSupport::json);
    }

    /** Waits for the failure record of {@code key} and checks that it names the object version. */
    protected static JsonNode awaitFailureRecord(String key) {
        Eventually.await(SLOW, "a failure record for " + key, () -> failureRecord(key).isPresent());
        JsonNode record = failureRecord(key).orElseThrow();
        assertThat(record.path("key").asText()).isEqualTo(key);
        assertThat(record.path("jobName").asText()).isEqualTo(jobName(key));
        return record;
    }

    /** Label Studio tasks of the project, counted by {@code data.source_uri}. */
    protected static Map<String, Long> tasksPerSource() {
        return labelStudio.tasks(project).stream()
                .collect(Collectors.groupingBy(t -> t.data().path("source_uri").asText(), Collectors.counting()));
    }

    protected static long tasksFor(String key) {
        return tasksPerSource().getOrDefault(uri(key), 0L);
    }

    /** Waits until every key has at least one task. */
    protected static void awaitTasks(Collection<String> keys) {
        Eventually.await(SLOW, "a task for each of " + keys.size() + " objects",
                () -> tasksPerSource().keySet().containsAll(keys.stream().map(BridgeTestSupport::uri).toList()));
    }

    /** Exactly one task per key: {@code tasksPerSource()} restricted to the keys, each mapped to 1. */
    protected static void assertOneTaskEach(Collection<String> keys) {
        Map<String, Long> tasks = tasksPerSource();
        assertThat(keys.stream().collect(Collectors.toMap(BridgeTestSupport::uri, k -> tasks.getOrDefault(uri(k), 0L))))
                .as("tasks per source object")
                .isEqualTo(keys.stream().collect(Collectors.toMap(BridgeTestSupport::uri, k -> 1L)));
    }

    /** Task look-ups ({@code GET /api/tasks/?query=}) Label Studio received. */
    protected static int lookups() {
        return labelStudio.requests("/api/tasks/?");
    }

    protected static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Prints the measured figures of a test as one line: {@code FIGURES <class>: name=value, ...}. */
    protected void report(Object... namesAndValues) {
        StringBuilder line = new StringBuilder("FIGURES ").append(getClass().getSimpleName()).append(':');
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            line.append(i == 0 ? " " : ", ").append(namesAndValues[i]).append('=').append(namesAndValues[i + 1]);
        }
        System.out.println(line);
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
