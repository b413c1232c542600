package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.transcribebridge.progress.OutputLayout;
import io.transcribebridge.transcript.MalformedTranscriptException;
import io.transcribebridge.transcript.TranscriptItem;
import io.transcribebridge.transcript.TranscriptParser;

/**
 * The timed words of a job's transcript, for the captions of whole-file reviews (the Label Studio prediction carries
 * the text only). Read from {@code transcripts/<job>.json}, or with PII redaction {@code transcripts/redacted-<job>.json};
 * empty when neither is there or it cannot be read (the captions are then one cue for the file).
 */
public class TranscriptWords {

    private final ReviewStore store;
    private final TranscriptParser parser;

    public TranscriptWords(ReviewStore store, TranscriptParser parser) {
        this.store = store;
        this.parser = parser;
    }

    public List<TimedWord> of(String jobName) {
        OutputLayout output = store.output();
        Optional<byte[]> json = store.bytes(output.transcriptKey(jobName));
        if (json.isEmpty()) {
            json = store.bytes(output.redactedTranscriptKey(jobName));
        }
        if (json.isEmpty()) {
            return List.of();
        }
        try {
            List<TimedWord> words = new ArrayList<>();
            for (TranscriptItem item : parser.parse(json.get()).items()) {
                if (item.isPronunciation() && item.isTimed()) {
                    words.add(new TimedWord(item.content(), item.startTime(), item.endTime()));
                }
            }
            return words;
        } catch (MalformedTranscriptException e) {
            return List.of();
        }
    }
}
