package io.transcribebridge.claims;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.progress.OutputLayout;
import io.transcribebridge.progress.ProgressLedger;
import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.testing.transcribe.AdjustableClock;
import io.transcribebridge.transcribe.JobNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two (or more) replicas' {@link Claims} on one real S3 server that enforces conditional writes: exactly one wins a
 * version; an expired or released claim is taken over by exactly one; a replica that lost its claim cannot fence;
 * finished versions are not worked on again.
 */
class ClaimsTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static EmbeddedS3 s3;

    private final ObjectMapper mapper = new ObjectMapper();
    private final AdjustableClock clock = new AdjustableClock(Clock.systemUTC());
    private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    private OutputLayout layout;
    private String bucket;

    @BeforeAll
    static void startS3() {
        s3 = EmbeddedS3.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void newBucket() {
        bucket = "claims-" + Long.toHexString(System.nanoTime());
        s3.createBucket(bucket);
        layout = new OutputLayout(bucket, "out/");
    }

    private Claims replica(String name) {
        ProgressLedger ledger = new ProgressLedger(s3.client(), layout);
        ledger.start();
        ledger.awaitLoaded(Duration.ofSeconds(10));
        return new Claims(new ConditionalStore(s3.client(), bucket), layout, ledger,
                new ClaimSettings(LEASE, Duration.ofSeconds(1), name), mapper, clock,
                outcome -> outcomes.merge(outcome.name(), 1, Integer::sum));
    }

    private SourceObject object(String key) {
        s3.put(bucket, key, "audio of " + key);
        return new SourceObject(bucket, key, JobNames.normalizeEtag(s3.etag(bucket, key)), 10);
    }

    private static String job(SourceObject source) {
        return JobNames.of(source.bucket(), source.key(), source.etag());
    }

    @Test
    void ofTwoReplicasClaimingOneVersionExactlyOneWins() {
        Claims a = replica("a");
        Claims b = replica("b");
        SourceObject source = object("calls/a.wav");

        assertThat(a.claim(source, job(source), true)).isEqualTo(Claims.Outcome.NEW);
        assertThat(b.claim(source, job(source), true)).isEqualTo(Claims.Outcome.HELD_ELSEWHERE);
        assertThat(a.claim(source, job(source), true)).as("a second exchange in the same replica")
                .isEqualTo(Claims.Outcome.ALREADY_HERE);
        assertThat(b.heldElsewhere(job(source))).isTrue();
        assertThat(a.heldElsewhere(job(source))).isFalse();
        assertThat(b.knownHeldElsewhere(job(source))).as("b's listing skips it for the rest of a's lease").isTrue();
        clock.advance(LEASE.plusSeconds(1));
        assertThat(b.knownHeldElsewhere(job(source))).as("then asks again").isFalse();
        assertThat(s3.getString(bucket, layout.claimKey(job(source)))).get().asString()
                .contains("\"owner\":\"a\"", "\"key\":\"calls/a.wav\"");
    }

    @Test
    void manyReplicasRacingOnManyVersionsGiveEachVersionOneHolder() throws Exception {
        List<Claims> replicas = List.of(replica("r1"), replica("r2"), replica("r3"), replica("r4"));
        List<SourceObject> sources = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sources.add(object("race/" + i + ".wav"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Claims.Outcome>> results = new ArrayList<>();
        for (Claims replica : replicas) {
            for (SourceObject source : sources) {
                results.add(pool.submit(() -> {
                    go.await();
                    return replica.claim(source, job(source), true);
                }));
            }
        }
        go.countDown();
        int won = 0;
        for (Future<Claims.Outcome> result : results) {
            if (result.get() == Claims.Outcome.NEW) {
                won++;
            }
        }
        pool.shutdown();

        assertThat(won).as("NEW outcomes for 20 versions claimed by 4 replicas at once").isEqualTo(20);
        assertThat(replicas.stream().mapToInt(Claims::held).sum()).isEqualTo(20);
    }

    @Test
    void anExpiredClaimIsTakenOverAndItsFormerHolderCannotFence() {
        Claims a = replica("a");
        Claims b = replica("b");
        SourceObject source = object("calls/expired.wav");
        a.claim(source, job(source), true);

        clock.advance(LEASE.plusSeconds(1));

        assertThat(b.claim(source, job(source), true)).isEqualTo(Claims.Outcome.TAKEN_OVER);
        assertThatThrownBy(() -> a.fence(job(source))).isInstanceOf(ClaimLostException.class);
        assertThat(a.lostBeforeRecord(job(source))).isTrue();
        assertThat(a.holds(job(source))).isFalse();
        b.fence(job(source));
        assertThat(b.holds(job(source))).isTrue();
    }

    @Test
    void renewingKeepsAClaimBeyondItsFirstLease() {
        Claims a = replica("a");
        Claims b = replica("b");
        SourceObject source = object("calls/renewed.wav");
        a.claim(source, job(source), true);

        clock.advance(LEASE.dividedBy(2));
        a.renewAll();
        clock.advance(LEASE.dividedBy(2).plusSeconds(1));

        assertThat(b.claim(source, job(source), true)).isEqualTo(Claims.Outcome.HELD_ELSEWHERE);
        a.fence(job(source));
    }

    @Test
    void aReleasedClaimIsTakenOverAtOnce() {
        Claims a = replica("a");
        Claims b = replica("b");
        SourceObject source = object("calls/released.wav");
        a.claim(source, job(source), true);

        a.release(job(source));

        assertThat(b.claim(source, job(source), true)).isEqualTo(Claims.Outcome.TAKEN_OVER);
    }

    @Test
    void aFinishedVersionIsNotWorkedOnAgainAndItsClaimIsGone() {
        Claims a = replica("a");
        Claims b = replica("b");
        SourceObject source = object("calls/finished.wav");
        a.claim(source, job(source), true);
        s3.put(bucket, layout.doneKey(job(source)), "{}");

        a.finish(job(source));

        assertThat(s3.get(bucket, layout.claimKey(job(source)))).as("claim deleted").isEmpty();
        assertThat(b.claim(source, job(source), true)).as("b listed it before the marker existed")
                .isEqualTo(Claims.Outcome.FINISHED);
        assertThat(s3.get(bucket, layout.claimKey(job(source)))).as("b's probe claim deleted again").isEmpty();
        assertThat(b.holds(job(source))).isFalse();
    }

    @Test
    void aVersionSeenHeldElsewhereAndFinishedThereIsNotClaimedAgain() {
        Claims a = replica("a");
        Claims b = replica("b");
        SourceObject source = object("calls/finished-by-a.wav");
        a.claim(source, job(source), true);
        assertThat(b.claim(source, job(source), true)).isEqualTo(Claims.Outcome.HELD_ELSEWHERE);
        s3.put(bucket, layout.doneKey(job(source)), "{}");
        a.finish(job(source));
        clock.advance(LEASE.plusSeconds(1));
        int writesBefore = s3.conditionalWrites();

        // b's listing pass comes back to it once a's lease is over: a most likely finished it
        assertThat(b.claim(source, job(source), true)).isEqualTo(Claims.Outcome.FINISHED);
        assertThat(s3.conditionalWrites() - writesBefore).as("claims written by b for a finished version")
                .isZero();
        assertThat(b.knownHeldElsewhere(job(source))).isFalse();
        assertThat(b.holds(job(source))).isFalse();
    }

    @Test
    void aVersionSeenHeldElsewhereAndStillUnfinishedIsTakenOverOnceItsClaimExpires() {
        Claims a = replica("a");
        Claims b = replica("b");
        SourceObject source = object("calls/a-died.wav");
        a.claim(source, job(source), true);
        assertThat(b.claim(source, job(source), true)).isEqualTo(Claims.Outcome.HELD_ELSEWHERE);
        clock.advance(LEASE.plusSeconds(1));

        assertThat(b.claim(source, job(source), true)).isEqualTo(Claims.Outcome.TAKEN_OVER);
        assertThat(b.holds(job(source))).isTrue();
    }

    @Test
    void aVersionWhoseHolderDiedAfterTheMarkerIsFinishedNotRedone() {
        Claims a = replica("a");
        Claims b = replica("b");
        SourceObject source = object("calls/marker-then-killed.wav");
        a.claim(source, job(source), true);
        s3.put(bucket, layout.failedKey(job(source)), "{}");
        clock.advance(LEASE.plusSeconds(1));

        assertThat(b.claim(source, job(source), true)).isEqualTo(Claims.Outcome.FINISHED);
    }

    @Test
    void theSweepTakesOverExpiredAndReleasedClaimsOnlyAndReturnsTheirObjects() {
        Claims a = replica("a");
        Claims b = replica("b");
        SourceObject expired = object("sweep/expired.wav");
        SourceObject released = object("sweep/released.wav");
        SourceObject live = object("sweep/live.wav");
        a.claim(expired, job(expired), true);
        a.claim(released, job(released), true);
        a.release(job(released));

        clock.advance(LEASE.plusSeconds(1));
        Claims c = replica("c");
        c.claim(live, job(live), true);

        assertThat(b.sweep()).containsExactlyInAnyOrder(expired, released);
        assertThat(b.sweep()).as("now b's").isEmpty();
        assertThat(b.claim(expired, job(expired), true)).as("the queued exchange activates the reserved claim")
                .isEqualTo(Claims.Outcome.TAKEN_OVER);
        assertThat(b.claim(expired, job(expired), true)).isEqualTo(Claims.Outcome.ALREADY_HERE);
    }

    @Test
    void stoppingReleasesEveryClaimHeld() {
        Claims a = replica("a");
        Claims b = replica("b");
        SourceObject one = object("stop/one.wav");
        SourceObject two = object("stop/two.wav");
        a.claim(one, job(one), true);
        a.reserve(two, job(two));

        a.start();
        a.stop();

        assertThat(b.claim(one, job(one), true)).isEqualTo(Claims.Outcome.TAKEN_OVER);
        assertThat(b.claim(two, job(two), true)).isEqualTo(Claims.Outcome.TAKEN_OVER);
    }
}
