package io.transcribebridge.intake;

/** What intake does with a listed object. */
public enum IntakeDecision {
    /** A supported audio/video object: transcribe it. */
    ACCEPT,
    /** The service's own output (transcripts, failure records) in a shared bucket: never an input. */
    OWN_OUTPUT,
    /** Not a format Transcribe accepts (or a folder marker): ignored. */
    UNSUPPORTED
}
