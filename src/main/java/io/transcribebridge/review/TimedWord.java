package io.transcribebridge.review;

/** A recognised word with its times in seconds: a Transcribe item of type pronunciation. */
public record TimedWord(String text, double start, double end) {
}
