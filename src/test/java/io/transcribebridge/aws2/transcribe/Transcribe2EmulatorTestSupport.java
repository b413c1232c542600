package io.transcribebridge.aws2.transcribe;

import java.util.Map;

import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.testing.transcribe.TranscribeEmulator;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.transcribe.TranscribeClient;

/**
 * The aws2-transcribe component against the Transcribe emulator (AWS JSON 1.1 over HTTP), which reads media and
 * vocabulary files from a real S3 server. The registry holds the SDK client as {@code client}.
 */
abstract class Transcribe2EmulatorTestSupport extends CamelTestSupport {

    protected static EmbeddedS3 s3;
    protected static TranscribeEmulator emulator;

    /** Starts S3 with {@code bucket} holding {@code objects} (key to text), then the emulator on it. */
    protected static TranscribeEmulator startServers(String bucket, Map<String, String> objects) {
        s3 = EmbeddedS3.start();
        s3.createBucket(bucket);
        objects.forEach((key, text) -> s3.put(bucket, key, text));
        emulator = TranscribeEmulator.start(s3.client());
        return emulator;
    }

    @AfterAll
    static void stopServers() {
        emulator.close();
        s3.close();
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("client", TranscribeClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .build());
    }
}
