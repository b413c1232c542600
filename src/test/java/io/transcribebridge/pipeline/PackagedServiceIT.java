package io.transcribebridge.pipeline;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.testing.transcribe.TranscribeEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's way of running the service: {@code java -jar target/transcribe-bridge.jar} from the repository
 * root, configured only through environment variables, as a separate process. Catches what in-JVM tests cannot:
 * a dependency missing from the packaged runtime, the manifest class path, start-up checks and exit codes.
 */
class PackagedServiceIT {

    private static final Duration SLOW = Duration.ofSeconds(90);

    private EmbeddedS3 s3;
    private TranscribeEmulator transcribe;
    private LabelStudioEmulator labelStudio;
    private Path workDir;
    private Process service;

    @BeforeEach
    void start() throws IOException {
        s3 = EmbeddedS3.start();
        s3.createBucket("recordings");
        transcribe = TranscribeEmulator.start(s3.client()).runFor(Duration.ofMillis(500));
        labelStudio = LabelStudioEmulator.start();
        workDir = Files.createTempDirectory("packaged-service");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        labelStudio.close();
        transcribe.close();
        s3.close();
    }

    private Process launch(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", "target/transcribe-bridge.jar")
                .directory(new File("."))
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("service.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("LABEL_STUDIO_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String log() throws IOException {
        return Files.readString(workDir.resolve("service.log"));
    }

    @Test
    void runsFromTheJarAndTurnsObjectsIntoTasks() throws Exception {
        int project = labelStudio.createProject("asr",
                Files.readString(Path.of("src/test/resources/labelstudio/asr-whole-file.xml")));
        String pat = labelStudio.personalAccessToken();
        int managementPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            managementPort = socket.getLocalPort();
        }
        s3.put("recordings", "depositions/day 1.wav", "The deposition begins now.");
        s3.put("recordings", "depositions/exhibit.pdf", "not audio");

        service = launch(Map.ofEntries(
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "packaged-test-access-key"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "packaged-test-secret-key"),
                Map.entry("AWS_ENDPOINT_URL_S3", s3.endpoint().toString()),
                Map.entry("AWS_ENDPOINT_URL_TRANSCRIBE", transcribe.endpoint().toString()),
                Map.entry("S3_FORCE_PATH_STYLE", "true"),
                Map.entry("SOURCE_BUCKET", "recordings"),
                Map.entry("LABEL_STUDIO_URL", labelStudio.url().toString()),
                Map.entry("LABEL_STUDIO_API_KEY", pat),
                Map.entry("LABEL_STUDIO_PROJECT_ID", Integer.toString(project)),
                Map.entry("S3_POLL_INTERVAL_MS", "500"),
                Map.entry("TRANSCRIBE_POLL_INTERVAL_MS", "300"),
                Map.entry("STATE_DIR", workDir.resolve("state").toString()),
                Map.entry("MANAGEMENT_PORT", Integer.toString(managementPort))));

        Eventually.await(SLOW, "a task in Label Studio", () -> !labelStudio.tasks(project).isEmpty());
        assertThat(labelStudio.tasks(project).get(0).data().path("audio").asText())
                .isEqualTo("s3://recordings/depositions/day 1.wav");

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/observe/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        service.destroy(); // SIGTERM: camel-main shuts down gracefully
        assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("stops within 30 s of SIGTERM").isTrue();
        assertThat(labelStudio.tasks(project)).hasSize(1);
        String log = log();
        assertThat(log).contains("Imported s3://recordings/depositions/day 1.wav");
        assertThat(log).doesNotContain(pat).doesNotContain("packaged-test-secret-key");
    }

    @Test
    void missingSettingsStopItWithinTenSecondsNamingEachVariable() throws Exception {
        long started = System.nanoTime();
        service = launch(Map.of("SOURCE_BUCKET", "recordings", "STATE_DIR", workDir.resolve("state").toString()));
        assertThat(service.waitFor(10, TimeUnit.SECONDS)).as("exits within 10 s").isTrue();
        assertThat(service.exitValue()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(log()).contains("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY", "LABEL_STUDIO_PROJECT_ID")
                .doesNotContain("SOURCE_BUCKET (source.bucket)");
    }
}
