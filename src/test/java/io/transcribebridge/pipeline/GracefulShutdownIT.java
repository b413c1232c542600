package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.Map;

import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.ServiceProcess;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker stop}: SIGTERM, then SIGKILL after a 10 s grace period. With a dozen jobs waiting on Transcribe and
 * an import in flight the service must be gone within those 10 s, and after the restart every object must still
 * become exactly one task, the waiting jobs adopted rather than submitted again.
 */
class GracefulShutdownIT extends ExactlyOnceTestSupport {

    private static final Duration SLOW = Duration.ofSeconds(60);
    private static final Duration DOCKER_STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration LONG_JOB = Duration.ofSeconds(30);
    private static final int WAITING_JOBS = 12;

    @Test
    void sigtermWithJobsWaitingStopsWithinTheGracePeriodAndNothingIsLost() {
        // one object whose job finishes at once and whose import is answered slowly: in flight at SIGTERM
        transcribe.runFor(Duration.ofMillis(300));
        labelStudio.importDelay(Duration.ofSeconds(4));
        String quick = upload(1).get(0);
        ServiceProcess service = startService(environment());
        Eventually.await(SLOW, "the first job", () -> transcribe.jobNames().size() == 1);

        transcribe.runFor(LONG_JOB);
        upload(WAITING_JOBS);
        Eventually.await(SLOW, "all jobs submitted and an import in flight",
                () -> transcribe.jobNames().size() == objects.size() && importsInFlight() > 0);

        long waiting = transcribe.jobNames().stream()
                .filter(job -> transcribe.status(job).orElseThrow().equals("IN_PROGRESS")).count();
        assertThat(waiting).as("jobs still running at SIGTERM").isEqualTo(WAITING_JOBS);

        long sigterm = System.nanoTime();
        service.sigterm();
        boolean stoppedInTime = service.awaitExit(DOCKER_STOP_GRACE);
        Duration shutdown = Duration.ofNanos(System.nanoTime() - sigterm);
        if (!stoppedInTime) {
            service.sigkill(); // what Docker would do; the rest of the test still shows what was lost
        }
        Integer exitCode = stoppedInTime ? service.exitCode() : null;
        boolean inFlightImportFinished = service.log().contains("Imported " + uri(quick));
        String shutdownLog = service.runLog();
        int tasksAtShutdown = tasks();

        // restart, with the emulator's clock moved past the long jobs
        transcribe.fastForward(LONG_JOB);
        boolean finalStop = finalRun(service, SLOW);

        Map<String, Object> figures = figures(service);
        figures.put("jobs waiting at SIGTERM", waiting);
        figures.put("SIGTERM to exit (ms)", shutdown.toMillis());
        figures.put("exit code after SIGTERM", exitCode);
        figures.put("in-flight import completed before exit", inFlightImportFinished);
        figures.put("tasks at shutdown", tasksAtShutdown);
        print("GracefulShutdownIT", figures, service);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(stoppedInTime).as("exited within %s of SIGTERM (took %s ms)", DOCKER_STOP_GRACE,
                shutdown.toMillis()).isTrue();
        assertExactlyOnce(softly);
        softly.assertThat(conflicts()).as("jobs waiting at SIGTERM were adopted after the restart (Conflict answers)")
                .isGreaterThanOrEqualTo(WAITING_JOBS);
        softly.assertThat(finalStop).as("final SIGTERM stops the service").isTrue();
        softly.assertThat(shutdownLog.split("Stopped waiting for Transcribe job", -1).length - 1)
                .as("one quiet line per job abandoned at the safe point").isEqualTo(WAITING_JOBS);
        softly.assertThat(shutdownLog).as("no stack traces for a planned stop").doesNotContain("\tat ")
                .doesNotContain("WaitInterruptedException");
        softly.assertAll();
    }
}
