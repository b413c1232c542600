package io.transcribebridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import io.transcribebridge.config.BridgeConfiguration;
import io.transcribebridge.intake.BucketListing;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.testing.transcribe.TranscribeEmulator;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Boots the real service (camel-main, config/application.properties, routes/*.camel.yaml, the production bean
 * wiring) against embedded S3, the Transcribe emulator and the Label Studio emulator, all over HTTP on loopback.
 * The AWS SDK finds the emulators the way it finds LocalStack in production: through its standard endpoint,
 * region and credential settings (here the system-property forms of AWS_ENDPOINT_URL_S3 and friends).
 */
public abstract class BridgeTestSupport extends CamelMainTestSupport {

    protected static final String BUCKET = "audio-in";
    protected static final String OUTPUT_PREFIX = "transcribe-bridge/";
    protected static final Duration SLOW = Duration.ofSeconds(60);

    protected static EmbeddedS3 s3;
    protected static TranscribeEmulator transcribe;
    protected static LabelStudioEmulator labelStudio;
    protected static int project;
    protected static int managementPort;

    /** The Label Studio key the service under test was configured with: what {@link #apiKey()} returned. */
    protected String configuredKey;

    @BeforeAll
    static void startServers() throws IOException {
        s3 = EmbeddedS3.start();
        s3.createBucket(BUCKET);
        transcribe = TranscribeEmulator.start(s3.client()).runFor(Duration.ofMillis(600));
        labelStudio = LabelStudioEmulator.start();
        project = labelStudio.createProject("Transcripts", labelConfig("asr-whole-file.xml"));
        managementPort = freePort();
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "test-access-key");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
        System.setProperty("aws.endpointUrlS3", s3.endpoint().toString());
        System.setProperty("aws.endpointUrlTranscribe", transcribe.endpoint().toString());
    }

    @AfterAll
    static void stopServers() {
        for (String key : new String[] { "aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlS3",
                                         "aws.endpointUrlTranscribe" }) {
            System.clearProperty(key);
        }
        labelStudio.close();
        transcribe.close();
        s3.close();
    }

    protected static String labelConfig(String file) {
        try {
            return Files.readString(Path.of("src/test/resources/labelstudio", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webhook URL of the service when the review loop serves on {@code webhookPort}. */
    protected static String webhookUrl(int webhookPort) {
        return "http://localhost:" + webhookPort + "/label-studio/webhook";
    }

    /**
     * The review loop on, as an operator turns it on: its webhook on {@code webhookPort} with {@code secret},
     * registered at start, and the report refreshed soon after reviews (a test need not wait 30 s).
     */
    protected static void enableReview(Properties p, int webhookPort, String secret) {
        p.setProperty("review.enabled", "true");
        p.setProperty("review.webhook-port", Integer.toString(webhookPort));
        p.setProperty("review.webhook-secret", secret);
        p.setProperty("review.webhook-url", webhookUrl(webhookPort));
        p.setProperty("review.report-interval-ms", "300");
    }

    /**
     * A review's {@code .txt}, {@code .srt} and {@code .vtt}, written just after its {@code .json} record: waits
     * until all three are there and say {@code text}.
     */
    protected static void awaitReviewedFiles(String job, String text) {
        String key = OUTPUT_PREFIX + "reviewed/" + job;
        Eventually.await(SLOW, "the text and captions of " + job + " saying '" + text + "'", () -> java.util.stream
                .Stream.of(".txt", ".srt", ".vtt")
                .allMatch(extension -> s3.getString(BUCKET, key + extension).orElse("").contains(text)));
    }

    /** The same wiring as {@link io.transcribebridge.Application}: one configuration class, no package scan. */
    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(BridgeConfiguration.class);
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:config/application.properties";
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties());
    }

    /** What an operator would put in the environment, with short intervals so the test runs in seconds. */
    protected Properties properties() {
        Properties p = new Properties();
        p.setProperty("source.bucket", BUCKET);
        p.setProperty("label-studio.url", labelStudio.url().toString());
        configuredKey = apiKey();
        p.setProperty("label-studio.api-key", configuredKey);
        p.setProperty("label-studio.project-id", Integer.toString(project));
        p.setProperty("s3.force-path-style", "true");
        p.setProperty("s3.poll-interval-ms", "250");
        p.setProperty("transcribe.poll-interval-ms", "200");
        p.setProperty("transcribe.poll-max-interval-ms", "400");
        p.setProperty("retry.initial-delay-ms", "100");
        p.setProperty("retry.max-delay-ms", "500");
        p.setProperty("management.port", Integer.toString(managementPort));
        return p;
    }

    /** Called while the test instance is built, before the service starts; the result is {@link #configuredKey}. */
    protected String apiKey() {
        return labelStudio.personalAccessToken();
    }

    /**
     * Waits until {@code passes} complete listing passes of the source bucket have started and ended after this call,
     * so every object version listed by them has been queued (or skipped) by the time this returns.
     */
    protected void awaitListingPasses(int passes) {
        BucketListing listing = context.getRegistry().lookupByNameAndType("bucketListing", BucketListing.class);
        long target = listing.passes() + passes + 1;
        Eventually.await(SLOW, passes + " listing passes", () -> listing.passes() >= target);
    }

    protected static String uri(String key) {
        return "s3://" + BUCKET + "/" + key;
    }
}
