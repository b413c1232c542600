package io.transcribebridge.doctor;

/**
 * One check's verdict in plain words, e.g. {@code Source bucket} / OK / {@code s3://audio/calls/ is listable}. A
 * message may have several lines (one problem each). Never holds a secret.
 */
public record Finding(String check, Verdict verdict, String message) {

    static Finding ok(String check, String message) {
        return new Finding(check, Verdict.OK, message);
    }

    static Finding warn(String check, String message) {
        return new Finding(check, Verdict.WARN, message);
    }

    static Finding fatal(String check, String message) {
        return new Finding(check, Verdict.FATAL, message);
    }

    static Finding skipped(String check, String message) {
        return new Finding(check, Verdict.SKIPPED, message);
    }

    /** {@code [ OK ] Source bucket: s3://audio/ is listable}; further lines of the message indented below. */
    public String line() {
        return verdict.tag() + " " + check + ": " + message.replace("\n", "\n       ");
    }
}
