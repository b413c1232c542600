package io.transcribebridge.testing.transcribe;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a media object's bytes as UTF-8 text that scripts the job's outcome:
 * empty, {@code #corrupt}, {@code #unsupported}, {@code #samplerate} fail; {@code #silence} and
 * {@code #transcript-json <newline> {...}} complete with a fixed transcript; {@code #transcript-raw <newline> ...}
 * completes with exactly those bytes as the output file (a broken transcript); {@code #no-transcript} completes
 * without writing any output file (as if a lifecycle rule had deleted it); anything else is speech.
 */
final class MediaScript {

    static final String TOO_SHORT = "The input media file length is too small. Minimum audio duration is "
            + "0.500000 milliseconds. Check the length of the file and try your request again.";
    static final String CORRUPT =
            "The data in your input media file isn't valid. Check the media file and try your request again.";
    static final String UNSUPPORTED = "Unsupported media format";
    static final String BAD_SAMPLE_RATE = "Invalid sample rate for audio file";
    static final String FORMAT_MISMATCH = "The media format provided does not match the detected media format";
    static final List<String> KNOWN_FORMATS = List.of("mp3", "mp4", "wav", "flac", "ogg", "amr", "webm", "m4a");

    private final ObjectMapper json;

    MediaScript(ObjectMapper json) {
        this.json = json;
    }

    /** {@code identifiedLanguage} is set only for language-identification jobs. */
    Outcome interpret(byte[] media, String requestedFormat, String detectedFormat, String jobName,
            String accountId, String identifiedLanguage) {
        if (media.length == 0) {
            return Outcome.failed(TOO_SHORT);
        }
        if (requestedFormat != null && detectedFormat != null && !requestedFormat.equals(detectedFormat)) {
            return Outcome.failed(FORMAT_MISMATCH);
        }
        String text = new String(media, StandardCharsets.UTF_8);
        if (text.startsWith("#corrupt")) {
            return Outcome.failed(CORRUPT);
        }
        if (text.startsWith("#unsupported")) {
            return Outcome.failed(UNSUPPORTED);
        }
        if (text.startsWith("#samplerate")) {
            return Outcome.failed(BAD_SAMPLE_RATE);
        }
        if (text.startsWith("#no-transcript")) {
            return Outcome.completedWithoutFile();
        }
        if (text.startsWith("#transcript-raw")) {
            int newline = text.indexOf('\n');
            String file = newline < 0 ? "" : text.substring(newline + 1);
            return Outcome.completedWithFile(file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (text.startsWith("#transcript-json")) {
            return givenTranscript(text, jobName);
        }
        ObjectNode results = text.startsWith("#silence") || text.isBlank()
                ? SpeechTranscript.emptyResults()
                : SpeechTranscript.results(text);
        return Outcome.completed(transcriptFile(jobName, accountId, identifiedLanguage, results));
    }

    private Outcome givenTranscript(String text, String jobName) {
        int newline = text.indexOf('\n');
        try {
            JsonNode document = json.readTree(newline < 0 ? "" : text.substring(newline + 1));
            if (document == null || !document.isObject()) {
                return Outcome.failed("Emulator: #transcript-json must be followed by a JSON object");
            }
            ((ObjectNode) document).put("jobName", jobName);
            return Outcome.completed((ObjectNode) document);
        } catch (JsonProcessingException e) {
            // A test fixture mistake, not an AWS behaviour: fail the job loudly with the parse error.
            return Outcome.failed("Emulator: #transcript-json body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private ObjectNode transcriptFile(String jobName, String accountId, String language, ObjectNode results) {
        ObjectNode file = json.createObjectNode();
        file.put("jobName", jobName);
        file.put("accountId", accountId);
        file.put("status", "COMPLETED");
        if (language != null) {
            ObjectNode withLanguage = json.createObjectNode();
            withLanguage.put("language_code", language);
            withLanguage.putArray("language_identification").addObject()
                    .put("score", "0.98")
                    .put("code", language);
            withLanguage.setAll(results);
            results = withLanguage;
        }
        file.set("results", results);
        return file;
    }
}
