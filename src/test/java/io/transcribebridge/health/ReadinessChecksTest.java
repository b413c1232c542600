package io.transcribebridge.health;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.labelstudio.LabelStudioAuth;
import io.transcribebridge.labelstudio.LabelStudioProjects;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import io.transcribebridge.testing.s3.EmbeddedS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness checks against the real protocols: the Label Studio emulator and embedded S3. */
class ReadinessChecksTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final SteppedClock clock = new SteppedClock();
    private LabelStudioEmulator labelStudio;
    private EmbeddedS3 s3;
    private int project;

    @BeforeEach
    void start() throws IOException {
        labelStudio = LabelStudioEmulator.start();
        project = labelStudio.createProject("asr",
                Files.readString(Path.of("src/test/resources/labelstudio/asr-whole-file.xml")));
        s3 = EmbeddedS3.start();
        s3.createBucket("audio");
    }

    @AfterEach
    void stop() {
        labelStudio.close();
        s3.close();
    }

    private LabelStudioCheck labelStudioCheck(String key, int projectId) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        ObjectMapper mapper = new ObjectMapper();
        LabelStudioAuth auth = new LabelStudioAuth(labelStudio.url(), key, http, mapper, clock, TIMEOUT);
        return new LabelStudioCheck(new LabelStudioProjects(labelStudio.url(), auth, http, mapper, TIMEOUT),
                projectId, INTERVAL, clock);
    }

    @Test
    void readyWhenTheProjectAnswersWithTheKey() {
        LabelStudioCheck check = labelStudioCheck(labelStudio.personalAccessToken(), project);
        assertThat(check.problem()).isNull();
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).as("a dependency never makes the service dead").isFalse();
    }

    @Test
    void notReadyWithTheCauseNamedButNeverTheKey() {
        String pat = labelStudio.personalAccessToken();
        assertThat(labelStudioCheck(pat, project + 100).problem())
                .contains("has no project " + (project + 100)).doesNotContain(pat);

        String wrongLegacyKey = "0123456789abcdef0123456789abcdef01234567";
        assertThat(labelStudioCheck(wrongLegacyKey, project).problem())
                .contains("Label Studio rejected the legacy token", "401").doesNotContain(wrongLegacyKey);

        labelStudio.down();
        assertThat(labelStudioCheck(pat, project).problem()).contains("cannot reach Label Studio")
                .doesNotContain(pat);
    }

    @Test
    void asksLabelStudioAtMostOncePerInterval() {
        LabelStudioCheck check = labelStudioCheck(labelStudio.personalAccessToken(), project);
        String projectPath = "/api/projects/" + project + "/?";
        for (int i = 0; i < 20; i++) {
            assertThat(check.problem()).isNull();
        }
        assertThat(labelStudio.requests(projectPath)).isEqualTo(1);

        labelStudio.down();
        clock.advance(INTERVAL.minusMillis(1));
        assertThat(check.problem()).as("still the cached answer").isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(check.problem()).as("asked again").contains("cannot reach Label Studio");

        labelStudio.up();
        assertThat(check.problem()).as("cached until the next interval").isNotNull();
        clock.advance(INTERVAL);
        assertThat(check.problem()).isNull();
        assertThat(labelStudio.requests(projectPath)).isEqualTo(2);
    }

    @Test
    void sourceBucketReadyWhenItCanBeListed() {
        assertThat(new SourceBucketCheck(s3.client(), "audio", "calls/", TIMEOUT, INTERVAL, clock).problem())
                .isNull();
        assertThat(new SourceBucketCheck(s3.client(), "no-such-bucket", "", TIMEOUT, INTERVAL, clock).problem())
                .isEqualTo("the source bucket s3://no-such-bucket/ cannot be listed (S3 answered HTTP 404 "
                           + "NoSuchBucket)");
        try (S3Client client = EmbeddedS3.newClient(s3.endpoint())) {
            SourceBucketCheck unreachable = new SourceBucketCheck(client, "audio", "", TIMEOUT, INTERVAL, clock);
            s3.close();
            assertThat(unreachable.problem()).startsWith("cannot reach the source bucket s3://audio/: ");
        }
    }

    /** Moves only when told to. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
