package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.Map;

import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.ManagementEndpoints;
import io.transcribebridge.testing.ManagementEndpoints.Metrics;
import io.transcribebridge.testing.PackagedServiceTestSupport;
import io.transcribebridge.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's way of running the service: {@code java -jar target/transcribe-bridge.jar} from the repository
 * root, configured only through environment variables, as a separate process. Catches what in-JVM tests cannot:
 * a dependency missing from the packaged runtime, the manifest class path, start-up checks and exit codes.
 */
class PackagedServiceIT extends PackagedServiceTestSupport {

    private static final Duration SLOW = Duration.ofSeconds(90);

    @Test
    void runsFromTheJarAndTurnsObjectsIntoTasks() {
        s3.put(bucket, "depositions/day 1.wav", "The deposition begins now.");
        s3.put(bucket, "depositions/exhibit.pdf", "not audio");

        ServiceProcess service = startService(environment());

        Eventually.await(SLOW, "a task in Label Studio", () -> !labelStudio.tasks(project).isEmpty());
        assertThat(labelStudio.tasks(project).get(0).data().path("audio").asText())
                .isEqualTo(uri("depositions/day 1.wav"));
        assertThat(service.healthStatus()).isEqualTo(200);
        ManagementEndpoints management = new ManagementEndpoints(service.managementPort());
        assertThat(management.status("/observe/health/ready")).isEqualTo(200);
        assertThat(management.status("/observe/health/live")).isEqualTo(200);
        // the packaged runtime serves Prometheus metrics: the service's own and Camel's
        Eventually.await(SLOW, "the import in the metrics",
                () -> management.scrape().value("transcribe_bridge_objects_imported_total") == 1);
        Metrics metrics = management.scrape();
        assertThat(metrics.value("transcribe_bridge_objects_seen_total")).isEqualTo(1);
        assertThat(metrics.value("transcribe_bridge_objects_unsupported")).isEqualTo(1);
        assertThat(metrics.value("transcribe_bridge_jobs_started_total")).isEqualTo(1);
        assertThat(metrics.value("transcribe_bridge_jobs_completed_total")).isEqualTo(1);
        assertThat(metrics.value("transcribe_bridge_labelstudio_import_requests_seconds_count")).isEqualTo(1);
        assertThat(metrics.value("transcribe_bridge_failure_records_written_total")).isZero();
        assertThat(metrics.has("camel_exchanges_total")).isTrue();
        assertThat(metrics.has("jvm_memory_used_bytes")).isTrue();
        assertThat(metrics.text()).doesNotContain(apiKey);

        service.sigterm(); // camel-main shuts down gracefully
        assertThat(service.awaitExit(Duration.ofSeconds(30))).as("stops within 30 s of SIGTERM").isTrue();
        assertThat(labelStudio.tasks(project)).hasSize(1);
        String log = service.log();
        assertThat(log).contains("Imported " + uri("depositions/day 1.wav"));
        assertThat(log).doesNotContain(apiKey).doesNotContain("packaged-test-secret-key");
    }

    @Test
    void missingSettingsStopItWithinTenSecondsNamingEachVariable() {
        long started = System.nanoTime();
        ServiceProcess service = startService(Map.of("SOURCE_BUCKET", bucket));
        assertThat(service.awaitExit(Duration.ofSeconds(10))).as("exits within 10 s").isTrue();
        assertThat(service.exitCode()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(service.log()).contains("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY", "LABEL_STUDIO_PROJECT_ID")
                .doesNotContain("SOURCE_BUCKET (source.bucket)");
    }

    @Test
    void aProjectThatCannotHoldATranscriptStopsItWithExitCode2() {
        int images = labelStudio.createProject("Images", "<View><Image name=\"image\" value=\"$image\"/>"
                + "<TextArea name=\"caption\" toName=\"image\"/></View>");
        Map<String, String> environment = environment();
        environment.put("LABEL_STUDIO_PROJECT_ID", Integer.toString(images));

        ServiceProcess service = startService(environment);

        assertThat(service.awaitExit(Duration.ofSeconds(10))).as("exits within 10 s").isTrue();
        assertThat(service.exitCode()).isEqualTo(2);
        assertThat(service.log()).contains("The labeling config of Label Studio project " + images + " ('Images') has "
                + "no <Audio> tag").doesNotContain(apiKey);
        assertThat(transcribe.calls("StartTranscriptionJob")).isZero();
    }
}
