package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.Properties;

import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.FaultInjectionTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code retry.max-attempts} bounds the retries of one outage. Retries of Transcribe's job quota (unlimited, they
 * say nothing about the object) and retries of earlier outages that were ridden out must not use it up: an object
 * whose outage needs two retries goes through with {@code retry.max-attempts=3}, whatever happened before.
 * <p>
 * An outage here is {@value #FAILED_CALLS} calls answered HTTP 500: two failed calls for Camel whether the AWS SDK
 * makes 3 or 4 attempts a call, the third Camel attempt then succeeds.
 * <p>
 * The quota refusals and the outage are scripted answers of the emulator, queued before the object arrives: they are
 * answered in that order whatever the timing. (Freeing the emulator's job quota while a start was in flight raced:
 * the emulator looks for a scripted fault when a call arrives but checks the quota only after reading the media
 * from S3, so a start that arrived just before the outage was queued could find the quota freed and never meet it.)
 */
class TranscribeRetryBudgetTest extends FaultInjectionTestSupport {

    private static final int MAX_ATTEMPTS = 3;
    private static final int FAILED_CALLS = 8;
    private static final int CAMEL_FAILURES_PER_OUTAGE = 2;
    /** More than {@code retry.max-attempts}: if they counted, the outage after them would fail the object. */
    private static final int QUOTA_REFUSALS = MAX_ATTEMPTS + 2;
    private static final Duration LONG_JOB = Duration.ofMinutes(10);

    @Override
    protected Properties properties() {
        return retries(super.properties(), 100, 500, MAX_ATTEMPTS);
    }

    private int http500AnswersBefore;

    @BeforeEach
    void countFromHere() {
        http500AnswersBefore = transcribe.errors("InternalFailureException");
    }

    @AfterEach
    void normalTranscribe() {
        transcribe.runFor(Duration.ofMillis(600));
    }

    @Test
    void quotaRetriesAtTheStartDoNotCountAgainstAnOutageWhilePolling() {
        quotaThenOutageOf("GetTranscriptionJob", "budget/quota-then-polls-fail.wav");
        assertImportedAfterRetries("budget/quota-then-polls-fail.wav", "transcribe-wait", CAMEL_FAILURES_PER_OUTAGE);
        assertThat(redeliveries.at("transcribe-start")).as("quota retries at the start").isEqualTo(QUOTA_REFUSALS);
    }

    @Test
    void quotaRetriesDoNotCountAgainstAnOutageOfTheSameStart() {
        quotaThenOutageOf("StartTranscriptionJob", "budget/quota-then-start-fails.wav");
        assertImportedAfterRetries("budget/quota-then-start-fails.wav", "transcribe-wait", 0);
        assertThat(http500Answers()).as("HTTP 500 answers: the start met the outage").isEqualTo(FAILED_CALLS);
        assertThat(redeliveries.at("transcribe-start")).isGreaterThan(MAX_ATTEMPTS + CAMEL_FAILURES_PER_OUTAGE);
    }

    @Test
    void outagesRiddenOutEarlierDoNotCountAgainstTheNextOne() {
        String key = "budget/two-outages-while-polling.wav";
        // the job runs until the emulator's clock is moved on: both outages meet polls of a running job, however
        // slowly the machine gets through the first one
        transcribe.runFor(LONG_JOB);
        transcribe.failNext("GetTranscriptionJob", FAILED_CALLS, "InternalFailureException");
        s3.put(BUCKET, key, "Polled through two short outages.");
        Eventually.await(SLOW, "the first outage ridden out",
                () -> redeliveries.at("transcribe-wait") == CAMEL_FAILURES_PER_OUTAGE
                      && http500Answers() == FAILED_CALLS);
        int getsAfterFirstOutage = transcribe.calls("GetTranscriptionJob");
        // two more calls: the first may be the attempt that ends the first outage, the second is the next poll
        Eventually.await(SLOW, "a successful poll and the next one",
                () -> transcribe.calls("GetTranscriptionJob") > getsAfterFirstOutage + 1);
        transcribe.failNext("GetTranscriptionJob", FAILED_CALLS, "InternalFailureException");
        Eventually.await(SLOW, "the second outage answered",
                () -> http500Answers() == 2 * FAILED_CALLS || failureRecord(key).isPresent());
        transcribe.fastForward(LONG_JOB);
        assertImportedAfterRetries(key, "transcribe-wait", 2 * CAMEL_FAILURES_PER_OUTAGE);
    }

    /**
     * Uploads {@code key} with its first {@value #QUOTA_REFUSALS} starts refused for Transcribe's concurrent-job quota
     * (LimitExceededException) and the {@value #FAILED_CALLS} calls of {@code operation} after them answered HTTP 500.
     */
    private void quotaThenOutageOf(String operation, String key) {
        transcribe.failNext("StartTranscriptionJob", QUOTA_REFUSALS, "LimitExceededException");
        transcribe.failNext(operation, FAILED_CALLS, "InternalFailureException");
        s3.put(BUCKET, key, "Waited for a free job slot, then met a short outage.");
    }

    private int http500Answers() {
        return transcribe.errors("InternalFailureException") - http500AnswersBefore;
    }

    private void assertImportedAfterRetries(String key, String stage, int retries) {
        Eventually.await(SLOW, "imported or recorded as failed",
                () -> tasksFor(key) > 0 || failureRecord(key).isPresent());
        assertThat(failureRecord(key).map(r -> r.path("reason").asText())).as("failure record").isEmpty();
        assertThat(tasksFor(key)).isEqualTo(1);
        assertThat(redeliveries.at(stage)).as("retries at " + stage).isEqualTo(retries);

        report("test", getCurrentTestName(), "objects", 1, "tasks", tasksFor(key), "failureRecords", 0,
                "camelRetries", redeliveries, "http500Answers", http500Answers(), "maxAttempts", MAX_ATTEMPTS);
    }
}
