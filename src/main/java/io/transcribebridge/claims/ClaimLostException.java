package io.transcribebridge.claims;

/**
 * This replica no longer holds the claim of an object version (its lease ran out and another replica took it over):
 * it must not import or record anything for it, the other replica does.
 */
public final class ClaimLostException extends RuntimeException {

    public ClaimLostException(String jobName) {
        super("another replica took over job " + jobName);
    }
}
