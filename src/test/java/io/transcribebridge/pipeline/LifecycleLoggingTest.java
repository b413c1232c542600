package io.transcribebridge.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.LogCapture;
import io.transcribebridge.testing.ProductionLogFormat;
import io.transcribebridge.transcribe.JobNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person can follow one object through the log: one INFO line per lifecycle step (seen, job started, job completed,
 * imported with the task id) or a WARN with the reason when it fails, and every line logged while the object is
 * processed, on whichever thread (queue consumer, poll scheduler, rate budget, retry scheduler), carries the object
 * and its job in the MDC. The same events rendered as JSON are one parseable object per line with those fields.
 */
class LifecycleLoggingTest extends BridgeTestSupport {

    private static final String OK = "calls/first call.wav";
    private static final String RETRIED = "calls/retried.wav";
    private static final String CORRUPT = "broken/corrupt.flac";
    /** The lifecycle loggers: route log steps, by stage. */
    private static final Set<String> STAGES = Set.of("io.transcribebridge.intake", "io.transcribebridge.transcribe",
            "io.transcribebridge.publish", "io.transcribebridge.failure");

    private static LogCapture logs;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void capture() {
        logs = LogCapture.start(Map.of("org.eclipse.jetty", Level.INFO, "org.gaul", Level.INFO,
                "org.jclouds", Level.INFO, "org.apache.camel", Level.INFO, "software.amazon", Level.INFO,
                "org.apache.hc", Level.INFO));
    }

    @AfterAll
    static void stopCapture() {
        logs.close();
    }

    @Test
    void eachObjectLeavesOneLinePerStepWithItsKeyAndJobInTheLogContext() throws Exception {
        s3.put(BUCKET, OK, "Hello from the first call.");
        awaitTask(OK);
        labelStudio.failNextImports(2, 503);
        s3.put(BUCKET, RETRIED, "Imported on the third attempt.");
        awaitTask(RETRIED);
        s3.put(BUCKET, CORRUPT, "#corrupt");
        String failedJob = job(CORRUPT);
        Eventually.await(SLOW, "the failure record",
                () -> s3.getString(BUCKET, OUTPUT_PREFIX + "failed/" + failedJob + ".json").isPresent());
        Eventually.await(SLOW, "the failure line", () -> lifecycle(CORRUPT).size() == 3);
        Eventually.await(SLOW, "the imported lines", () -> lifecycle(OK).size() == 4 && lifecycle(RETRIED).size() == 4);

        List<ILoggingEvent> events = logs.events();
        long taskId = labelStudio.tasks(project).stream()
                .filter(t -> t.data().path("source_uri").asText().equals(uri(OK))).findFirst().orElseThrow().id();
        assertThat(lifecycle(OK)).extracting(e -> e.getLevel() + " " + e.getFormattedMessage()).satisfiesExactly(
                seen -> assertThat(seen).startsWith("INFO Seen " + uri(OK) + " (etag "),
                started -> assertThat(started).isEqualTo("INFO Started Transcribe job " + job(OK) + " for " + uri(OK)),
                completed -> assertThat(completed).isEqualTo("INFO Transcribe job " + job(OK) + " COMPLETED for " + uri(OK)),
                imported -> assertThat(imported).startsWith("INFO Imported " + uri(OK) + " (job " + job(OK))
                        .endsWith(" into Label Studio as task " + taskId));
        assertThat(lifecycle(RETRIED)).extracting(e -> e.getFormattedMessage().split(" ")[0])
                .containsExactly("Seen", "Started", "Transcribe", "Imported");
        assertThat(lifecycle(CORRUPT)).extracting(e -> e.getLevel() + " " + e.getFormattedMessage()).satisfiesExactly(
                seen -> assertThat(seen).startsWith("INFO Seen " + uri(CORRUPT)),
                started -> assertThat(started).startsWith("INFO Started Transcribe job " + failedJob),
                failed -> assertThat(failed).startsWith("WARN Failed " + uri(CORRUPT) + " at transcribe-wait (job "
                                                         + failedJob + "): Transcribe job FAILED: The data in your input media file isn't valid"));

        // the steps run on different threads: the queue consumer, the poll and rate-budget schedulers, the retries
        assertThat(lifecycle(OK).stream().map(ILoggingEvent::getThreadName).distinct().count()).isGreaterThan(1);
        List<ILoggingEvent> retries = events.stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getLoggerName().equals("io.transcribebridge.retry"))
                .toList();
        assertThat(retries).as("retry lines of the two Label Studio 503s").extracting(ILoggingEvent::getFormattedMessage)
                .satisfiesExactly(
                        first -> assertThat(first).startsWith("Retrying " + uri(RETRIED) + " at import (job "
                                                              + job(RETRIED) + "), attempt 1 of 12: ").contains("HTTP 503"),
                        second -> assertThat(second).startsWith("Retrying " + uri(RETRIED) + " at import (job "
                                                                + job(RETRIED) + "), attempt 2 of 12: ").contains("HTTP 503"));
        assertThat(events).as("Camel's own retry lines, without the object, are gone")
                .noneMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("On delivery attempt"));
        for (ILoggingEvent retry : retries) {
            assertThat(retry.getMDCPropertyMap()).as("context of " + retry.getFormattedMessage())
                    .containsEntry("s3Key", RETRIED).containsEntry("jobName", job(RETRIED));
        }

        List<ILoggingEvent> aboutObjects = events.stream()
                .filter(e -> STAGES.contains(e.getLoggerName()) || e.getLevel().isGreaterOrEqual(Level.WARN))
                .filter(e -> List.of(OK, RETRIED, CORRUPT).stream().anyMatch(k -> e.getFormattedMessage().contains(job(k))))
                .toList();
        assertThat(aboutObjects).hasSizeGreaterThanOrEqualTo(11 + retries.size());
        for (ILoggingEvent event : aboutObjects) {
            String key = List.of(OK, RETRIED, CORRUPT).stream()
                    .filter(k -> event.getFormattedMessage().contains(job(k))).findFirst().orElseThrow();
            assertThat(event.getMDCPropertyMap()).as("context of " + event.getFormattedMessage())
                    .containsEntry("s3Bucket", BUCKET).containsEntry("s3Key", key).containsEntry("jobName", job(key));
        }

        try (ProductionLogFormat json = ProductionLogFormat.of("json")) {
            for (ILoggingEvent event : events) {
                String line = json.render(event);
                assertThat(line.indexOf('\n')).as("one line: " + line).isEqualTo(line.length() - 1);
                JsonNode parsed = mapper.readTree(line);
                assertThat(parsed.path("formattedMessage").asText()).isEqualTo(event.getFormattedMessage());
                assertThat(line).as("no secret in " + line).doesNotContain(configuredKey);
                labelStudio.issuedAccessTokens().forEach(token -> assertThat(line).doesNotContain(token));
                if (aboutObjects.contains(event)) {
                    assertThat(parsed.path("mdc").path("s3Key").asText()).isNotEmpty();
                    assertThat(parsed.path("mdc").path("jobName").asText()).startsWith("tb-");
                }
            }
        }
    }

    /** The INFO/WARN lines of the lifecycle loggers about one object, picked by the object's MDC. */
    private List<ILoggingEvent> lifecycle(String key) {
        return logs.events().stream()
                .filter(e -> STAGES.contains(e.getLoggerName()) && e.getLevel().isGreaterOrEqual(Level.INFO))
                .filter(e -> key.equals(e.getMDCPropertyMap().get("s3Key")))
                .collect(Collectors.toList());
    }

    private static String job(String key) {
        return JobNames.of(BUCKET, key, s3.etag(BUCKET, key));
    }

    private void awaitTask(String key) {
        Eventually.await(SLOW, "a task for " + key, () -> labelStudio.tasks(project).stream()
                .anyMatch(t -> t.data().path("source_uri").asText().equals(uri(key))));
    }
}
