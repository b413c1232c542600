package io.transcribebridge.transcribe;

/**
 * Waiting for a job stopped before it finished because the service is shutting down. The exchange fails on
 * purpose so the object is not marked handled and is resumed (by job name) after the restart.
 */
public class WaitInterruptedException extends RuntimeException {
    public WaitInterruptedException(String jobName) {
        super("stopped waiting for Transcribe job " + jobName + " because the service is shutting down");
    }
}
