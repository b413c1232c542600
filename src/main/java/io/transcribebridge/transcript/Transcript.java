package io.transcribebridge.transcript;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this service needs from an Amazon Transcribe transcript file.
 *
 * @param text                   {@code results.transcripts}, or the items joined when the file has none
 * @param items                  in transcript order; with channel identification the channels merged by time
 * @param languageCode           {@code results.language_code}: the job's language, identified or configured
 * @param audioSegments          {@code results.audio_segments}; empty in older output
 * @param languageIdentification {@code results.language_identification}; empty unless the job identified the
 *                               language
 * @param channelLabels          the channels of a channel-identification job ({@code ch_0}, {@code ch_1}); empty
 *                               otherwise
 */
public record Transcript(String jobName, String text, List<TranscriptItem> items, String languageCode,
                         boolean redacted, List<AudioSegment> audioSegments,
                         List<LanguageScore> languageIdentification, List<String> channelLabels) {

    private static final Pattern CHANNEL_NUMBER = Pattern.compile("ch_(\\d{1,3})");

    public Transcript {
        text = text == null ? "" : text;
        items = List.copyOf(items);
        audioSegments = audioSegments == null ? List.of() : List.copyOf(audioSegments);
        languageIdentification = languageIdentification == null ? List.of() : List.copyOf(languageIdentification);
        channelLabels = channelLabels == null ? List.of() : List.copyOf(channelLabels);
    }

    /** Mean ASR confidence of the spoken words; empty when no word carries a confidence (e.g. silence). */
    public OptionalDouble meanConfidence() {
        return ConfidenceScore.of(items, 0, items.size(), 0).mean();
    }

    public long wordCount() {
        return items.stream().filter(TranscriptItem::isPronunciation).count();
    }

    /**
     * The language Transcribe identified, only for jobs that ran language identification: {@code language_code},
     * or the best-scored candidate when the file lacks it. Jobs with a configured language give empty.
     */
    public Optional<String> identifiedLanguage() {
        if (languageIdentification.isEmpty()) {
            return Optional.empty();
        }
        if (languageCode != null && !languageCode.isBlank()) {
            return Optional.of(languageCode);
        }
        return languageIdentification.stream().max(Comparator.comparingDouble(LanguageScore::score))
                .map(LanguageScore::code);
    }

    /**
     * How long the audio is at least: the end of the last word or segment. Transcribe does not report the real
     * length, so trailing silence is not counted; 0 when nothing carries a time.
     */
    public double audioSeconds() {
        double end = 0;
        for (TranscriptItem item : items) {
            if (item.endTime() != null) {
                end = Math.max(end, item.endTime());
            }
        }
        for (AudioSegment segment : audioSegments) {
            if (segment.endTime() != null) {
                end = Math.max(end, segment.endTime());
            }
        }
        return end;
    }

    /** Whether the job ran channel identification, so that regions belong on one channel of the audio. */
    public boolean hasChannels() {
        return !channelLabels.isEmpty();
    }

    /**
     * The 0-based audio channel of a Transcribe channel label: the number in {@code ch_N}, else the label's place
     * in {@link #channelLabels()}; 0 when unknown.
     */
    public int channelIndex(String channelLabel) {
        if (channelLabel == null) {
            return 0;
        }
        Matcher number = CHANNEL_NUMBER.matcher(channelLabel);
        if (number.matches()) {
            return Integer.parseInt(number.group(1));
        }
        return Math.max(0, channelLabels.indexOf(channelLabel));
    }
}
