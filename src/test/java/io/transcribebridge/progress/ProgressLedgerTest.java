package io.transcribebridge.progress;

import java.time.Duration;
import java.util.stream.IntStream;

import io.transcribebridge.testing.s3.EmbeddedS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real S3 server (S3Proxy): the ledger is only as good as what it reads back from the bucket. */
class ProgressLedgerTest {

    private static EmbeddedS3 s3;

    @BeforeAll
    static void startS3() {
        s3 = EmbeddedS3.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    private static OutputLayout bucket(String name) {
        s3.createBucket(name);
        return new OutputLayout(name, "out/");
    }

    private static ProgressLedger started(OutputLayout layout) {
        ProgressLedger ledger = new ProgressLedger(s3.client(), layout);
        ledger.start();
        assertThat(ledger.awaitLoaded(Duration.ofSeconds(30))).as("loaded").isTrue();
        return ledger;
    }

    @Test
    void aNewLedgerKnowsEveryMarkerAndRecordInTheBucketAcrossListingPages() {
        OutputLayout layout = bucket("ledger-pages");
        // more than one ListObjectsV2 page (1,000 keys)
        IntStream.range(0, 1_005).forEach(i -> s3.put(layout.bucket(), layout.doneKey("tb-done-" + i), "{}"));
        s3.put(layout.bucket(), layout.failedKey("tb-failed"), "{}");
        s3.put(layout.bucket(), layout.transcriptKey("tb-only-transcribed"), "{}");
        s3.put(layout.bucket(), layout.donePrefix() + "nested/tb-other.json", "{}");

        ProgressLedger ledger = started(layout);

        assertThat(ledger.contains("tb-done-0")).isTrue();
        assertThat(ledger.contains("tb-done-1004")).isTrue();
        assertThat(ledger.contains("tb-failed")).isTrue();
        assertThat(ledger.contains("tb-only-transcribed")).as("a transcript alone is not progress").isFalse();
        assertThat(ledger.contains("tb-other")).isFalse();
    }

    @Test
    void deletingAFailureRecordRedrivesItsObjectAndNothingElse() {
        OutputLayout layout = bucket("ledger-replay");
        s3.put(layout.bucket(), layout.failedKey("tb-a"), "{}");
        s3.put(layout.bucket(), layout.failedKey("tb-b"), "{}");
        s3.put(layout.bucket(), layout.doneKey("tb-c"), "{}");
        ProgressLedger ledger = started(layout);

        s3.client().deleteObject(b -> b.bucket(layout.bucket()).key(layout.failedKey("tb-a")));
        s3.client().deleteObject(b -> b.bucket(layout.bucket()).key(layout.doneKey("tb-c")));

        assertThat(ledger.rescanFailures()).containsExactly("tb-a");
        assertThat(ledger.contains("tb-a")).isFalse();
        assertThat(ledger.contains("tb-b")).isTrue();
        assertThat(ledger.contains("tb-c")).as("completion markers are never re-read: no re-import").isTrue();
        assertThat(ledger.rescanFailures()).isEmpty();
    }

    @Test
    void theIdempotentConsumersCommitRecordsNothingTheMarkersDoAndOnlyInMemory() {
        OutputLayout layout = bucket("ledger-commit");
        ProgressLedger ledger = started(layout);

        assertThat(ledger.add("tb-x")).isTrue();
        assertThat(ledger.contains("tb-x")).as("an exchange may complete without finishing (claim held elsewhere)")
                .isFalse();
        ledger.markDone("tb-x");
        ledger.markFailed("tb-y");
        assertThat(ledger.contains("tb-x")).isTrue();
        assertThat(ledger.contains("tb-y")).isTrue();
        assertThat(s3.keys(layout.bucket(), "")).isEmpty();
    }

    @Test
    void startingDoesNotWaitForTheMarkersAndListingThemIsCounted() {
        OutputLayout layout = bucket("ledger-background");
        IntStream.range(0, 2_500).forEach(i -> s3.putDirectly(layout.bucket(), layout.doneKey("tb-bg-" + i),
                new byte[] {'{', '}'}));
        ProgressLedger ledger = new ProgressLedger(s3.client(), layout);

        ledger.start();

        assertThat(ledger.awaitLoaded(Duration.ofSeconds(30))).isTrue();
        assertThat(ledger.contains("tb-bg-2499")).isTrue();
        assertThat(ledger.contains("tb-bg-2500")).isFalse();
        assertThat(ledger.loadRequests()).as("3 pages of done/, 1 of failed/").isEqualTo(4);
        ledger.stop();
    }

    @Test
    void fingerprintsHoldAMillionNamesWithoutFalsePositivesAmongOthers() {
        Fingerprints fingerprints = new Fingerprints();
        IntStream.range(0, 1_000_000).forEach(i -> fingerprints.add("tb-recording-" + i + ".wav-0123456789ab"));
        assertThat(fingerprints.size()).isEqualTo(1_000_000);
        assertThat(fingerprints.add("tb-recording-7.wav-0123456789ab")).isFalse();
        assertThat(IntStream.range(0, 1_000_000).allMatch(i -> fingerprints.contains("tb-recording-" + i
                + ".wav-0123456789ab"))).isTrue();
        assertThat(IntStream.range(1_000_000, 2_000_000).noneMatch(i -> fingerprints.contains("tb-recording-" + i
                + ".wav-0123456789ab"))).isTrue();
    }
}
