package io.transcribebridge.doctor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.transcribebridge.testing.PackagedServiceTestSupport;
import io.transcribebridge.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar target/transcribe-bridge.jar doctor} as an operator runs it: configured through the environment,
 * it prints the report and exits 0 (nothing fatal) or 2, without starting routes or the management server and
 * without waiting for Label Studio.
 */
class DoctorCommandIT extends PackagedServiceTestSupport {

    private ServiceProcess doctor(Map<String, String> environment) {
        ServiceProcess process = new ServiceProcess(environment, List.of(), List.of("doctor"));
        process.start();
        assertThat(process.awaitExit(Duration.ofSeconds(60))).as("doctor ends; log " + process.logFile()).isTrue();
        return process;
    }

    @Test
    void aHealthySetUpPrintsEveryCheckAndExitsWithZero() {
        ServiceProcess process = doctor(environment());

        assertThat(process.exitCode()).as(process.log()).isZero();
        assertThat(process.log())
                .contains("[ OK ] Configuration: settings valid; source s3://" + bucket + "/")
                .contains("[ OK ] AWS credentials: an access key from ENV_VARS")
                .contains("[ OK ] AWS region: us-east-1")
                .contains("[ OK ] Source bucket: s3://" + bucket + "/ is listable")
                .contains("[ OK ] Output bucket: s3://" + bucket + "/transcribe-bridge/ is listable and writable")
                .contains("[ OK ] Amazon Transcribe: reachable in us-east-1")
                .contains("[ OK ] Label Studio URL: " + labelStudio.url() + " is Label Studio")
                .contains("[ OK ] Label Studio token: Personal Access Token accepted")
                .contains("[ OK ] Label Studio project: project " + project)
                .contains("[ OK ] Label config: Label Studio project " + project + " ('asr'): output WHOLE_FILE")
                .contains("[ OK ] Model version: ")
                .contains("transcribe-bridge can start.")
                .doesNotContain(apiKey).doesNotContain("packaged-test-secret-key")
                .doesNotContain("Started transcribe-bridge").doesNotContain("Routes startup");
        assertThat(process.healthStatus()).as("no management server").isEqualTo(-1);
        assertThat(transcribe.calls("StartTranscriptionJob")).isZero();
    }

    @Test
    void fatalFindingsExitWithTwoAtOnceEvenWhileLabelStudioIsDown() {
        labelStudio.down();
        Map<String, String> environment = environment();
        environment.put("OUTPUT_BUCKET", "no-such-output-bucket");
        long started = System.nanoTime();

        ServiceProcess process = doctor(environment);

        assertThat(process.exitCode()).as(process.log()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no retry backoff")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(process.log())
                .contains("[ OK ] Source bucket: ")
                .contains("[FAIL] Output bucket: cannot list s3://no-such-output-bucket/transcribe-bridge/: bucket "
                          + "'no-such-output-bucket' does not exist. Check OUTPUT_BUCKET")
                .contains("[FAIL] Label Studio URL: cannot reach Label Studio at " + labelStudio.url()
                          + " after 1 attempt")
                .contains("[SKIP] Label Studio token: not checked: Label Studio URL failed")
                .contains("[SKIP] Model version: not checked: Label Studio project was not checked")
                .contains("transcribe-bridge cannot start: 2 checks failed.")
                .doesNotContain(apiKey);
    }
}
