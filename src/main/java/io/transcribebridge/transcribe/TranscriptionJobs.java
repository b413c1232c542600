package io.transcribebridge.transcribe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.progress.OutputLayout;

import software.amazon.awssdk.services.transcribe.model.GetTranscriptionJobResponse;
import software.amazon.awssdk.services.transcribe.model.Media;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;

/**
 * Builds the Transcribe requests for a source object and decides how long to keep waiting for a job.
 */
public final class TranscriptionJobs {

    private final String languageCode;
    private final OutputLayout output;
    private final Duration maxWait;
    private final PollSchedule polling;
    private final Clock clock;

    /** When to poll a job: first after {@code firstPoll}, then every {@code interval} x backoff^n, at most max. */
    public record PollSchedule(Duration firstPoll, Duration interval, double backoff, Duration maxInterval) {
    }

    public TranscriptionJobs(String languageCode, OutputLayout output, Duration maxWait, PollSchedule polling,
                             Clock clock) {
        this.languageCode = languageCode;
        this.output = output;
        this.maxWait = maxWait;
        this.polling = polling;
        this.clock = clock;
    }

    public StartTranscriptionJobRequest startRequest(SourceObject source, String jobName) {
        return StartTranscriptionJobRequest.builder()
                .transcriptionJobName(jobName)
                .media(Media.builder().mediaFileUri(source.uri()).build())
                .languageCode(languageCode)
                .outputBucketName(output.bucket())
                .outputKey(transcriptKey(jobName))
                .build();
    }

    /** Ends in {@code .json}, so Transcribe uses it as the exact object key rather than as a folder. */
    public String transcriptKey(String jobName) {
        return output.transcriptKey(jobName);
    }

    /**
     * Delay before poll number {@code index} (0-based) of one job: the first after {@code firstPoll}, then
     * {@code interval}, growing by {@code backoff} each time up to {@code maxInterval}.
     */
    public long pollDelay(int index) {
        if (index <= 0) {
            return polling.firstPoll().toMillis();
        }
        double delay = polling.interval().toMillis() * Math.pow(polling.backoff(), index - 1);
        return (long) Math.min(delay, polling.maxInterval().toMillis());
    }

    public Instant deadline() {
        return clock.instant().plus(maxWait);
    }

    /**
     * The wait limit counts from the job's creation, so a job adopted after a restart is not granted a fresh limit.
     */
    public Instant deadlineOf(GetTranscriptionJobResponse response, Instant current) {
        Instant created = response.transcriptionJob().creationTime();
        return created == null ? current : created.plus(maxWait);
    }

    public boolean keepWaiting(String status, Instant deadline) {
        return !isTerminal(status) && clock.instant().isBefore(deadline);
    }

    public boolean timedOut(Instant deadline) {
        return !clock.instant().isBefore(deadline);
    }

    public String status(GetTranscriptionJobResponse response) {
        return response.transcriptionJob().transcriptionJobStatusAsString();
    }

    public boolean failed(GetTranscriptionJobResponse response) {
        return TranscriptionJobStatus.FAILED == response.transcriptionJob().transcriptionJobStatus();
    }

    public String failureReason(GetTranscriptionJobResponse response) {
        String reason = response.transcriptionJob().failureReason();
        return "Transcribe job FAILED: " + (reason == null || reason.isBlank() ? "no reason given" : reason);
    }

    public String timeoutReason(String jobName, String status) {
        return "Transcribe job " + jobName + " was still " + status + " after " + maxWait
               + "; stopped waiting for it";
    }

    public static boolean isTerminal(String status) {
        return TranscriptionJobStatus.COMPLETED.toString().equals(status)
               || TranscriptionJobStatus.FAILED.toString().equals(status);
    }
}
