package io.transcribebridge.testing.transcribe;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a media object's bytes as UTF-8 text that scripts the job's outcome:
 * <ul>
 * <li>empty, {@code #corrupt}, {@code #unsupported}, {@code #samplerate} fail with AWS's FailureReason;</li>
 * <li>{@code #silence} (or only whitespace) completes with the empty-audio transcript;</li>
 * <li>{@code #transcript-json <newline> {...}} completes with that transcript (jobName replaced);
 * {@code #transcript-raw <newline> ...} completes with exactly those bytes as the output file (a broken transcript);
 * {@code #no-transcript} completes without writing any output file (as if a lifecycle rule had deleted it);</li>
 * <li>anything else is speech, see {@link SpeechTranscript}: words and punctuation, {@code word|0.42} for a
 * confidence, {@code word|PII:NAME} for personal data, and lines starting {@code spk_N:} or {@code ch_N:} for who
 * speaks, e.g.
 * <pre>
 * spk_0: Thanks for calling, this is Dana|PII:NAME.
 * spk_1: Hi, my order arrived damaged.
 * </pre>
 * </li>
 * </ul>
 * A first line {@code #language de-DE} is the language a language-identification job identifies (when it is among the
 * LanguageOptions; otherwise the first option is); it is not speech.
 * <p>
 * The request shapes the speech transcript: speaker labels ({@code speaker_labels}, {@code speaker_label} on items and
 * segments), channel identification ({@code channel_labels} with {@code number_of_channels: 2}, {@code channel_label};
 * a script with a {@code ch_2:} line or higher FAILS: Transcribe identifies at most two channels), language
 * identification ({@code language_code}, {@code language_identification}) and PII redaction ({@code isRedacted},
 * {@code [PII]} items; the unredacted transcript too for {@code redacted_and_unredacted}).
 */
final class MediaScript {

    static final String TOO_SHORT = "The input media file length is too small. Minimum audio duration is "
            + "0.500000 milliseconds. Check the length of the file and try your request again.";
    static final String CORRUPT =
            "The data in your input media file isn't valid. Check the media file and try your request again.";
    static final String UNSUPPORTED = "Unsupported media format";
    static final String BAD_SAMPLE_RATE = "Invalid sample rate for audio file";
    static final String FORMAT_MISMATCH = "The media format provided does not match the detected media format";
    static final String TOO_MANY_CHANNELS = "Invalid number of channels: number of channels too large";
    static final List<String> KNOWN_FORMATS = List.of("mp3", "mp4", "wav", "flac", "ogg", "amr", "webm", "m4a");
    private static final Pattern LANGUAGE = Pattern.compile("#language\\s+(\\S+)\\s*(?:\\R|$)");

    private final ObjectMapper json;

    MediaScript(ObjectMapper json) {
        this.json = json;
    }

    /** The {@code #language xx-XX} first line, if any. */
    static Optional<String> languageDirective(byte[] media) {
        Matcher matcher = LANGUAGE.matcher(new String(media, StandardCharsets.UTF_8));
        return matcher.lookingAt() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** {@code identifiedLanguage} is set only for language-identification jobs. */
    Outcome interpret(byte[] media, StartJobRequest request, String detectedFormat, String accountId,
            String identifiedLanguage) {
        if (media.length == 0) {
            return Outcome.failed(TOO_SHORT);
        }
        String requestedFormat = request.mediaFormat();
        if (requestedFormat != null && detectedFormat != null && !requestedFormat.equals(detectedFormat)) {
            return Outcome.failed(FORMAT_MISMATCH);
        }
        String text = new String(media, StandardCharsets.UTF_8);
        Matcher directive = LANGUAGE.matcher(text);
        if (directive.lookingAt()) {
            text = text.substring(directive.end());
        }
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
            return Outcome.completedWithFile(file.getBytes(StandardCharsets.UTF_8));
        }
        if (text.startsWith("#transcript-json")) {
            return givenTranscript(text, request.jobName());
        }
        boolean silent = text.startsWith("#silence") || text.isBlank();
        if (request.channelIdentification() && !silent && SpeechTranscript.highestParty(text) > 1) {
            return Outcome.failed(TOO_MANY_CHANNELS);
        }
        String speech = text;
        Function<Boolean, ObjectNode> transcript = redact -> {
            SpeechTranscript.Features features = SpeechTranscript.Features.of(request, redact);
            ObjectNode results = silent ? SpeechTranscript.emptyResults(features)
                    : SpeechTranscript.results(speech, features);
            return transcriptFile(request, accountId, identifiedLanguage, results,
                    request.contentRedaction() == null ? null : redact);
        };
        if (request.contentRedaction() == null) {
            return Outcome.completed(transcript.apply(false));
        }
        boolean both = "redacted_and_unredacted".equals(request.redactionText("RedactionOutput"));
        return Outcome.completedRedacted(transcript.apply(true), both ? transcript.apply(false) : null);
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

    /** Key order as in real files: jobName, accountId, [isRedacted], status, results. */
    private ObjectNode transcriptFile(StartJobRequest request, String accountId, String language, ObjectNode results,
            Boolean redacted) {
        ObjectNode file = json.createObjectNode();
        file.put("jobName", request.jobName());
        file.put("accountId", accountId);
        if (redacted != null) {
            file.put("isRedacted", redacted);
        }
        file.put("status", "COMPLETED");
        if (language != null) {
            ObjectNode withLanguage = json.createObjectNode();
            withLanguage.put("language_code", language);
            withLanguage.set("transcripts", results.get("transcripts"));
            ArrayNode scores = withLanguage.putArray("language_identification");
            scores.addObject().put("score", "0.9800").put("code", language);
            List<String> others = request.languageOptions().stream().filter(code -> !code.equals(language)).toList();
            for (String other : others) {
                scores.addObject().put("score", String.format(Locale.ROOT, "%.4f", 0.02 / others.size()))
                        .put("code", other);
            }
            withLanguage.setAll(results);
            results = withLanguage;
        }
        file.set("results", results);
        return file;
    }
}
