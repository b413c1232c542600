package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.transcribe.TranscribeClient;
import software.amazon.awssdk.services.transcribe.model.BadRequestException;
import software.amazon.awssdk.services.transcribe.model.ConflictException;
import software.amazon.awssdk.services.transcribe.model.InternalFailureException;
import software.amazon.awssdk.services.transcribe.model.LimitExceededException;
import software.amazon.awssdk.services.transcribe.model.TranscribeException;

class ProtocolAndFaultsTest extends EmulatorTestSupport {

    private String media;

    ProtocolAndFaultsTest() {
        super("faults", Retries.NONE);
    }

    @BeforeEach
    void putMedia() {
        s3.put(bucket, "talk.wav", "Faults.");
        media = "s3://" + bucket + "/talk.wav";
    }

    @Test
    void unsignedRequestsAreRejected() {
        try (TranscribeClient anonymous = builder(emulator, AnonymousCredentialsProvider.create(), "us-east-1")
                .build()) {
            assertThatThrownBy(() -> anonymous.listTranscriptionJobs(r -> { }))
                    .isInstanceOfSatisfying(TranscribeException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingAuthenticationTokenException");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
        assertThat(emulator.jobNames()).isEmpty();
    }

    @Test
    void requestsSignedForAnotherRegionAreRejected() {
        try (TranscribeClient wrongRegion = builder(emulator, TEST_CREDENTIALS, "eu-central-1")
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            assertThatThrownBy(() -> wrongRegion.listTranscriptionJobs(r -> { }))
                    .isInstanceOfSatisfying(TranscribeException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.statusCode()).isEqualTo(403);
                    })
                    .satisfies(awsMessage("Credential should be scoped to a valid region, not 'eu-central-1'. "));
        }
    }

    static Stream<Arguments> injectedErrors() {
        return Stream.of(
                Arguments.of("ConflictException", ConflictException.class, 400),
                Arguments.of("BadRequestException", BadRequestException.class, 400),
                Arguments.of("LimitExceededException", LimitExceededException.class, 400),
                Arguments.of("InternalFailureException", InternalFailureException.class, 500),
                Arguments.of("ThrottlingException", TranscribeException.class, 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injectedErrors")
    void injectedErrorsReachTheSdkAsTypedExceptions(String errorType, Class<? extends TranscribeException> type,
            int httpStatus) {
        emulator.failNext("StartTranscriptionJob", 1, errorType);

        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("fault"), media).build()))
                .isExactlyInstanceOf(type)
                .isInstanceOfSatisfying(TranscribeException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorType);
                    assertThat(e.statusCode()).isEqualTo(httpStatus);
                    assertThat(e.isThrottlingException()).isEqualTo("ThrottlingException".equals(errorType));
                });
        assertThat(emulator.jobNames()).isEmpty();
        transcribe.startTranscriptionJob(start(unique("after-fault"), media).build());
        assertThat(emulator.jobNames()).hasSize(1);
    }

    @Test
    void failNextAppliesToTheNamedOperationForExactlyCountCalls() {
        emulator.failNext("StartTranscriptionJob", 3, "LimitExceededException");

        transcribe.listTranscriptionJobs(r -> { });
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("limited"), media).build()))
                    .isInstanceOf(LimitExceededException.class);
        }
        transcribe.startTranscriptionJob(start(unique("limited"), media).build());

        assertThat(emulator.calls("StartTranscriptionJob")).isEqualTo(4);
        assertThat(emulator.calls("ListTranscriptionJobs")).isEqualTo(1);
        assertThat(emulator.calls("GetTranscriptionJob")).isZero();
        assertThat(emulator.totalCalls()).isEqualTo(5);
    }

    @Test
    void theDefaultSdkRetriesThrottlingAndServerFaultsButNotLimitExceeded() {
        try (TranscribeClient retrying = client(emulator)) {
            String job = unique("retried");
            emulator.failNext("StartTranscriptionJob", 1, "InternalFailureException");
            retrying.startTranscriptionJob(start(job, media).build());
            assertThat(emulator.calls("StartTranscriptionJob")).isEqualTo(2);

            emulator.failNext("GetTranscriptionJob", 2, "ThrottlingException");
            retrying.getTranscriptionJob(r -> r.transcriptionJobName(job));
            assertThat(emulator.calls("GetTranscriptionJob")).isEqualTo(3);

            emulator.failNext("StartTranscriptionJob", 1, "LimitExceededException");
            assertThatThrownBy(() -> retrying.startTranscriptionJob(start(unique("not-retried"), media).build()))
                    .isInstanceOf(LimitExceededException.class);
            assertThat(emulator.calls("StartTranscriptionJob")).isEqualTo(3);
        }
    }

    @Test
    void throttleRejectsARepeatableFractionOfCalls() {
        List<Boolean> first = throttledPattern(emulator, 200);
        long throttled = first.stream().filter(b -> b).count();
        assertThat(throttled).isBetween(30L, 70L);

        try (TranscribeEmulator second = TranscribeEmulator.start(s3.client())) {
            assertThat(throttledPattern(second, 200)).isEqualTo(first);
        }

        emulator.throttle(0);
        transcribe.listTranscriptionJobs(r -> { });
    }

    @Test
    void throttleOfOneRejectsEverything() {
        emulator.throttle(1.0);

        assertThatThrownBy(() -> transcribe.getTranscriptionJob(r -> r.transcriptionJobName("x")))
                .isInstanceOfSatisfying(TranscribeException.class,
                        e -> assertThat(e.isThrottlingException()).isTrue())
                .satisfies(awsMessage("Rate exceeded"));
    }

    @Test
    void peakCallsPerSecondCountsTheBusiestSecond() {
        for (int i = 0; i < 30; i++) {
            transcribe.listTranscriptionJobs(r -> { });
        }
        assertThat(emulator.peakCallsPerSecond()).isBetween(15, 30);
        assertThat(emulator.totalCalls()).isEqualTo(30);
    }

    private List<Boolean> throttledPattern(TranscribeEmulator target, int calls) {
        target.throttle(0.25);
        List<Boolean> pattern = new ArrayList<>();
        try (TranscribeClient client = clientWithoutRetries(target)) {
            for (int i = 0; i < calls; i++) {
                try {
                    client.listTranscriptionJobs(r -> { });
                    pattern.add(false);
                } catch (TranscribeException e) {
                    assertThat(e.isThrottlingException()).isTrue();
                    pattern.add(true);
                }
            }
        }
        return pattern;
    }
}
