package io.transcribebridge.transcript;

import java.util.List;

/**
 * One entry of {@code results.audio_segments} (newer output): a stretch of speech Transcribe chose, given as the
 * {@code id}s of the items it covers. Its own {@code transcript} text is not kept: region text is rebuilt from the
 * items so that it always agrees with them.
 */
public record AudioSegment(Integer id, Double startTime, Double endTime, String speakerLabel, String channelLabel,
                           List<Integer> itemIds) {

    public AudioSegment {
        itemIds = List.copyOf(itemIds);
    }
}
