package io.transcribebridge.failure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.transcribe.model.BadRequestException;
import software.amazon.awssdk.services.transcribe.model.ConflictException;
import software.amazon.awssdk.services.transcribe.model.InternalFailureException;
import software.amazon.awssdk.services.transcribe.model.LimitExceededException;
import software.amazon.awssdk.services.transcribe.model.TranscribeException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientErrorsTest {

    private final TransientErrors errors = new TransientErrors();

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://ls/api/projects/1/import", status, "x", null, null, "{}");
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Transcribe").build();
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 503, 504, 429, 408 })
    void labelStudioOutagesAndRateLimitsAreRetried(int status) {
        assertThat(errors.isTransient(http(status))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 403, 404, 413, 415 })
    void rejectedRequestsAreNot(int status) {
        assertThat(errors.isTransient(http(status))).isFalse();
    }

    /** The NullPointerException of Camel 4.18's throttle race, with the frames it was thrown from (ReplicasIT). */
    private static NullPointerException throttlerRace() {
        NullPointerException npe = new NullPointerException("Cannot invoke \"org.apache.camel.processor."
                + "TotalRequestsThrottler$ThrottlePermit.getDelay(java.util.concurrent.TimeUnit)\" because the return "
                + "value of \"org.apache.camel.processor.TotalRequestsThrottler$ThrottlingState.peek()\" is null");
        npe.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.apache.camel.processor.TotalRequestsThrottler", "processAsynchronously",
                    "TotalRequestsThrottler.java", 160),
            new StackTraceElement("org.apache.camel.processor.TotalRequestsThrottler", "process",
                    "TotalRequestsThrottler.java", 120) });
        return npe;
    }

    @Test
    void theThrottleRaceOfCamelsRequestBudgetIsRetriedLikeThrottlingWithoutLimit() {
        assertThat(errors.isTranscribeThrottling(throttlerRace())).isTrue();
        assertThat(errors.isTranscribeThrottling(new RuntimeException(throttlerRace()))).isTrue();
        assertThat(errors.isTranscribeThrottling(new NullPointerException("a bug of ours"))).isFalse();
    }

    @Test
    void networkErrorsAreRetried() {
        assertThat(errors.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(errors.isTransient(new RuntimeException(new SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(errors.isTransient(SdkClientException.create("Unable to execute HTTP request"))).isTrue();
        assertThat(errors.isTransient(new IOException("reset"))).isTrue();
    }

    @Test
    void transcribeQuotasAndThrottlingAreRetried() {
        assertThat(errors.isTransient(LimitExceededException.builder().statusCode(400)
                .awsErrorDetails(details("LimitExceededException", "You have too many concurrent jobs")).build()))
                .isTrue();
        assertThat(errors.isTransient(TranscribeException.builder().statusCode(400)
                .awsErrorDetails(details("ThrottlingException", "Rate exceeded")).build())).isTrue();
        assertThat(errors.isTransient(InternalFailureException.builder().statusCode(500)
                .awsErrorDetails(details("InternalFailureException", "oops")).build())).isTrue();
    }

    @Test
    void permanentTranscribeErrorsAreNot() {
        assertThat(errors.isTransient(LimitExceededException.builder().statusCode(400)
                .awsErrorDetails(details("LimitExceededException", "Your input file is too long")).build())).isFalse();
        assertThat(errors.isTransient(BadRequestException.builder().statusCode(400)
                .awsErrorDetails(details("BadRequestException", "The URI that you provided doesn't point to an S3 object."))
                .build())).isFalse();
        assertThat(errors.isTransient(ConflictException.builder().statusCode(400)
                .awsErrorDetails(details("ConflictException", "exists")).build())).isFalse();
        assertThat(errors.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void transcribeThrottlingAndQuotasAreRetriedWithoutLimit() {
        assertThat(errors.isTranscribeThrottling(TranscribeException.builder().statusCode(400)
                .awsErrorDetails(details("ThrottlingException", "Rate exceeded")).build())).isTrue();
        assertThat(errors.isTranscribeThrottling(new RuntimeException(LimitExceededException.builder().statusCode(400)
                .awsErrorDetails(details("LimitExceededException", "You have reached the limit of 250 jobs")).build())))
                .isTrue();
    }

    @Test
    void otherErrorsHaveAnAttemptLimit() {
        assertThat(errors.isTranscribeThrottling(LimitExceededException.builder().statusCode(400)
                .awsErrorDetails(details("LimitExceededException", "Your input file is too long")).build())).isFalse();
        assertThat(errors.isTranscribeThrottling(InternalFailureException.builder().statusCode(500)
                .awsErrorDetails(details("InternalFailureException", "oops")).build())).isFalse();
        assertThat(errors.isTranscribeThrottling(http(429))).isFalse();
        assertThat(errors.isTranscribeThrottling(new ConnectException("Connection refused"))).isFalse();
    }
}
