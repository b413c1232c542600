package io.transcribebridge.testing.transcribe;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How a job ends, decided when it starts. {@code transcriptFile} (the bytes written to S3) is set only for COMPLETED. */
record Outcome(String status, String failureReason, byte[] transcriptFile) {

    static Outcome completed(ObjectNode transcript) {
        return new Outcome("COMPLETED", null, transcript.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A COMPLETED job whose output file holds exactly these bytes (to test readers against broken files). */
    static Outcome completedWithFile(byte[] file) {
        return new Outcome("COMPLETED", null, file);
    }

    static Outcome failed(String reason) {
        return new Outcome("FAILED", reason, null);
    }

    boolean isCompleted() {
        return "COMPLETED".equals(status);
    }
}
