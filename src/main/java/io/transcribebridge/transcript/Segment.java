package io.transcribebridge.transcript;

/**
 * One future Label Studio region: the items {@code [fromItem, toItem)} of the transcript, placed on the audio from
 * {@code start} to {@code end} seconds.
 *
 * @param speakerLabel Transcribe's speaker ({@code spk_0}) or null
 * @param channelLabel Transcribe's channel ({@code ch_0}) or null
 */
record Segment(int fromItem, int toItem, double start, double end, String speakerLabel,
                      String channelLabel) {

    public double seconds() {
        return end - start;
    }
}
