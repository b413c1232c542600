package io.transcribebridge.intake;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeFilterTest {

    private final IntakeFilter filter = new IntakeFilter("audio", "transcribe-bridge/");

    @ParameterizedTest
    @CsvSource({
            "audio, calls/a.wav, ACCEPT",
            "audio, calls/A.WAV, ACCEPT",
            "audio, x.Mp3, ACCEPT",
            "audio, x.mp4, ACCEPT",
            "audio, x.flac, ACCEPT",
            "audio, x.ogg, ACCEPT",
            "audio, x.amr, ACCEPT",
            "audio, x.webm, ACCEPT",
            "audio, x.m4a, ACCEPT",
            "audio, notes.txt, UNSUPPORTED",
            "audio, x.aac, UNSUPPORTED",
            "audio, wav, UNSUPPORTED",
            "audio, folder.wav/, UNSUPPORTED",
            "audio, .wav, UNSUPPORTED",
            "audio, calls/.wav, UNSUPPORTED",
            "audio, x.wav.json, UNSUPPORTED",
            "audio, transcribe-bridge/transcripts/tb-a.json, OWN_OUTPUT",
            "audio, transcribe-bridge/uploaded-by-mistake.wav, OWN_OUTPUT",
            "other, transcribe-bridge/a.wav, ACCEPT",
    })
    void classifies(String bucket, String key, IntakeDecision expected) {
        assertThat(filter.classify(bucket, key)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "a.WAV, wav", "b.M4a, m4a", "c.tar.mp3, mp3" })
    void reportsTheMediaFormatInLowerCase(String key, String format) {
        assertThat(SupportedMedia.formatOf(key)).contains(format);
    }
}
