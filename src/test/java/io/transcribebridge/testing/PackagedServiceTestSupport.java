package io.transcribebridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.testing.transcribe.TranscribeEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Integration tests of the packaged jar ({@link ServiceProcess}) against the emulators, which run in the test JVM:
 * embedded S3 with a bucket of the test's own, the Transcribe emulator and the Label Studio emulator with one
 * project (the ASR template) and a Personal Access Token. {@link #environment()} is what an operator would set.
 */
public abstract class PackagedServiceTestSupport {

    protected static final String OUTPUT_PREFIX = "transcribe-bridge/";

    protected EmbeddedS3 s3;
    protected TranscribeEmulator transcribe;
    protected LabelStudioEmulator labelStudio;
    /** Unique per test, so nothing an earlier run left behind (in S3 or on disk) can make an object look done. */
    protected String bucket;
    protected int project;
    protected String apiKey;
    private final List<ServiceProcess> services = new ArrayList<>();
    private EventQueues eventQueues;

    @BeforeEach
    void startEmulators() {
        s3 = EmbeddedS3.start();
        bucket = "recordings-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
        transcribe = TranscribeEmulator.start(s3.client()).runFor(Duration.ofMillis(500));
        labelStudio = LabelStudioEmulator.start();
        project = labelStudio.createProject("asr", labelConfig("asr-whole-file.xml"));
        apiKey = labelStudio.personalAccessToken();
    }

    @AfterEach
    void stopEverything() {
        services.forEach(ServiceProcess::close);
        labelStudio.close();
        transcribe.close();
        s3.close();
        if (eventQueues != null) {
            eventQueues.close();
        }
    }

    /**
     * Opt-in event-driven set-up: on first call starts an embedded SQS with a queue for this test's bucket's
     * object-created notifications (S3 format) and one for Transcribe's job state changes, each with a dead-letter
     * queue. {@code environment.putAll(eventQueues().environment())} points the service at them.
     */
    protected EventQueues eventQueues() {
        if (eventQueues == null) {
            eventQueues = EventQueues.start(s3, bucket, transcribe);
        }
        return eventQueues;
    }

    /** The full configuration, through environment variables only, with intervals short enough for a test. */
    protected Map<String, String> environment() {
        Map<String, String> environment = emulatorEnvironment(s3, transcribe, labelStudio, bucket, project, apiKey);
        environment.put("S3_POLL_INTERVAL_MS", "500");
        environment.put("TRANSCRIBE_POLL_INTERVAL_MS", "300");
        environment.put("TRANSCRIBE_POLL_MAX_INTERVAL_MS", "600");
        return environment;
    }

    /**
     * The required settings, and the AWS endpoints and credentials, that point the packaged service at the
     * emulators: what an operator would put in the environment. A new map, for the caller to add to.
     */
    public static Map<String, String> emulatorEnvironment(EmbeddedS3 s3, TranscribeEmulator transcribe,
                                                          LabelStudioEmulator labelStudio, String bucket, int project,
                                                          String apiKey) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "packaged-test-access-key");
        environment.put("AWS_SECRET_ACCESS_KEY", "packaged-test-secret-key");
        environment.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_TRANSCRIBE", transcribe.endpoint().toString());
        environment.put("S3_FORCE_PATH_STYLE", "true");
        environment.put("SOURCE_BUCKET", bucket);
        environment.put("LABEL_STUDIO_URL", labelStudio.url().toString());
        environment.put("LABEL_STUDIO_API_KEY", apiKey);
        environment.put("LABEL_STUDIO_PROJECT_ID", Integer.toString(project));
        return environment;
    }

    /** Starts the jar with this environment; the process is killed after the test if it is still running. */
    protected ServiceProcess startService(Map<String, String> environment) {
        ServiceProcess service = new ServiceProcess(environment);
        services.add(service);
        return service.start();
    }

    protected String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    protected long tasksFor(String key) {
        return labelStudio.tasks(project).stream()
                .filter(t -> t.data().path("source_uri").asText().equals(uri(key))).count();
    }

    protected List<String> failureRecords() {
        return s3.keys(bucket, OUTPUT_PREFIX + "failed/");
    }

    protected List<String> completionMarkers() {
        return s3.keys(bucket, OUTPUT_PREFIX + "done/");
    }

    /** Requests to the Data Manager task list: how the service looks up tasks it may have imported before. */
    protected int taskLookups() {
        return labelStudio.requests("/api/tasks/?");
    }

    /**
     * Waits until neither the Transcribe emulator nor Label Studio has been called for {@code quiet}: no job is
     * being polled and no import is under way (only the S3 listing goes on).
     */
    protected void awaitQuiet(Duration quiet, Duration timeout) {
        IntSupplier activity = () -> transcribe.totalCalls() + labelStudio.totalRequests();
        long[] lastChange = {System.nanoTime()};
        int[] lastSeen = {activity.getAsInt()};
        Eventually.await(timeout, "no Transcribe or Label Studio calls for " + quiet, () -> {
            int now = activity.getAsInt();
            if (now != lastSeen[0]) {
                lastSeen[0] = now;
                lastChange[0] = System.nanoTime();
            }
            return System.nanoTime() - lastChange[0] >= quiet.toNanos();
        });
    }

    protected static String labelConfig(String file) {
        try {
            return Files.readString(Path.of("src/test/resources/labelstudio", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
