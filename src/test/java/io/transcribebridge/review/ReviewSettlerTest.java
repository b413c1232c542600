package io.transcribebridge.review;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of two records of a task is of the later state (the rest of settling is tested end to end). */
class ReviewSettlerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode record(long annotation, String updatedAt, boolean groundTruth) {
        return MAPPER.createObjectNode().put("annotationId", annotation).put("annotationUpdatedAt", updatedAt)
                .put("groundTruth", groundTruth);
    }

    private static TaskReview counting(Long... ids) {
        return new TaskReview(1, "job", "s3://b/k", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(ids));
    }

    @Test
    void theSameAnnotationReadEarlierIsOlder() {
        assertThat(ReviewSettler.newer(record(5, "2026-12-06T10:00:02Z", false),
                record(5, "2026-12-06T10:00:01Z", false), counting(5L))).isTrue();
        assertThat(ReviewSettler.newer(record(5, "2026-12-06T10:00:01Z", false),
                record(5, "2026-12-06T10:00:02Z", false), counting(5L))).isFalse();
    }

    @Test
    void anotherAnnotationWinsByGroundTruthThenRecency() {
        assertThat(ReviewSettler.newer(record(5, "2026-12-06T10:00:02Z", false),
                record(6, "2026-12-06T10:00:01Z", true), counting(5L, 6L))).isFalse();
        assertThat(ReviewSettler.newer(record(5, "2026-12-06T10:00:02Z", false),
                record(6, "2026-12-06T10:00:01Z", false), counting(5L, 6L))).isTrue();
    }

    @Test
    void aStoredAnnotationThatNoLongerCountsIsNeverNewer() {
        assertThat(ReviewSettler.newer(record(5, "2026-12-06T10:00:09Z", true),
                record(6, "2026-12-06T10:00:01Z", false), counting(6L))).isFalse();
    }
}
