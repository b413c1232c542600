package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.ServiceProcess;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once under SIGKILL: the packaged service is killed with {@code kill -9} at three points of the pipeline
 * and started again each time with the same environment; in the end every object must be exactly one Label Studio
 * task, through exactly one Transcribe job, with no failure record.
 *
 * <ul>
 *   <li>A: jobs started, none finished, no task yet. After the restart the jobs must be adopted (Conflict), not
 *       started again under other names.</li>
 *   <li>B: some tasks imported, others not, while further objects keep arriving.</li>
 *   <li>C: an import request in flight. Label Studio commits the task although the client is gone: the ambiguous
 *       case. After the restart the service must find that task (by {@code data.transcribe_job}) instead of
 *       importing it a second time.</li>
 * </ul>
 * The figures (objects, kills, calls, requests) are printed to the test output.
 */
class CrashRecoveryIT extends ExactlyOnceTestSupport {

    private static final Duration SLOW = Duration.ofSeconds(60);
    private static final int FIRST_WAVE = 12;
    private static final int SECOND_WAVE = 12;

    @Test
    void everyObjectBecomesExactlyOneTaskDespiteThreeHardKills() throws Exception {
        // ---- run 1, kill point A: jobs submitted, still running, no task
        transcribe.runFor(Duration.ofSeconds(4));
        upload(FIRST_WAVE);
        // small batches, so that the kill points fall between imports, and a kill in C hits a batch in flight
        Map<String, String> environment = environment();
        environment.put("LABEL_STUDIO_BATCH_SIZE", "2");
        environment.put("LABEL_STUDIO_BATCH_WAIT_MS", "200");
        ServiceProcess service = startService(environment);
        Eventually.await(SLOW, "6 StartTranscriptionJob calls", () -> transcribe.calls("StartTranscriptionJob") >= 6);
        service.sigkill();
        int startsAtA = transcribe.calls("StartTranscriptionJob");
        int jobsAtA = transcribe.jobNames().size();
        assertThat(tasks()).as("kill point A is before any task exists").isZero();
        assertThat(jobsAtA).as("jobs submitted before kill A").isGreaterThanOrEqualTo(6);

        // ---- run 2, kill point B: some tasks imported, others not, while more objects arrive
        transcribe.runFor(Duration.ofSeconds(1));
        service.start();
        CompletableFuture<Void> secondWave = CompletableFuture.runAsync(this::uploadSlowly);
        int killBAt = FIRST_WAVE + 4;
        Eventually.await(SLOW, killBAt + " tasks", () -> tasks() >= killBAt);
        service.sigkill();
        secondWave.get();
        awaitNoImportInFlight();
        Map<String, Long> countsAtB = taskCounts();
        int tasksAtB = tasks();
        assertThat(countsAtB.values()).as("kill point B is after some imports").anyMatch(n -> n > 0);
        assertThat(countsAtB.values()).as("kill point B is before all imports").contains(0L);

        // ---- run 3, kill point C: kill -9 while an import request is in flight
        labelStudio.importDelay(Duration.ofSeconds(2));
        int importsBeforeC = labelStudio.importRequests();
        int tasksBeforeC = tasks();
        Map<String, Long> countsBeforeC = taskCounts();
        service.start();
        Eventually.await(SLOW, "an import request", () -> labelStudio.importRequests() > importsBeforeC);
        service.sigkill();
        int importsInFlightAtC = importsInFlight();
        awaitNoImportInFlight();
        int orphanedTasksAtC = tasks() - tasksBeforeC;
        List<String> orphanedAtC = taskCounts().entrySet().stream()
                .filter(e -> e.getValue() > countsBeforeC.get(e.getKey())).map(Map.Entry::getKey).toList();
        assertThat(importsInFlightAtC).as("import requests in flight at kill C").isPositive();
        assertThat(orphanedTasksAtC).as("tasks Label Studio committed for the killed client").isPositive();

        // ---- run 4: no more faults; everything must end exactly once
        boolean stopped = finalRun(service, SLOW);

        Map<String, Object> figures = figures(service);
        figures.put("kills (SIGKILL)", 3);
        figures.put("A: Start calls / jobs at kill", startsAtA + " / " + jobsAtA);
        figures.put("B: tasks / objects at kill", tasksAtB + " / " + objects.size());
        figures.put("C: imports in flight at kill", importsInFlightAtC);
        figures.put("C: tasks committed for the dead client", orphanedTasksAtC);
        Map<String, Long> finalCounts = taskCounts();
        figures.put("duplicated: had a task after kill B", objects.stream()
                .filter(k -> finalCounts.get(k) > 1 && countsAtB.get(k) > 0).count());
        List<String> importedAgainAfterC = orphanedAtC.stream().filter(k -> finalCounts.get(k) > 1).toList();
        figures.put("duplicated: import in flight at kill C", importedAgainAfterC.size());
        print("CrashRecoveryIT", figures, service);

        SoftAssertions softly = new SoftAssertions();
        assertExactlyOnce(softly);
        softly.assertThat(importedAgainAfterC)
                .as("objects whose import was in flight at kill C and that were imported again after the restart")
                .isEmpty();
        softly.assertThat(conflicts()).as("jobs running at kill A were adopted after the restart (Conflict answers)")
                .isGreaterThanOrEqualTo(jobsAtA);
        softly.assertThat(stopped).as("final SIGTERM stops the service").isTrue();
        softly.assertAll();
    }

    /** The second wave, one object every 300 ms, so that its jobs finish and its imports happen one by one. */
    private void uploadSlowly() {
        for (int i = 0; i < SECOND_WAVE; i++) {
            upload(1);
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
