package io.transcribebridge.testing.transcribe;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One job. Everything is fixed at Start; the status follows from the wall clock:
 * QUEUED for {@code queuedFor}, then IN_PROGRESS for {@code runFor}, then the outcome.
 */
final class TranscriptionJob {

    private final long sequence;
    private final StartJobRequest request;
    private final Instant created;
    private final Duration queuedFor;
    private final Duration runFor;
    private final String mediaFormat;
    private final int sampleRateHertz;
    private final String languageCode;
    private final OutputLocation output;
    private final Outcome outcome;
    private boolean transcriptWritten;

    TranscriptionJob(long sequence, StartJobRequest request, Instant created, Duration queuedFor, Duration runFor,
            String mediaFormat, int sampleRateHertz, String languageCode, OutputLocation output, Outcome outcome) {
        this.sequence = sequence;
        this.request = request;
        this.created = created;
        this.queuedFor = queuedFor;
        this.runFor = runFor;
        this.mediaFormat = mediaFormat;
        this.sampleRateHertz = sampleRateHertz;
        this.languageCode = languageCode;
        this.output = output;
        this.outcome = outcome;
    }

    String name() {
        return request.jobName();
    }

    long sequence() {
        return sequence;
    }

    StartJobRequest request() {
        return request;
    }

    Instant created() {
        return created;
    }

    String mediaFormat() {
        return mediaFormat;
    }

    int sampleRateHertz() {
        return sampleRateHertz;
    }

    /** LanguageCode as reported: the requested one, or for language identification the identified one. */
    String languageCode() {
        return languageCode;
    }

    OutputLocation output() {
        return output;
    }

    Outcome outcome() {
        return outcome;
    }

    /** What Start answers: a new job is never reported terminal, even with runFor = 0. */
    String initialStatus() {
        return queuedFor.isZero() ? "IN_PROGRESS" : "QUEUED";
    }

    String status(Instant now) {
        if (now.isBefore(startTime())) {
            return "QUEUED";
        }
        if (now.isBefore(completionTime())) {
            return "IN_PROGRESS";
        }
        return outcome.status();
    }

    boolean isTerminal(Instant now) {
        return !now.isBefore(completionTime());
    }

    Instant startTime() {
        return created.plus(queuedFor);
    }

    Instant completionTime() {
        return startTime().plus(runFor);
    }

    Optional<Instant> startTimeSeen(Instant now) {
        return now.isBefore(startTime()) ? Optional.empty() : Optional.of(startTime());
    }

    Optional<Instant> completionTimeSeen(Instant now) {
        return isTerminal(now) ? Optional.of(completionTime()) : Optional.empty();
    }

    /**
     * Writes the transcript the first time the job is seen COMPLETED, before that answer goes out,
     * so a client that sees COMPLETED can always read the file. Concurrent observers wait here.
     */
    synchronized void writeTranscriptIfDue(Instant now, TranscriptWriter writer) {
        if (transcriptWritten || !isTerminal(now) || !outcome.isCompleted() || outcome.transcriptFile() == null) {
            return;
        }
        if (redacted()) {
            writer.write(output.redacted(), outcome.transcriptFile());
            if (outcome.unredactedFile() != null) {
                writer.write(output, outcome.unredactedFile());
            }
        } else {
            writer.write(output, outcome.transcriptFile());
        }
        transcriptWritten = true;
    }

    /** With ContentRedaction the transcript is the redacted one, at {@link OutputLocation#redacted()}. */
    boolean redacted() {
        return request.contentRedaction() != null;
    }

    /** Whether an unredacted transcript exists besides the redacted one ({@code redacted_and_unredacted}). */
    boolean unredactedToo() {
        return "redacted_and_unredacted".equals(request.redactionText("RedactionOutput"));
    }

    @FunctionalInterface
    interface TranscriptWriter {
        void write(OutputLocation location, byte[] transcriptFile);
    }
}
