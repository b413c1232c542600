package io.transcribebridge.transcript;

/** One entry of {@code results.language_identification}: a candidate language and how sure Transcribe is. */
public record LanguageScore(String code, double score) {
}
