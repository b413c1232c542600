package io.transcribebridge.review;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.claims.ConditionalStore;
import io.transcribebridge.progress.OutputLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the deliverables of one task match its current review in Label Studio. Idempotent, and safe with several
 * replicas settling the same task: the JSON record is written conditionally (If-None-Match / If-Match on the ETag
 * read), a record of a later state is never replaced by an earlier one, and the text and captions are rendered from
 * whichever record is current after writing them.
 */
public class ReviewSettler {

    /** What settling did. */
    public enum Outcome {
        WRITTEN, REWRITTEN, DELETED, UNCHANGED, KEPT_NEWER, NO_REVIEW
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReviewSettler.class);
    private static final int ATTEMPTS = 5;
    static final List<String> COMPANIONS = List.of(".txt", ".srt", ".vtt");

    private final ReviewStore store;
    private final TranscriptWords words;
    private final ObjectMapper mapper;
    private final String defaultLanguage;
    private final Consumer<Settled> settled;

    /** Reported after each settlement (metrics, the report's refresh). */
    public record Settled(Outcome outcome, String jobName, Optional<JsonNode> record) {
    }

    public ReviewSettler(ReviewStore store, TranscriptWords words, ObjectMapper mapper, String defaultLanguage,
                         Consumer<Settled> settled) {
        this.store = store;
        this.words = words;
        this.mapper = mapper;
        this.defaultLanguage = defaultLanguage;
        this.settled = settled;
    }

    public Outcome settle(TaskReview review) throws IOException {
        OutputLayout output = store.output();
        String jsonKey = output.reviewedKey(review.jobName(), ".json");
        ObjectNode candidate = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<ConditionalStore.Stored> existing = store.conditional().read(jsonKey);
            // parsed once per attempt: a 4-hour record is about a megabyte
            JsonNode current = existing.map(stored -> parse(stored.body())).orElse(null);
            if (review.annotation().isEmpty()) {
                if (current == null) {
                    return report(Outcome.NO_REVIEW, review.jobName(), null);
                }
                remove(review.jobName(), Optional.of(current));
                return report(Outcome.DELETED, review.jobName(), null);
            }
            if (current != null && sameState(current, review)) {
                // the same annotation at the same update, against the same prediction: nothing to compute
                return report(Outcome.UNCHANGED, review.jobName(), current);
            }
            if (candidate == null) {
                boolean wholeFile = !review.annotation().get().transcription().segments();
                candidate = Deliverables.record(mapper, review, wholeFile ? words.of(review.jobName()) : List.of(),
                        defaultLanguage);
            }
            Optional<String> etag;
            if (existing.isPresent()) {
                if (newer(current, candidate, review)) {
                    LOG.info("Review of {} (task {}): kept annotation {} of {}, newer than annotation {} of {} read "
                             + "now", review.jobName(), review.taskId(), current.path("annotationId").asLong(),
                            current.path("annotationUpdatedAt").asText(), candidate.path("annotationId").asLong(),
                            candidate.path("annotationUpdatedAt").asText());
                    return report(Outcome.KEPT_NEWER, review.jobName(), current);
                }
                etag = store.conditional().replace(jsonKey, text(candidate), existing.get().etag());
            } else {
                etag = store.conditional().create(jsonKey, text(candidate));
            }
            if (etag.isEmpty()) {
                continue; // another replica wrote meanwhile: look again
            }
            writeCompanions(jsonKey, review.jobName(), candidate, etag.get());
            store.put(output.reviewIndexKey(candidate.path("annotationId").asLong()),
                    text(mapper.createObjectNode().put("taskId", review.taskId()).put("jobName", review.jobName())),
                    "application/json");
            return report(existing.isPresent() ? Outcome.REWRITTEN : Outcome.WRITTEN, review.jobName(), candidate);
        }
        throw new IOException("the review record of " + review.jobName() + " kept changing under this replica ("
                              + ATTEMPTS + " conditional writes refused)");
    }

    /** Deletes a job's deliverables (its review is gone); {@code record} names the annotation to forget. */
    public void remove(String jobName, Optional<JsonNode> record) {
        OutputLayout output = store.output();
        for (String extension : COMPANIONS) {
            store.delete(output.reviewedKey(jobName, extension));
        }
        store.delete(output.reviewedKey(jobName, ".json"));
        record.filter(json -> json.has("annotationId"))
                .ifPresent(json -> store.delete(output.reviewIndexKey(json.path("annotationId").asLong())));
    }

    /**
     * Writes the text and captions of a record again from the record: a settler that stopped between the record
     * and its companions (a crash, an S3 error) left them missing or stale, and the record alone says the review is
     * settled. The sweep calls this for records it lists without all three.
     */
    public void repairCompanions(String jobName) {
        String jsonKey = store.output().reviewedKey(jobName, ".json");
        store.conditional().read(jsonKey).ifPresent(stored -> {
            LOG.info("Review of {}: text and captions written again from its record (some were missing)", jobName);
            writeCompanions(jsonKey, jobName, (ObjectNode) parse(stored.body()), stored.etag());
        });
    }

    /** A task that no longer exists in Label Studio. */
    public Outcome removeTask(String jobName) {
        Optional<String> body = store.get(store.output().reviewedKey(jobName, ".json"));
        if (body.isEmpty()) {
            return report(Outcome.NO_REVIEW, jobName, null);
        }
        remove(jobName, Optional.of(parse(body.get())));
        return report(Outcome.DELETED, jobName, null);
    }

    /**
     * Text and captions follow the record: written from ours, then, if another replica replaced the record
     * meanwhile, rendered again from the current one (until the record stays put while they are written).
     */
    private void writeCompanions(String jsonKey, String jobName, ObjectNode record, String etag) {
        ObjectNode current = record;
        String currentEtag = etag;
        for (int round = 0; round < ATTEMPTS; round++) {
            Deliverables.Files files = Deliverables.render(current);
            OutputLayout output = store.output();
            store.put(output.reviewedKey(jobName, ".txt"), files.txt(), "text/plain; charset=utf-8");
            store.put(output.reviewedKey(jobName, ".srt"), files.srt(), "application/x-subrip; charset=utf-8");
            store.put(output.reviewedKey(jobName, ".vtt"), files.vtt(), "text/vtt; charset=utf-8");
            // a HEAD: the record (up to a megabyte for 4 hours) is read again only when another settler replaced it
            Optional<String> etagNow = store.etag(jsonKey);
            if (etagNow.isPresent() && etagNow.get().equals(currentEtag)) {
                return;
            }
            Optional<ConditionalStore.Stored> now = etagNow.isEmpty() ? Optional.empty()
                    : store.conditional().read(jsonKey);
            if (now.isEmpty()) {
                // removed meanwhile (the review was deleted): take the companions away too
                COMPANIONS.forEach(extension -> store.delete(output.reviewedKey(jobName, extension)));
                return;
            }
            current = (ObjectNode) parse(now.get().body());
            currentEtag = now.get().etag();
        }
    }

    /**
     * Whether the stored record is of exactly this state of the review: measuring a 4-hour file takes seconds, and
     * repeated events and every sweep after a restart meet mostly unchanged reviews.
     */
    static boolean sameState(JsonNode stored, TaskReview review) {
        TaskReview.Annotation annotation = review.annotation().orElseThrow();
        return stored.path("annotationId").asLong(-1) == annotation.id()
               && stored.path("annotationUpdatedAt").asText("").equals(annotation.updatedAtText())
               && stored.path("taskId").asLong(-1) == review.taskId()
               && stored.path("modelVersion").asText("").equals(review.prediction()
                       .map(TaskReview.Prediction::modelVersion).orElse(""));
    }

    /** Whether the stored record is of a later state of the task than the one just read. */
    static boolean newer(JsonNode stored, JsonNode candidate, TaskReview review) {
        Optional<TaskReview.Rank> storedRank = rank(stored);
        Optional<TaskReview.Rank> candidateRank = rank(candidate);
        if (storedRank.isEmpty() || candidateRank.isEmpty()) {
            return false;
        }
        long storedId = storedRank.get().id();
        if (storedId == candidateRank.get().id()) {
            return storedRank.get().updatedAt().isAfter(candidateRank.get().updatedAt());
        }
        return review.countedAnnotationIds().contains(storedId) && storedRank.get().compareTo(candidateRank.get()) > 0;
    }

    private static Optional<TaskReview.Rank> rank(JsonNode record) {
        return TaskReview.instant(record.path("annotationUpdatedAt").asText("")).map(updatedAt -> new TaskReview.Rank(
                record.path("groundTruth").asBoolean(false), updatedAt, record.path("annotationId").asLong()));
    }

    private Outcome report(Outcome outcome, String jobName, JsonNode record) {
        if (outcome == Outcome.WRITTEN || outcome == Outcome.REWRITTEN) {
            LOG.info("Review of {} {}: annotation {} of {}, WER {}, s3://{}/{}", jobName,
                    outcome == Outcome.WRITTEN ? "written" : "rewritten", record.path("annotationId").asLong(),
                    record.path("annotationUpdatedAt").asText(), record.path("accuracy").path("wer").asDouble(),
                    store.output().bucket(), store.output().reviewedKey(jobName, ".*"));
        } else if (outcome == Outcome.DELETED) {
            LOG.info("Review of {} removed: no counted annotation left; its deliverables are deleted", jobName);
        }
        settled.accept(new Settled(outcome, jobName, Optional.ofNullable(record)));
        return outcome;
    }

    private JsonNode parse(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    private String text(JsonNode json) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
