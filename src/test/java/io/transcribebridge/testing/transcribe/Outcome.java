package io.transcribebridge.testing.transcribe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How a job ends, decided when it starts. {@code transcript} is set only for COMPLETED. */
record Outcome(String status, String failureReason, ObjectNode transcript) {

    static Outcome completed(ObjectNode transcript) {
        return new Outcome("COMPLETED", null, transcript);
    }

    static Outcome failed(String reason) {
        return new Outcome("FAILED", reason, null);
    }

    boolean isCompleted() {
        return "COMPLETED".equals(status);
    }
}
