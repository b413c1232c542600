package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.progress.OutputLayout;
import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.transcript.TranscriptParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several replicas (settlers with their own S3 clients) settling one task at once, some having read an earlier state
 * of the review than others, against an S3 emulator that enforces conditional writes as S3 does: the record ends at
 * the latest state, the text and captions match it, and settling the same state again changes nothing.
 */
class ReviewSettlerReplicasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BUCKET = "reviews";
    private static EmbeddedS3 s3;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static ReviewSettler settler() {
        ReviewStore store = new ReviewStore(EmbeddedS3.newClient(s3.endpoint()),
                new OutputLayout(BUCKET, "transcribe-bridge/"));
        return new ReviewSettler(store, new TranscriptWords(store, new TranscriptParser(MAPPER)), MAPPER, "en-US",
                settled -> { });
    }

    private static TaskReview state(String job, String updatedAt, String text) throws Exception {
        return TaskReview.of(MAPPER.readTree(("{'id': 3, 'data': {'source_uri': 's3://a/b.wav', 'transcribe_job': '"
                + job + "'}, 'annotations': [{'id': 9, 'updated_at': '" + updatedAt + "', 'result': [{'id': 'x', "
                + "'type': 'textarea', 'value': {'text': ['" + text + "']}}]}], 'predictions': [{'id': 1, "
                + "'model_version': 'm', 'result': [{'id': 't', 'type': 'textarea', 'value': {'text': ['one two "
                + "three']}}]}]}").replace('\'', '"'))).orElseThrow();
    }

    @Test
    void replicasSettlingEarlierAndLaterStatesTogetherEndAtTheLatest() throws Exception {
        for (int round = 0; round < 8; round++) {
            String job = "job-" + round;
            List<TaskReview> states = List.of(state(job, "2026-12-06T10:00:01.000001Z", "one two"),
                    state(job, "2026-12-06T10:00:02.000001Z", "one two three four"),
                    state(job, "2026-12-06T10:00:03.000001Z", "one two three latest"));
            int replicas = 6;
            CyclicBarrier together = new CyclicBarrier(replicas);
            ExecutorService pool = Executors.newFixedThreadPool(replicas);
            List<Future<ReviewSettler.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                ReviewSettler settler = settler();
                TaskReview review = states.get(i % states.size());
                outcomes.add(pool.submit(() -> {
                    together.await();
                    return settler.settle(review);
                }));
            }
            for (Future<ReviewSettler.Outcome> outcome : outcomes) {
                outcome.get();
            }
            pool.shutdown();
            String key = "transcribe-bridge/reviewed/" + job;
            JsonNode record = MAPPER.readTree(s3.getString(BUCKET, key + ".json").orElseThrow());
            assertThat(record.path("annotationUpdatedAt").asText()).as("round %d", round)
                    .isEqualTo("2026-12-06T10:00:03.000001Z");
            assertThat(s3.getString(BUCKET, key + ".txt")).contains("one two three latest\n");
            assertThat(s3.getString(BUCKET, key + ".srt").orElseThrow()).contains("one two three latest");
            assertThat(s3.getString(BUCKET, key + ".vtt").orElseThrow()).contains("one two three latest");

            String etag = s3.etag(BUCKET, key + ".json");
            assertThat(settler().settle(states.get(2))).isEqualTo(ReviewSettler.Outcome.UNCHANGED);
            assertThat(settler().settle(states.get(0))).isEqualTo(ReviewSettler.Outcome.KEPT_NEWER);
            assertThat(s3.etag(BUCKET, key + ".json")).isEqualTo(etag);
        }
    }

    @Test
    void textAndCaptionsLostAfterTheRecordAreListedAsIncompleteAndWrittenAgainFromIt() throws Exception {
        ReviewSettler settler = settler();
        ReviewStore store = new ReviewStore(EmbeddedS3.newClient(s3.endpoint()),
                new OutputLayout(BUCKET, "transcribe-bridge/"));
        settler.settle(state("job-repair", "2026-12-06T10:00:01.000001Z", "one two repaired"));
        assertThat(store.deliverables().get("job-repair").complete()).isTrue();

        // as if the settler had stopped after the record and the text
        store.delete("transcribe-bridge/reviewed/job-repair.srt");
        store.delete("transcribe-bridge/reviewed/job-repair.vtt");
        assertThat(store.deliverables().get("job-repair").complete()).isFalse();
        assertThat(settler.settle(state("job-repair", "2026-12-06T10:00:01.000001Z", "one two repaired")))
                .as("the record alone says settled").isEqualTo(ReviewSettler.Outcome.UNCHANGED);

        settler.repairCompanions("job-repair");
        assertThat(store.deliverables().get("job-repair").complete()).isTrue();
        assertThat(s3.getString(BUCKET, "transcribe-bridge/reviewed/job-repair.vtt").orElseThrow())
                .contains("one two repaired");
    }
}
