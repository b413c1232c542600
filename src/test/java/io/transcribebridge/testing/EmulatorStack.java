package io.transcribebridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.testing.transcribe.TranscribeEmulator;

/**
 * A local playground without AWS or Label Studio: starts the S3, Transcribe and Label Studio emulators, seeds a
 * bucket with a few "recordings" (text files the Transcribe emulator reads as speech) and prints the environment
 * to start the real service with. Stops on Ctrl+C, printing the tasks Label Studio received.
 * <p>
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=io.transcribebridge.testing.EmulatorStack -Dexec.classpathScope=test}
 * <p>
 * With {@code -Dexec.args=--events} it also starts an embedded SQS (ElasticMQ) with the queues {@code source-events}
 * (the bucket's object-created notifications, S3 format) and {@code transcribe-events} (Transcribe job state changes),
 * each with a {@code -dlq}, and adds {@code AWS_ENDPOINT_URL_SQS}, {@code SOURCE_EVENTS_QUEUE_URL} and
 * {@code TRANSCRIBE_EVENTS_QUEUE_URL} to the environment file.
 */
public final class EmulatorStack {

    private EmulatorStack() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        EmbeddedS3 s3 = EmbeddedS3.start();
        s3.createBucket("demo-audio");
        TranscribeEmulator transcribe = TranscribeEmulator.start(s3.client()).runFor(Duration.ofSeconds(3));
        LabelStudioEmulator labelStudio = LabelStudioEmulator.start();
        int project = labelStudio.createProject("Demo",
                Files.readString(Path.of("src/test/resources/labelstudio/asr-whole-file.xml")));
        // before the recordings are put, so that they are notified too
        EventQueues events = List.of(args).contains("--events")
                ? EventQueues.start(s3, "demo-audio", transcribe) : null;

        s3.put("demo-audio", "calls/2024/welcome.wav", "Welcome to the demo|0.61 of transcribe bridge.");
        s3.put("demo-audio", "calls/2024/Zürich Gespräch.MP3", "Grüezi and thank you for calling.");
        s3.put("demo-audio", "calls/notes.txt", "not audio: ignored");
        s3.put("demo-audio", "calls/broken.flac", "#corrupt");

        Path env = Path.of("target/emulator-stack.env");
        List<String> settings = new ArrayList<>(List.of(
                "AWS_REGION=us-east-1",
                "AWS_ACCESS_KEY_ID=demo",
                "AWS_SECRET_ACCESS_KEY=demo",
                "AWS_ENDPOINT_URL_S3=" + s3.endpoint(),
                "AWS_ENDPOINT_URL_TRANSCRIBE=" + transcribe.endpoint(),
                "S3_FORCE_PATH_STYLE=true",
                "SOURCE_BUCKET=demo-audio",
                "LABEL_STUDIO_URL=" + labelStudio.url(),
                "LABEL_STUDIO_API_KEY=" + labelStudio.personalAccessToken(),
                "LABEL_STUDIO_PROJECT_ID=" + project,
                "TRANSCRIBE_POLL_INTERVAL_MS=1000",
                "S3_POLL_INTERVAL_MS=2000"));
        if (events != null) {
            events.environment().forEach((name, value) -> settings.add(name + "=" + value));
        }
        settings.add("");
        String lines = String.join("\n", settings);
        Files.writeString(env, lines);
        System.out.println("Emulators running. Environment for the service written to " + env + ":\n\n" + lines);
        System.out.println("Start the service in another shell:\n  set -a; . " + env + "; set +a; "
                           + "java -jar target/transcribe-bridge.jar\nCtrl+C here prints the Label Studio tasks.");

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nLabel Studio project " + project + " received:");
            labelStudio.tasks(project).forEach(task -> System.out.println("  task " + task.id() + ": "
                    + task.data().path("source_uri").asText() + " -> "
                    + task.predictions().get(0).path("result").path(0).path("value").path("text").path(0).asText()
                    + " (score " + task.predictions().get(0).path("score").asText() + ")"));
            System.out.println("Failure records: " + s3.keys("demo-audio", "transcribe-bridge/failed/"));
        }));
        Thread.currentThread().join();
    }
}
