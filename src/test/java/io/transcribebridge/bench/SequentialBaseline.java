package io.transcribebridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.labelstudio.TaskLayout;
import io.transcribebridge.transcribe.JobNames;
import io.transcribebridge.transcript.TaskFactory;
import io.transcribebridge.transcript.TranscriptParser;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.transcribe.TranscribeClient;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;

/**
 * The tutorial's way, as a plain SDK loop against the same emulators: for one object after the other, start a job,
 * ask for its status right away and then every 10 s until it is COMPLETED, read the transcript, import the task,
 * next object. A small sample is measured and extrapolated to N (it is strictly sequential, so the time per object
 * does not depend on N).
 */
final class SequentialBaseline {

    record Result(int sample, Duration measured, int getCalls) {

        Duration perObject() {
            return measured.dividedBy(Math.max(1, sample));
        }

        Duration extrapolatedTo(int objects) {
            return perObject().multipliedBy(objects);
        }
    }

    private SequentialBaseline() {
    }

    static Result run(BenchSettings settings, BenchEmulators emulators) throws Exception {
        String bucket = emulators.newBucket("tutorial");
        int project = emulators.newProject("tutorial");
        String token = emulators.labelStudio.legacyToken();
        ObjectMapper mapper = new ObjectMapper();
        TranscriptParser parser = new TranscriptParser(mapper);
        TaskFactory tasks = new TaskFactory(mapper, TaskLayout.ASR_TEMPLATE, "amazon-transcribe");
        HttpClient http = HttpClient.newHttpClient();
        URI importUri = URI.create(emulators.labelStudio.url() + "/api/projects/" + project + "/import");
        // the tutorial starts from files already in the bucket
        for (int i = 0; i < settings.baselineSample(); i++) {
            emulators.s3.put(bucket, key(i), "Tutorial call number " + i + " is transcribed on its own.");
        }
        int getsBefore = emulators.transcribe.calls(ThroughputRun.GET);
        try (TranscribeClient transcribe = TranscribeClient.builder()
                .endpointOverride(emulators.transcribe.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            long started = System.nanoTime();
            for (int i = 0; i < settings.baselineSample(); i++) {
                String key = key(i);
                String job = "tutorial-" + i + "-" + UUID.randomUUID();
                String outputKey = "tutorial-output/" + job + ".json";
                transcribe.startTranscriptionJob(r -> r.transcriptionJobName(job).languageCode("en-US")
                        .media(m -> m.mediaFileUri("s3://" + bucket + "/" + key))
                        .outputBucketName(bucket).outputKey(outputKey));
                TranscriptionJobStatus status;
                while (true) {
                    status = transcribe.getTranscriptionJob(r -> r.transcriptionJobName(job)).transcriptionJob()
                            .transcriptionJobStatus();
                    if (status == TranscriptionJobStatus.COMPLETED || status == TranscriptionJobStatus.FAILED) {
                        break;
                    }
                    Thread.sleep(settings.baselinePollInterval().toMillis());
                }
                if (status != TranscriptionJobStatus.COMPLETED) {
                    throw new IllegalStateException("tutorial job " + job + " ended " + status);
                }
                byte[] transcript = emulators.s3.get(bucket, outputKey).orElseThrow();
                SourceObject source = new SourceObject(bucket, key,
                        JobNames.normalizeEtag(emulators.s3.etag(bucket, key)), -1);
                String body = "[" + tasks.task(source, job, parser.parse(transcript)) + "]";
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(importUri)
                        .header("Authorization", "Token " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 201) {
                    throw new IllegalStateException("import answered " + answer.statusCode() + ": " + answer.body());
                }
            }
            return new Result(settings.baselineSample(), Duration.ofNanos(System.nanoTime() - started),
                    emulators.transcribe.calls(ThroughputRun.GET) - getsBefore);
        }
    }

    private static String key(int i) {
        return String.format("tutorial/call-%03d.wav", i);
    }
}
