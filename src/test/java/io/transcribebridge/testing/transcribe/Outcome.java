package io.transcribebridge.testing.transcribe;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a job ends, decided when it starts. {@code transcriptFile} (the bytes written to S3) is set only for COMPLETED,
 * and not even then for {@link #completedWithoutFile()}. With ContentRedaction it is the redacted transcript, and
 * {@code unredactedFile} is set when the request asked for {@code redacted_and_unredacted}.
 */
record Outcome(String status, String failureReason, byte[] transcriptFile, byte[] unredactedFile) {

    static Outcome completed(ObjectNode transcript) {
        return completedWithFile(bytes(transcript));
    }

    /** A redacted transcript and, for {@code redacted_and_unredacted}, the unredacted one (else null). */
    static Outcome completedRedacted(ObjectNode redacted, ObjectNode unredacted) {
        return new Outcome("COMPLETED", null, bytes(redacted), unredacted == null ? null : bytes(unredacted));
    }

    /** A COMPLETED job whose output file holds exactly these bytes (to test readers against broken files). */
    static Outcome completedWithFile(byte[] file) {
        return new Outcome("COMPLETED", null, file, null);
    }

    /** A COMPLETED job that writes no output file: the transcript is gone, as after a lifecycle rule deleted it. */
    static Outcome completedWithoutFile() {
        return new Outcome("COMPLETED", null, null, null);
    }

    static Outcome failed(String reason) {
        return new Outcome("FAILED", reason, null, null);
    }

    boolean isCompleted() {
        return "COMPLETED".equals(status);
    }

    private static byte[] bytes(ObjectNode transcript) {
        return transcript.toString().getBytes(StandardCharsets.UTF_8);
    }
}
