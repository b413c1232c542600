package io.transcribebridge.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.transcribebridge.progress.OutputLayout;
import io.transcribebridge.progress.ProgressLedger;
import io.transcribebridge.testing.LogCapture;
import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.transcribe.JobNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real S3 server (S3Proxy): what one intake pass requests and yields. */
class BucketListingTest {

    private static EmbeddedS3 s3;

    @BeforeAll
    static void startS3() {
        s3 = EmbeddedS3.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    private static List<SourceObject> pass(BucketListing listing) {
        List<SourceObject> found = new ArrayList<>();
        listing.newObjects().forEachRemaining(found::add);
        return found;
    }

    @Test
    void onePassListsOncePerThousandKeysAndYieldsOnlyNewSupportedVersions() {
        String bucket = "listing-pages";
        s3.createBucket(bucket);
        OutputLayout output = new OutputLayout(bucket, "out/");
        IntStream.range(0, 1_100).forEach(i -> s3.put(bucket, String.format("calls/%04d.wav", i), "call " + i));
        s3.put(bucket, "calls/notes.pdf", "not audio");
        s3.put(bucket, "out/transcripts/x.wav", "own output");
        // the first 1,000 are finished
        IntStream.range(0, 1_000).forEach(i -> {
            String key = String.format("calls/%04d.wav", i);
            s3.put(bucket, output.doneKey(JobNames.of(bucket, key, s3.etag(bucket, key))), "{}");
        });
        ProgressLedger ledger = new ProgressLedger(s3.client(), output);
        ledger.start();
        BucketListing listing = new BucketListing(s3.client(), bucket, "calls/", 1_000,
                new IntakeFilter(bucket, "out/"), ledger);

        List<SourceObject> first;
        try (LogCapture logs = LogCapture.start(Map.of())) {
            first = pass(listing);
            assertThat(logs.texts()).as("one summary line per pass").filteredOn(t -> t.contains("Intake pass"))
                    .singleElement().asString()
                    .contains("Intake pass 1 over s3://listing-pages/calls/: 1101 keys in 2 LIST requests, "
                              + "100 new object versions, ");
        }

        assertThat(first).hasSize(100).allMatch(o -> o.key().endsWith(".wav"));
        assertThat(first.get(0).key()).isEqualTo("calls/1000.wav");
        assertThat(listing.listRequests()).as("1,101 keys under calls/").isEqualTo(2);
        assertThat(listing.queuedOrInFlight()).isEqualTo(100);

        assertThat(pass(listing)).as("queued versions are not yielded twice").isEmpty();

        SourceObject one = first.get(0);
        listing.release(JobNames.of(bucket, one.key(), one.etag()));
        assertThat(pass(listing)).as("released and not finished: new work again").containsExactly(one);
        assertThat(listing.passes()).isEqualTo(3);
    }

    @Test
    void thePassJumpsOverTheServicesOwnOutputInTheSameBucket() {
        String bucket = "listing-own-output";
        s3.createBucket(bucket);
        OutputLayout output = new OutputLayout(bucket, "out/");
        IntStream.range(0, 1_100).forEach(i -> s3.put(bucket, String.format("calls/%04d.wav", i), "call " + i));
        // transcripts and completion markers of 1,250 earlier objects sort between calls/ and zz/
        IntStream.range(0, 1_250).forEach(i -> {
            s3.putDirectly(bucket, output.transcriptKey("tb-old-" + i), new byte[] {'{', '}'});
            s3.putDirectly(bucket, output.doneKey("tb-old-" + i), new byte[] {'{', '}'});
        });
        s3.put(bucket, "zz/late.wav", "listed after the output prefix");
        ProgressLedger ledger = new ProgressLedger(s3.client(), output);
        ledger.start();
        BucketListing listing = new BucketListing(s3.client(), bucket, "", 100, new IntakeFilter(bucket, "out/"),
                ledger);

        List<SourceObject> found = pass(listing);

        assertThat(found).hasSize(1_101).extracting(SourceObject::key).contains("calls/0000.wav", "zz/late.wav")
                .noneMatch(key -> key.startsWith("out/"));
        assertThat(listing.listRequests()).as("11 pages of calls/, one that reaches out/, one after it")
                .isEqualTo(13);
        assertThat(listing.keysListed()).isEqualTo(1_100 + 100 + 1);
    }

    @Test
    void aNewVersionOfAFinishedKeyIsNewWork() {
        String bucket = "listing-versions";
        s3.createBucket(bucket);
        OutputLayout output = new OutputLayout(bucket, "out/");
        s3.put(bucket, "a.wav", "first take");
        s3.put(bucket, output.doneKey(JobNames.of(bucket, "a.wav", s3.etag(bucket, "a.wav"))), "{}");
        ProgressLedger ledger = new ProgressLedger(s3.client(), output);
        ledger.start();
        BucketListing listing = new BucketListing(s3.client(), bucket, "", 1_000, new IntakeFilter(bucket, "out/"),
                ledger);
        assertThat(pass(listing)).isEmpty();

        s3.put(bucket, "a.wav", "second take");

        assertThat(pass(listing)).extracting(SourceObject::etag).containsExactly(JobNames.normalizeEtag(s3.etag(bucket, "a.wav")));
    }
}
