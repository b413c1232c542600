package io.transcribebridge.transcript;

import java.util.List;

import io.transcribebridge.transcript.OutputPlan.ScoreMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConfidenceScoreTest {

    /** 0.9, 0.5 and 0.7 over 30 s; punctuation and the redacted word do not count. */
    private final List<TranscriptItem> items = new Items()
            .confidence(0.9).word("one", 0, 1).mark(",")
            .confidence(0.5).word("two", 1, 2).pii(2, 3)
            .confidence(0.7).word("three", 29, 30).mark(".").list();

    private final ConfidenceScore score = ConfidenceScore.of(items, 0, items.size(), 0.6);

    @Test
    void countsOnlySpokenWordsWithAConfidence() {
        assertThat(score.words()).isEqualTo(3);
        assertThat(score.mean().getAsDouble()).isCloseTo(0.7, within(1e-12));
        assertThat(score.min().getAsDouble()).isEqualTo(0.5);
        assertThat(score.expectedErrors()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void scoresByEachMethod() {
        assertThat(score.score(ScoreMethod.MEAN, 30).getAsDouble()).isCloseTo(0.7, within(1e-12));
        assertThat(score.score(ScoreMethod.MIN, 30).getAsDouble()).isEqualTo(0.5);
        // 0.9 expected errors in half a minute: 1.8 a minute
        assertThat(score.expectedErrorsPerMinute(30).getAsDouble()).isCloseTo(1.8, within(1e-12));
        assertThat(score.score(ScoreMethod.ERRORS_PER_MINUTE, 30).getAsDouble()).isCloseTo(1 / 2.8, within(1e-12));
    }

    @Test
    void listsTheWordsBelowTheThreshold() {
        assertThat(score.lowConfidence()).extracting(TranscriptItem::content).containsExactly("two");
        assertThat(RegionResults.describeLowConfidence(score.lowConfidence())).isEqualTo("low confidence: two (0.5)");
    }

    @Test
    void coversOnlyTheRangeAskedFor() {
        ConfidenceScore first = ConfidenceScore.of(items, 0, 2, 0.6);
        assertThat(first.words()).isEqualTo(1);
        assertThat(first.mean().getAsDouble()).isEqualTo(0.9);
    }

    @Test
    void withoutWordsThereIsNothingToScore() {
        ConfidenceScore none = ConfidenceScore.of(new Items().pii(0, 1).mark(".").list(), 0, 2, 0.6);

        for (ScoreMethod method : ScoreMethod.values()) {
            assertThat(none.score(method, 10)).as(method.name()).isEmpty();
        }
    }

    @Test
    void errorsPerMinuteNeedsTheAudioLength() {
        assertThat(score.score(ScoreMethod.ERRORS_PER_MINUTE, 0)).isEmpty();
    }
}
