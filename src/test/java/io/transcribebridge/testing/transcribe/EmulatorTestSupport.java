package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.transcribebridge.testing.s3.EmbeddedS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.transcribe.TranscribeClient;
import software.amazon.awssdk.services.transcribe.TranscribeClientBuilder;
import software.amazon.awssdk.services.transcribe.model.GetTranscriptionJobResponse;
import software.amazon.awssdk.services.transcribe.model.LanguageCode;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJob;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;

/**
 * Base class of the Transcribe emulator tests: one embedded S3 per test class, and per test a fresh emulator, an SDK
 * client for it ({@link #transcribe}) and a fresh bucket ({@link #bucket}). Also holds the SDK clients and small
 * helpers the tests share.
 */
abstract class EmulatorTestSupport {

    static final AwsCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    /** Reads the transcript files the emulator writes. */
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Which SDK client {@link #transcribe} is. */
    enum Retries {
        /** {@link #client(TranscribeEmulator)}: the SDK's default retry behaviour. */
        SDK_DEFAULT,
        /** {@link #clientWithoutRetries(TranscribeEmulator)}: every error surfaces at once. */
        NONE
    }

    protected static EmbeddedS3 s3;

    private final String bucketPrefix;
    private final Retries retries;
    private final Duration runFor;

    protected TranscribeEmulator emulator;
    protected TranscribeClient transcribe;
    protected String bucket;

    /** Emulator with default settings; the bucket is named {@code bucketPrefix-...}. */
    protected EmulatorTestSupport(String bucketPrefix, Retries retries) {
        this(bucketPrefix, retries, null);
    }

    /** Emulator whose jobs stay IN_PROGRESS for {@code runFor}; the bucket is named {@code bucketPrefix-...}. */
    protected EmulatorTestSupport(String bucketPrefix, Retries retries, Duration runFor) {
        this.bucketPrefix = bucketPrefix;
        this.retries = retries;
        this.runFor = runFor;
    }

    @BeforeAll
    static void startS3() {
        s3 = EmbeddedS3.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void startEmulator() {
        emulator = TranscribeEmulator.start(s3.client());
        if (runFor != null) {
            emulator.runFor(runFor);
        }
        transcribe = retries == Retries.SDK_DEFAULT ? client(emulator) : clientWithoutRetries(emulator);
        bucket = unique(bucketPrefix);
        s3.createBucket(bucket);
    }

    @AfterEach
    void stopEmulator() {
        transcribe.close();
        emulator.close();
    }

    /** Lower-case, S3- and job-name-safe, unique within the JVM. */
    static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    /** A client with the SDK's default retry behaviour, as production code would use. */
    static TranscribeClient client(TranscribeEmulator emulator) {
        return builder(emulator, TEST_CREDENTIALS, emulator.region()).build();
    }

    /** A client that surfaces every error at once, so tests see exactly what the emulator answered. */
    static TranscribeClient clientWithoutRetries(TranscribeEmulator emulator) {
        return builder(emulator, TEST_CREDENTIALS, emulator.region())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static TranscribeClientBuilder builder(TranscribeEmulator emulator, AwsCredentialsProvider credentials,
            String region) {
        return TranscribeClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder());
    }

    /** Checks the service's own message, without the " (Service: ..., Request ID: ...)" the SDK appends. */
    static Consumer<Throwable> awsMessage(String expected) {
        return thrown -> assertThat(((AwsServiceException) thrown).awsErrorDetails().errorMessage())
                .isEqualTo(expected);
    }

    static StartTranscriptionJobRequest.Builder start(String jobName, String mediaUri) {
        return StartTranscriptionJobRequest.builder()
                .transcriptionJobName(jobName)
                .media(m -> m.mediaFileUri(mediaUri))
                .languageCode(LanguageCode.EN_US);
    }

    static TranscriptionJob awaitTerminal(TranscribeClient client, String jobName) {
        return awaitStatus(client, jobName,
                Set.of(TranscriptionJobStatus.COMPLETED, TranscriptionJobStatus.FAILED));
    }

    static TranscriptionJob awaitStatus(TranscribeClient client, String jobName, Set<TranscriptionJobStatus> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            GetTranscriptionJobResponse response = client.getTranscriptionJob(r -> r.transcriptionJobName(jobName));
            TranscriptionJob job = response.transcriptionJob();
            if (wanted.contains(job.transcriptionJobStatus())) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                fail("job %s still %s, wanted %s", jobName, job.transcriptionJobStatus(), wanted);
            }
            sleep(Duration.ofMillis(40));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
