package io.transcribebridge.transcript;

import java.util.List;

import io.transcribebridge.transcript.OutputPlan.Segmentation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.groups.Tuple.tuple;

import static org.assertj.core.api.Assertions.assertThat;

class SegmenterTest {

    private final Segmenter segmenter = new Segmenter(new Segmentation(30, 1.5));

    @Test
    void aSpeakerChangeStartsASegment() {
        Transcript transcript = new Items().speaker("spk_0").word("Hello", 0, 0.4).mark(".")
                .speaker("spk_1").word("Hi", 0.5, 0.7).word("there", 0.72, 1.0).transcript();

        assertThat(texts(transcript)).containsExactly("Hello.", "Hi there");
        assertThat(segments(transcript)).extracting(Segment::speakerLabel).containsExactly("spk_0", "spk_1");
    }

    @Test
    void aChannelChangeStartsASegment() {
        Transcript transcript = new Items().channel("ch_0").word("Hello", 0, 0.4)
                .channel("ch_1").word("Hi", 0.45, 0.7).transcript();

        assertThat(segments(transcript)).extracting(Segment::channelLabel).containsExactly("ch_0", "ch_1");
    }

    @Test
    void aWordWithoutSpeakerStaysWithTheSpeakerBefore() {
        Transcript transcript = new Items().speaker("spk_0").word("Hello", 0, 0.4).speaker(null).word("you", 0.5, 0.7)
                .transcript();

        assertThat(texts(transcript)).containsExactly("Hello you");
    }

    @Test
    void aPauseOfPauseSecondsStartsASegmentAShorterOneDoesNot() {
        Transcript transcript = new Items().word("one", 0, 0.5).word("two", 1.99, 2.2).word("three", 3.7, 4.0)
                .transcript();

        assertThat(texts(transcript)).containsExactly("one two", "three");
    }

    @Test
    void noSegmentIsLongerThanMaxSecondsAndCutsFallBetweenWords() {
        Items items = new Items();
        for (int i = 0; i < 100; i++) {
            items.word("w" + i, i * 0.5, i * 0.5 + 0.4);
        }
        List<Segment> segments = segments(items.transcript());

        assertThat(segments).allSatisfy(segment -> assertThat(segment.seconds()).isLessThanOrEqualTo(30));
        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).end()).isEqualTo(29.9);
        assertThat(segments.get(1).start()).isEqualTo(30.0);
    }

    @Test
    void aWordLongerThanMaxSecondsGetsASegmentOfItsOwn() {
        Transcript transcript = new Items().word("a", 0, 1).word("long", 1.1, 40).word("b", 40.1, 40.5).transcript();

        assertThat(texts(transcript)).containsExactly("a", "long", "b");
    }

    @Test
    void aSentenceEndEndsASegmentOnlyOnceItIsAThirdOfMaxSecondsLong() {
        Transcript transcript = new Items()
                .word("Short", 0, 0.5).mark(".").word("Next", 0.6, 10.2).mark(".")
                .word("Then", 10.3, 10.6).word("more", 10.7, 11.0).transcript();

        assertThat(texts(transcript)).containsExactly("Short. Next.", "Then more");
    }

    @Test
    void punctuationNeverStartsASegment() {
        Transcript transcript = new Items().speaker("spk_0").word("Yes", 0, 0.3).speaker("spk_1").mark("?")
                .word("No", 0.4, 0.6).transcript();

        assertThat(texts(transcript)).containsExactly("Yes?", "No");
    }

    @Test
    void leadingPunctuationOpensTheFirstSegment() {
        Transcript transcript = new Items().mark("\u2026").word("so", 0.2, 0.4).transcript();

        assertThat(texts(transcript)).containsExactly("\u2026 so");
        assertThat(segments(transcript).get(0).start()).isEqualTo(0.2);
    }

    @Test
    void anEmptyTranscriptHasNoSegments() {
        assertThat(segmenter.segment(new Items().transcript()).segments()).isEmpty();
    }

    @Test
    void transcribesAudioSegmentsAreUsedWhenTheyCoverEveryItemOnce() {
        Items items = new Items().speaker("spk_0").word("Hello", 0, 0.4).mark(".").word("Still", 0.5, 0.8)
                .speaker("spk_1").word("me", 0.9, 1.0);
        Transcript transcript = items.transcript(List.of(
                new AudioSegment(0, 0.0, 0.45, "spk_0", null, List.of(0, 1)),
                new AudioSegment(1, 0.5, 1.0, null, null, List.of(2, 3))));

        Segmenter.Result result = segmenter.segment(transcript);

        assertThat(result.source()).isEqualTo(Segmenter.Source.AUDIO_SEGMENTS);
        assertThat(texts(transcript)).containsExactly("Hello.", "Still me");
        assertThat(result.segments().get(0).end()).as("the segment's own time").isEqualTo(0.45);
        assertThat(result.segments().get(1).speakerLabel()).as("from its first item").isEqualTo("spk_0");
    }

    @Test
    void punctuationOpeningAnAudioSegmentMovesToTheSegmentBefore() {
        Transcript transcript = new Items().word("Hello", 0, 0.4).mark(".").word("Bye", 0.5, 0.8).transcript(List.of(
                new AudioSegment(0, null, null, null, null, List.of(0)),
                new AudioSegment(1, null, null, null, null, List.of(1, 2))));

        assertThat(texts(transcript)).containsExactly("Hello.", "Bye");
        assertThat(segments(transcript)).extracting(Segment::fromItem, Segment::toItem)
                .containsExactly(tuple(0, 2), tuple(2, 3));
    }

    @Test
    void audioSegmentsOutOfOrderAreSortedByTheirItems() {
        Transcript transcript = new Items().word("a", 0, 0.2).word("b", 3, 3.2).transcript(List.of(
                new AudioSegment(1, null, null, null, null, List.of(1)),
                new AudioSegment(0, null, null, null, null, List.of(0))));

        assertThat(segmenter.segment(transcript).source()).isEqualTo(Segmenter.Source.AUDIO_SEGMENTS);
        assertThat(texts(transcript)).containsExactly("a", "b");
    }

    @Test
    void audioSegmentsThatSkipRepeatOrInventItemsAreReplacedByBuiltSegments() {
        Items items = new Items().word("a", 0, 0.2).word("b", 0.3, 0.5).word("c", 0.6, 0.8);
        List<List<AudioSegment>> broken = List.of(
                List.of(segment(0, 1)),
                List.of(segment(0, 1), segment(1, 2)),
                List.of(segment(0, 1, 2), segment(3)),
                List.of(segment(0, 2), segment(1)));

        for (List<AudioSegment> segments : broken) {
            Segmenter.Result result = segmenter.segment(items.transcript(segments));
            assertThat(result.source()).as("%s", segments).isEqualTo(Segmenter.Source.ITEMS);
            assertThat(result.segments()).hasSize(1);
        }
    }

    @Test
    void itemIdsThatAreNotPositionsAreLookedUp() {
        List<TranscriptItem> items = List.of(
                new TranscriptItem(100, TranscriptItem.Type.PRONUNCIATION, "a", 0.9, 0.0, 0.2, null, null),
                new TranscriptItem(101, TranscriptItem.Type.PRONUNCIATION, "b", 0.9, 0.3, 0.5, null, null));
        Transcript transcript = new Transcript("j", "a b", items, null, false,
                List.of(segment(100), segment(101)), List.of(), List.of());

        Segmenter.Result result = segmenter.segment(transcript);

        assertThat(result.source()).isEqualTo(Segmenter.Source.AUDIO_SEGMENTS);
        assertThat(result.segments()).hasSize(2);
    }

    private static AudioSegment segment(Integer... ids) {
        return new AudioSegment(null, null, null, null, null, List.of(ids));
    }

    private List<Segment> segments(Transcript transcript) {
        return segmenter.segment(transcript).segments();
    }

    private List<String> texts(Transcript transcript) {
        return segments(transcript).stream()
                .map(segment -> ItemText.join(transcript.items(), segment.fromItem(), segment.toItem()))
                .toList();
    }
}
