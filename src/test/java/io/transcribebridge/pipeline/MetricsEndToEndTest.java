package io.transcribebridge.pipeline;

import java.util.List;
import java.util.Properties;

import io.transcribebridge.failure.FailureClass;
import io.transcribebridge.metrics.BridgeMetrics;
import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.ManagementEndpoints;
import io.transcribebridge.testing.ManagementEndpoints.Metrics;
import io.transcribebridge.testing.labelstudio.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Objects go through the real routes and emulators: four become tasks (one after a Label Studio outage), one fails
 * in Transcribe, one has a broken transcript, one is not audio. The Prometheus scrape of /observe/metrics then holds
 * every transcribe_bridge_* metric with exactly the values this run should have produced.
 */
class MetricsEndToEndTest extends BridgeTestSupport {

    private static final String P = "transcribe_bridge_";
    private static final List<String> GOOD = List.of("metrics/a.wav", "metrics/b.mp3", "metrics/c.flac");

    @Override
    protected Properties properties() {
        Properties p = super.properties();
        p.setProperty("label-studio.batch-wait-ms", "200");
        return p;
    }

    @Test
    void scrapeHoldsEveryMetricWithTheValuesOfTheRun() {
        ManagementEndpoints management = new ManagementEndpoints(managementPort);
        Metrics before = management.scrape();
        // every name is exported before any traffic
        assertThat(before.value(P + "objects_seen_total")).isZero();
        assertThat(before.value(P + "jobs_failed_total", "reason=\"outage\"")).isZero();
        assertThat(before.value(P + "labelstudio_import_errors_total", "status_class=\"5xx\"")).isZero();
        assertThat(before.value(P + "transcribe_job_duration_seconds_count", "status=\"COMPLETED\"")).isZero();

        for (String key : GOOD) {
            s3.put(BUCKET, key, "Recording " + key + " says hello to the reviewers.");
        }
        s3.put(BUCKET, "metrics/notes.pdf", "not audio");
        s3.put(BUCKET, "metrics/empty.mp3", new byte[0]);
        s3.put(BUCKET, "metrics/garbled.wav", "#transcript-raw\n{\"results\": [this is not json");
        awaitTasks(GOOD);
        assertThat(failureRecords()).hasSize(2);

        // one import fails with a 503 and is retried
        labelStudio.failNextImports(1, 503);
        s3.put(BUCKET, "metrics/after-outage.wav", "Imported on the second try.");
        awaitTasks(List.of("metrics/after-outage.wav"));
        awaitListingPasses(1);
        Eventually.await(SLOW, "no object in flight", () -> management.scrape().value(P + "objects_in_flight") == 0);

        Metrics after = management.scrape();
        // intake: six supported object versions listed, the PDF skipped, nothing in flight any more
        assertThat(after.value(P + "objects_seen_total")).isEqualTo(6);
        assertThat(after.value(P + "objects_unsupported")).isEqualTo(1);
        assertThat(after.value(P + "objects_in_flight")).isZero();
        assertThat(after.value(P + "objects_in_flight_limit")).isEqualTo(100);
        // Transcribe: six jobs, the empty file's FAILED; each ran the emulator's 0.6 s
        assertThat(after.value(P + "jobs_started_total")).isEqualTo(6);
        assertThat(after.value(P + "jobs_adopted_total")).isZero();
        assertThat(after.value(P + "jobs_completed_total")).isEqualTo(5);
        assertThat(after.value(P + "transcribe_job_duration_seconds_count", "status=\"COMPLETED\"")).isEqualTo(5);
        assertThat(after.value(P + "transcribe_job_duration_seconds_sum", "status=\"COMPLETED\""))
                .isCloseTo(5 * 0.6, within(0.05));
        assertThat(after.value(P + "transcribe_job_duration_seconds_count", "status=\"FAILED\"")).isEqualTo(1);
        assertThat(after.value(P + "transcribe_job_duration_seconds_bucket", "status=\"COMPLETED\"", "le=\"60.0\""))
                .isEqualTo(5);
        // conversion: the four good transcripts (the garbled one failed), and their audio as the tasks report it
        assertThat(after.value(P + "conversion_seconds_count")).isEqualTo(4);
        assertThat(after.value(P + "conversion_seconds_sum")).isPositive();
        double taskAudioSeconds = labelStudio.tasks(project).stream().map(Task::meta)
                .mapToDouble(meta -> meta.path("audio_seconds").asDouble()).sum();
        assertThat(taskAudioSeconds).isPositive();
        assertThat(after.value(P + "audio_transcribed_seconds_total")).isCloseTo(taskAudioSeconds, within(0.01));
        // Label Studio: the failed request, its retry and the batches before it
        int importRequests = labelStudio.importRequests();
        assertThat(after.value(P + "labelstudio_import_requests_seconds_count")).isEqualTo(importRequests);
        assertThat(after.value(P + "labelstudio_import_errors_total", "status_class=\"5xx\"")).isEqualTo(1);
        assertThat(after.value(P + "labelstudio_import_errors_total", "status_class=\"4xx\"")).isZero();
        assertThat(after.value(P + "labelstudio_import_errors_total", "status_class=\"none\"")).isZero();
        assertThat(after.value(P + "objects_imported_total")).isEqualTo(4);
        assertThat(after.value(P + "retries_total", "stage=\"import\"")).isEqualTo(1);
        for (String stage : BridgeMetrics.STAGES) {
            if (!stage.equals("import")) {
                assertThat(after.value(P + "retries_total", "stage=\"" + stage + "\"")).as(stage).isZero();
            }
        }
        // failures, by reason class: one of each kind, both recorded
        for (FailureClass reason : FailureClass.values()) {
            double expected = reason == FailureClass.TRANSCRIBE_FAILED || reason == FailureClass.MALFORMED_TRANSCRIPT
                    ? 1 : 0;
            assertThat(after.value(P + "jobs_failed_total", "reason=\"" + reason.label() + "\""))
                    .as(reason.label()).isEqualTo(expected);
        }
        assertThat(after.value(P + "failure_records_written_total")).isEqualTo(2);
        // Camel's own meters are served alongside
        assertThat(after.has("camel_exchanges_total")).isTrue();
        // and the JVM's (camel.metrics.binders)
        assertThat(after.has("jvm_memory_used_bytes")).isTrue();
        assertThat(after.has("process_uptime_seconds")).isTrue();
        assertThat(after.text()).doesNotContain(configuredKey).doesNotContain("metrics/a.wav");
    }

    private void awaitTasks(List<String> keys) {
        Eventually.await(SLOW, "tasks for " + keys, () -> keys.stream().allMatch(key -> labelStudio.tasks(project)
                .stream().anyMatch(t -> t.data().path("source_uri").asText().equals(uri(key)))));
    }

    private List<String> failureRecords() {
        Eventually.await(SLOW, "two failure records", () -> s3.keys(BUCKET, OUTPUT_PREFIX + "failed/").size() >= 2);
        return s3.keys(BUCKET, OUTPUT_PREFIX + "failed/");
    }
}
