package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.ServiceProcess;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several packaged service processes on one bucket, one output location and one Label Studio project, started,
 * killed (SIGKILL) and stopped (SIGTERM) in awkward places while work is in flight. However it goes, every object
 * must end as exactly one task, through exactly one Transcribe job, with no failure record. The S3 emulator enforces
 * conditional writes as AWS S3 does; the replicas coordinate only through their claims in the output bucket.
 */
class ReplicasIT extends ExactlyOnceTestSupport {

    private static final Duration SLOW = Duration.ofSeconds(120);
    /** CLAIMS_LEASE_MS of {@link ExactlyOnceTestSupport#environment()}. */
    private static final Duration LEASE = Duration.ofSeconds(10);

    @Override
    protected Map<String, String> environment() {
        Map<String, String> environment = super.environment();
        // small batches, so that kills fall between imports, and a kill can hit a batch in flight
        environment.put("LABEL_STUDIO_BATCH_SIZE", "2");
        environment.put("LABEL_STUDIO_BATCH_WAIT_MS", "200");
        return environment;
    }

    private List<ServiceProcess> start(int count) {
        List<ServiceProcess> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(startService(environment()));
        }
        return started;
    }

    @Test
    void threeReplicasThroughKillsAndARollingDeployMakeExactlyOneTaskPerObject() throws Exception {
        transcribe.runFor(Duration.ofSeconds(3));
        List<ServiceProcess> replicas = start(3);
        upload(15);

        // ---- SIGKILL of one replica while jobs run: its claims expire and the others take its work over
        Eventually.await(SLOW, "6 StartTranscriptionJob calls", () -> transcribe.calls("StartTranscriptionJob") >= 6);
        replicas.get(0).sigkill();
        CompletableFuture<Void> secondWave = CompletableFuture.runAsync(() -> uploadSlowly(15, 200));

        // ---- SIGKILL of a second replica while an import request is in flight (Label Studio still commits it)
        labelStudio.importDelay(Duration.ofMillis(1500));
        int importsBefore = labelStudio.importRequests();
        Eventually.await(SLOW, "an import request", () -> labelStudio.importRequests() > importsBefore);
        replicas.get(1).sigkill();
        int importsInFlightAtKill = importsInFlight();
        awaitNoImportInFlight();
        labelStudio.importDelay(Duration.ZERO);

        // ---- rolling deploy while work is in flight: the new replicas come up before the old one stops
        secondWave.get();
        List<ServiceProcess> newReplicas = start(2);
        for (ServiceProcess replica : newReplicas) {
            replica.awaitHealthy(SLOW);
        }
        upload(10);
        replicas.get(2).sigterm();
        boolean oldStopped = replicas.get(2).awaitExit(Duration.ofSeconds(30));

        for (ServiceProcess replica : newReplicas) {
            awaitSettled(replica, SLOW);
        }
        Map<String, Object> figures = figures(newReplicas.get(0));
        figures.put("replica processes", 5);
        figures.put("SIGKILLs", 2);
        figures.put("imports in flight at the second kill", importsInFlightAtKill);
        figures.put("claims taken over (logged)", takeOvers(replicas, newReplicas));
        print("ReplicasIT: 3 replicas, 2 kills, rolling deploy", figures, newReplicas.get(0));

        SoftAssertions softly = new SoftAssertions();
        assertExactlyOnce(softly);
        softly.assertThat(oldStopped).as("the old replica stops on SIGTERM").isTrue();
        softly.assertThat(claimsLeft()).as("claims left once all is finished").isEmpty();
        softly.assertAll();
    }

    @Test
    void scalingFromOneToFiveAndBackToOneMakesExactlyOneTaskPerObject() throws Exception {
        transcribe.runFor(Duration.ofSeconds(2));
        ServiceProcess first = startService(environment());
        upload(10);
        Eventually.await(SLOW, "3 StartTranscriptionJob calls", () -> transcribe.calls("StartTranscriptionJob") >= 3);

        List<ServiceProcess> added = start(4);
        CompletableFuture<Void> more = CompletableFuture.runAsync(() -> uploadSlowly(20, 100));
        for (ServiceProcess replica : added) {
            replica.awaitHealthy(SLOW);
        }
        more.get();
        Eventually.await(SLOW, "half of the tasks", () -> tasks() >= objects.size() / 2);

        // back to one: the four added replicas stop gracefully with work in flight, releasing their claims
        added.forEach(ServiceProcess::sigterm);
        List<Boolean> stopped = new ArrayList<>();
        for (ServiceProcess replica : added) {
            stopped.add(replica.awaitExit(Duration.ofSeconds(30)));
        }
        upload(5);
        awaitSettled(first, SLOW);

        Map<String, Object> figures = figures(first);
        figures.put("replica processes", 5);
        figures.put("claims taken over (logged)", takeOvers(List.of(first), added));
        print("ReplicasIT: 1 -> 5 -> 1", figures, first);

        SoftAssertions softly = new SoftAssertions();
        assertExactlyOnce(softly);
        softly.assertThat(stopped).as("replicas stopped on SIGTERM").containsOnly(true);
        softly.assertThat(claimsLeft()).as("claims left once all is finished").isEmpty();
        softly.assertAll();
    }

    @Test
    void threeReplicasOnTheEventQueuesWithAKillMakeExactlyOneTaskPerObjectAndPollLittle() throws Exception {
        transcribe.runFor(Duration.ofSeconds(2));
        Map<String, String> environment = environment();
        environment.putAll(eventQueues().environment());
        // events only: no listing pass after the first, no poll before the fallback
        environment.put("S3_RECONCILE_INTERVAL_MS", "3600000");
        environment.put("TRANSCRIBE_EVENTS_FALLBACK_POLL_MS", "60000");
        environment.put("EVENTS_WAIT_TIME_SECONDS", "1");
        List<ServiceProcess> replicas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replicas.add(startService(environment));
        }
        for (ServiceProcess replica : replicas) {
            replica.awaitHealthy(SLOW);
        }
        CompletableFuture<Void> uploads = CompletableFuture.runAsync(() -> uploadSlowly(24, 150));
        // kill a replica right after it started jobs (2 s each): its claimed work is in flight, events already gone
        ServiceProcess[] victim = new ServiceProcess[1];
        Eventually.await(SLOW, "a replica that started 2 jobs", () -> {
            victim[0] = replicas.stream().filter(r -> count(r.runLog(), "Started Transcribe job") >= 2).findFirst()
                    .orElse(null);
            return victim[0] != null;
        });
        victim[0].sigkill();
        uploads.get();
        ServiceProcess survivor = replicas.stream().filter(r -> r != victim[0]).findFirst().orElseThrow();

        awaitSettled(survivor, SLOW);
        Eventually.await(SLOW, "both queues empty", () ->
                eventQueues().sqs().undeletedMessages(eventQueues().sourceEventsQueueUrl()) == 0
                && eventQueues().sqs().undeletedMessages(eventQueues().transcribeEventsQueueUrl()) == 0);

        Map<String, Object> figures = figures(survivor);
        figures.put("replica processes", 3);
        figures.put("SIGKILLs", 1);
        figures.put("object events sent", eventQueues().sourceEvents().sent());
        figures.put("job events sent", eventQueues().transcribeEvents().sent());
        figures.put("claims taken over (logged)", takeOvers(replicas));
        double getsPerJob = (double) transcribe.calls("GetTranscriptionJob") / objects.size();
        figures.put("GetTranscriptionJob calls per job", String.format("%.2f", getsPerJob));
        print("ReplicasIT: 3 replicas on the event queues, 1 kill", figures, survivor);

        SoftAssertions softly = new SoftAssertions();
        assertExactlyOnce(softly);
        softly.assertThat(eventQueues().sqs().deadLetters(eventQueues().sourceEventsQueueUrl()))
                .as("object events in the dead-letter queue").isEmpty();
        softly.assertThat(eventQueues().sqs().deadLetters(eventQueues().transcribeEventsQueueUrl()))
                .as("job events in the dead-letter queue").isEmpty();
        // a job taken over from the killed replica is asked for again (adoption) and may miss its event
        softly.assertThat(getsPerJob).as("GetTranscriptionJob calls per job").isLessThanOrEqualTo(2.0);
        softly.assertThat(claimsLeft()).as("claims left").isEmpty();
        softly.assertThat(takeOvers(replicas)).as("claims of the killed replica taken over").isPositive();
        softly.assertAll();
    }

    /**
     * The claims still there a lease after the work settled: none, unless one leaked. Not read at once: a replica
     * whose listing pass meets a version just as another finishes it holds a claim for a few milliseconds (it then
     * finds the marker and deletes it), and a claim released by a stopped replica is deleted by the next sweep.
     */
    private List<String> claimsLeft() {
        String prefix = OUTPUT_PREFIX + "claims/";
        try {
            Eventually.await(LEASE, "no claims under " + prefix, () -> s3.keys(bucket, prefix).isEmpty());
        } catch (AssertionError stillThere) {
            // reported by the caller's soft assertion, with the keys
        }
        return s3.keys(bucket, prefix);
    }

    private void uploadSlowly(int count, long pauseMillis) {
        for (int i = 0; i < count; i++) {
            upload(1);
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @SafeVarargs
    private static int takeOvers(List<ServiceProcess>... groups) {
        int total = 0;
        for (List<ServiceProcess> group : groups) {
            for (ServiceProcess replica : group) {
                total += count(replica.log(), "Took over job");
            }
        }
        return total;
    }

    @Test
    void theEmbeddedS3EnforcesConditionalWritesAsTheseTestsAssume() {
        assertThat(s3.client().putObject(b -> b.bucket(bucket).key("probe").ifNoneMatch("*"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("1"))).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s3.client().putObject(
                        b -> b.bucket(bucket).key("probe").ifNoneMatch("*"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("2")))
                .hasMessageContaining("412");
    }
}
