package io.transcribebridge.doctor;

/** What a start-up check found. */
public enum Verdict {
    OK("[ OK ]"),
    /** The service can run, but something will not work as the operator probably expects. Logged once. */
    WARN("[WARN]"),
    /** The service cannot do its work: it stops with exit code 2. */
    FATAL("[FAIL]"),
    /** Not checked, because a check it needs failed (or it cannot be checked with the granted permissions). */
    SKIPPED("[SKIP]");

    private final String tag;

    Verdict(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
