package io.transcribebridge.testing.transcribe;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a job ends, decided when it starts. {@code transcriptFile} (the bytes written to S3) is set only for COMPLETED,
 * and not even then for {@link #completedWithoutFile()}.
 */
record Outcome(String status, String failureReason, byte[] transcriptFile) {

    static Outcome completed(ObjectNode transcript) {
        return new Outcome("COMPLETED", null, transcript.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A COMPLETED job whose output file holds exactly these bytes (to test readers against broken files). */
    static Outcome completedWithFile(byte[] file) {
        return new Outcome("COMPLETED", null, file);
    }

    /** A COMPLETED job that writes no output file: the transcript is gone, as after a lifecycle rule deleted it. */
    static Outcome completedWithoutFile() {
        return new Outcome("COMPLETED", null, null);
    }

    static Outcome failed(String reason) {
        return new Outcome("FAILED", reason, null);
    }

    boolean isCompleted() {
        return "COMPLETED".equals(status);
    }
}
