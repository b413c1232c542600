package io.transcribebridge.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskReviewTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    private static String annotation(int id, String updatedAt, boolean groundTruth, boolean cancelled, String text) {
        return "{'id': " + id + ", 'updated_at': '" + updatedAt + "', 'ground_truth': " + groundTruth
               + ", 'was_cancelled': " + cancelled + ", 'result': [{'id': 'r', 'from_name': 'transcription', "
               + "'to_name': 'audio', 'type': 'textarea', 'origin': 'manual', 'value': {'text': ['" + text + "']}}]}";
    }

    private static JsonNode task(String... annotations) throws Exception {
        return json("{'id': 7, 'data': {'audio': 's3://b/a.wav', 'source_uri': 's3://b/a.wav', 'transcribe_job': "
                    + "'job-1'}, 'meta': {'audio_seconds': 12.5}, 'annotations': [" + String.join(",", annotations)
                    + "], 'predictions': [{'id': 3, 'model_version': 'amazon-transcribe', 'score': 0.91, "
                    + "'result': [{'id': 'transcript', 'type': 'textarea', 'value': {'text': ['hello word']}}]}]}");
    }

    @Test
    void onlyTasksOfTheServiceCount() throws Exception {
        assertThat(TaskReview.of(json("{'id': 1, 'data': {'audio': 'x'}, 'annotations': []}"))).isEmpty();
        TaskReview review = TaskReview.of(task()).orElseThrow();
        assertThat(review.jobName()).isEqualTo("job-1");
        assertThat(review.annotation()).isEmpty();
        assertThat(review.audioSeconds()).contains(12.5);
        assertThat(review.prediction().orElseThrow().score()).isEqualTo(0.91);
        assertThat(review.prediction().orElseThrow().transcription().text()).isEqualTo("hello word");
    }

    @Test
    void theLatestGroundTruthWinsElseTheLatestAndCancelledOnesNeverCount() throws Exception {
        TaskReview latest = TaskReview.of(task(
                annotation(1, "2026-12-05T10:00:00.000001Z", false, false, "one"),
                annotation(2, "2026-12-05T11:00:00.000001Z", false, false, "two"),
                annotation(3, "2026-12-05T12:00:00.000001Z", false, true, ""))).orElseThrow();
        assertThat(latest.annotation().orElseThrow().id()).isEqualTo(2);
        assertThat(latest.countedAnnotationIds()).containsExactly(1L, 2L);

        TaskReview groundTruth = TaskReview.of(task(
                annotation(1, "2026-12-05T10:00:00.000001Z", true, false, "one"),
                annotation(4, "2026-12-05T09:00:00Z", true, false, "four"),
                annotation(2, "2026-12-05T11:00:00.000001Z", false, false, "two"))).orElseThrow();
        assertThat(groundTruth.annotation().orElseThrow().id()).isEqualTo(1);
        assertThat(groundTruth.annotation().orElseThrow().transcription().text()).isEqualTo("one");

        TaskReview onlyCancelled = TaskReview.of(task(annotation(3, "2026-12-05T12:00:00Z", false, true, "")))
                .orElseThrow();
        assertThat(onlyCancelled.annotation()).isEmpty();
    }

    @Test
    void regionsPairTheirLabelAndTextByIdInTimeOrder() throws Exception {
        Transcription regions = Transcription.of(json("["
                + "{'id': 'b', 'type': 'labels', 'value': {'start': 5.0, 'end': 7.5, 'labels': ['Customer']}},"
                + "{'id': 'a', 'type': 'textarea', 'value': {'start': 0.5, 'end': 4.0, 'text': ['Hello, this is Ann.']}},"
                + "{'id': 'b', 'type': 'textarea', 'value': {'start': 5.0, 'end': 7.5, 'text': ['Hi Ann.']}},"
                + "{'id': 'a', 'type': 'labels', 'value': {'start': 0.5, 'end': 4.0, 'labels': ['Agent']}},"
                + "{'id': 'c', 'type': 'labels', 'value': {'start': 8.0, 'end': 9.0, 'labels': ['Agent']}}]"));
        assertThat(regions.segments()).isTrue();
        assertThat(regions.regions()).extracting(Transcription.Region::label)
                .containsExactly("Agent", "Customer", "Agent");
        assertThat(regions.text()).isEqualTo("Hello, this is Ann. Hi Ann.");
        assertThat(regions.textOf("Agent")).isEqualTo("Hello, this is Ann.");
        assertThat(regions.labels()).containsExactly("Agent", "Customer");
    }
}
