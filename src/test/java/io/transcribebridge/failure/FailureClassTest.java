package io.transcribebridge.failure;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Arrays;
import java.util.Set;

import io.transcribebridge.labelstudio.ImportBatcher;
import io.transcribebridge.labelstudio.LabelStudioAuthException;
import io.transcribebridge.testing.RouteFiles;
import io.transcribebridge.transcript.MalformedTranscriptException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.transcribe.model.BadRequestException;
import software.amazon.awssdk.services.transcribe.model.InternalFailureException;

import static io.transcribebridge.failure.FailureClass.IMPORT_REJECTED;
import static io.transcribebridge.failure.FailureClass.LABEL_STUDIO_AUTH;
import static io.transcribebridge.failure.FailureClass.MALFORMED_TRANSCRIPT;
import static io.transcribebridge.failure.FailureClass.OTHER;
import static io.transcribebridge.failure.FailureClass.OUTAGE;
import static io.transcribebridge.failure.FailureClass.S3_REJECTED;
import static io.transcribebridge.failure.FailureClass.TIMED_OUT;
import static io.transcribebridge.failure.FailureClass.TRANSCRIBE_FAILED;
import static io.transcribebridge.failure.FailureClass.TRANSCRIBE_REJECTED;
import static io.transcribebridge.failure.FailureClass.TRANSCRIPT_MISSING;
import static org.assertj.core.api.Assertions.assertThat;

class FailureClassTest {

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://ls/api/projects/1/import", status, "x", null, null, "{}");
    }

    private static AwsErrorDetails details(String service, String code) {
        return AwsErrorDetails.builder().serviceName(service).errorCode(code).errorMessage("m").build();
    }

    @Test
    void labelsSetByTheRoutesWinOverAStaleException() {
        // a job adopted earlier left a caught ConflictException behind; its FAILED outcome is what counts
        Exception stale = new IllegalStateException("adopted");
        assertThat(FailureClass.of("transcribe-failed", stale)).isEqualTo(TRANSCRIBE_FAILED);
        assertThat(FailureClass.of("timed-out", null)).isEqualTo(TIMED_OUT);
        assertThat(FailureClass.of(null, http(400))).isEqualTo(IMPORT_REJECTED);
        assertThat(FailureClass.of("no-such-class", null)).isEqualTo(OTHER);
    }

    @Test
    void transcriptProblems() {
        assertThat(FailureClass.of(new MalformedTranscriptException("transcript is not valid JSON")))
                .isEqualTo(MALFORMED_TRANSCRIPT);
        assertThat(FailureClass.of(new CamelExecutionException("wrapped", null,
                new MalformedTranscriptException("no results")))).isEqualTo(MALFORMED_TRANSCRIPT);
        assertThat(FailureClass.of(NoSuchKeyException.builder().statusCode(404)
                .awsErrorDetails(details("S3", "NoSuchKey")).build())).isEqualTo(TRANSCRIPT_MISSING);
    }

    @ParameterizedTest
    @ValueSource(ints = { 401, 403 })
    void labelStudioRefusingTheKeyIsAuth(int status) {
        assertThat(FailureClass.of(http(status))).isEqualTo(LABEL_STUDIO_AUTH);
    }

    @Test
    void aRefusedTokenRefreshIsAuth() {
        assertThat(FailureClass.of(new LabelStudioAuthException("refused"))).isEqualTo(LABEL_STUDIO_AUTH);
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 404, 413 })
    void otherClientErrorsAreRejectedImports(int status) {
        assertThat(FailureClass.of(http(status))).isEqualTo(IMPORT_REJECTED);
    }

    @Test
    void outagesThatOutlastedTheRetriesAreOutages() {
        assertThat(FailureClass.of(http(503))).isEqualTo(OUTAGE);
        assertThat(FailureClass.of(http(429))).isEqualTo(OUTAGE);
        assertThat(FailureClass.of(new ConnectException("Connection refused"))).isEqualTo(OUTAGE);
        assertThat(FailureClass.of(new IOException("timeout"))).isEqualTo(OUTAGE);
        assertThat(FailureClass.of(SdkClientException.create("Unable to execute HTTP request"))).isEqualTo(OUTAGE);
        assertThat(FailureClass.of(InternalFailureException.builder().statusCode(500)
                .awsErrorDetails(details("Transcribe", "InternalFailureException")).build())).isEqualTo(OUTAGE);
    }

    @Test
    void aBatchRejectionRetriedAloneIsClassedByItsOwnAnswer() {
        // the batch error is transient (each task is retried alone); the task's own 400 is what fails it
        assertThat(FailureClass.of(new ImportBatcher.BatchRejectedException(3, http(400)))).isEqualTo(OUTAGE);
        assertThat(FailureClass.of(http(400))).isEqualTo(IMPORT_REJECTED);
    }

    @Test
    void awsRefusalsByService() {
        assertThat(FailureClass.of(BadRequestException.builder().statusCode(400)
                .awsErrorDetails(details("Transcribe", "BadRequestException")).build())).isEqualTo(TRANSCRIBE_REJECTED);
        assertThat(FailureClass.of(S3Exception.builder().statusCode(403)
                .awsErrorDetails(details("S3", "AccessDenied")).build())).isEqualTo(S3_REJECTED);
    }

    @Test
    void anythingElseIsOther() {
        assertThat(FailureClass.of(new IllegalArgumentException("bug"))).isEqualTo(OTHER);
        assertThat(FailureClass.of((Throwable) null)).isEqualTo(OTHER);
    }

    /** The labels the routes set must be classes, or the failure would be counted as "other". */
    @Test
    void everyClassTheRoutesSetExists() {
        Set<String> labels = RouteFiles.propertyConstants(FailureClass.PROPERTY);
        assertThat(labels).containsExactlyInAnyOrder("transcribe-failed", "timed-out");
        assertThat(labels).allMatch(label -> Arrays.stream(FailureClass.values()).anyMatch(c -> c.label().equals(label)));
    }
}
