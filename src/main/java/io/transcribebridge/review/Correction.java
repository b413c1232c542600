package io.transcribebridge.review;

/** A substitution a reviewer made: the recognised (hypothesis) word {@code from} became {@code to}, {@code count} times. */
public record Correction(String from, String to, int count) {
}
