package io.transcribebridge.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.transcribebridge.claims.ConditionalStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles every difference between Label Studio and the deliverables: webhooks get lost (one POST, no retry), so
 * every {@code REVIEW_RECONCILE_INTERVAL_MS} the project's tasks are read with their annotations
 * ({@code GET /api/tasks/?project=ID&fields=all}) and this reading is the truth. A record whose ETag was seen with the
 * same annotation state is not read again; a record listed without its text and captions gets them again (a
 * settler stopped between them); a record of a task that no longer exists is removed; events accepted before the
 * sweep began are settled by it and leave the inbox.
 */
public class ReviewReconciler {

    /** What one sweep found, for the log and the tests. */
    public record Sweep(int tasks, int reviewed, Map<ReviewSettler.Outcome, Integer> outcomes, int removedTasks,
                        int inboxCleared, Duration took) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReviewReconciler.class);

    private final ReviewApi api;
    private final ReviewSettler settler;
    private final ReviewStore store;
    /**
     * Which annotation state each record holds, by ETag: unchanged records are not read every sweep. Filled by the
     * accuracy report's refresh, which reads every record and follows every sweep (route {@code review-reconcile}).
     */
    private final ReviewedRecords records;
    private final Clock clock;

    public ReviewReconciler(ReviewApi api, ReviewSettler settler, ReviewStore store, ReviewedRecords records,
                            Clock clock) {
        this.api = api;
        this.settler = settler;
        this.store = store;
        this.records = records;
        this.clock = clock;
    }

    public synchronized Sweep sweep() throws IOException {
        Instant began = clock.instant();
        Map<String, ReviewStore.Listed> listed = store.deliverables();
        Set<String> present = new HashSet<>();
        Map<ReviewSettler.Outcome, Integer> outcomes = new EnumMap<>(ReviewSettler.Outcome.class);
        int[] counts = new int[2];
        boolean complete;
        try {
            complete = api.forEachTask(task -> TaskReview.of(task).ifPresent(review -> {
                counts[0]++;
                present.add(review.jobName());
                ReviewStore.Listed record = listed.get(review.jobName());
                if (review.annotation().isEmpty() && record == null) {
                    return;
                }
                counts[1]++;
                if (record != null && !record.complete() && review.annotation().isPresent()) {
                    settler.repairCompanions(review.jobName());
                }
                if (record != null && review.annotation().isPresent() && records.known(record.etag())
                        .map(ReviewedRecords.Read::state).filter(state(review)::equals).isPresent()) {
                    outcomes.merge(ReviewSettler.Outcome.UNCHANGED, 1, Integer::sum);
                    return;
                }
                try {
                    outcomes.merge(settler.settle(review), 1, Integer::sum);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        int removed = 0;
        for (String job : listed.keySet()) {
            // only a complete reading shows a task is gone (tasks may be added or deleted while it pages)
            if (complete && !present.contains(job)) {
                settler.removeTask(job);
                removed++;
            }
        }
        int cleared = 0;
        for (ConditionalStore.Listed event : store.conditional().list(store.output().reviewInboxPrefix())) {
            if (event.lastModified().isBefore(began)) {
                store.delete(event.key());
                cleared++;
            }
        }
        Sweep sweep = new Sweep(counts[0], counts[1], outcomes, removed, cleared,
                Duration.between(began, clock.instant()));
        if (!outcomes.getOrDefault(ReviewSettler.Outcome.UNCHANGED, 0).equals(counts[1]) || removed > 0
            || cleared > 0) {
            LOG.info("Review sweep: {} tasks of transcribe-bridge, {} reviewed; {}; {} removed with their task; {} "
                     + "inbox events settled; {} ms", sweep.tasks(), sweep.reviewed(), outcomes, removed, cleared,
                    sweep.took().toMillis());
        }
        return sweep;
    }

    private static String state(TaskReview review) {
        TaskReview.Annotation annotation = review.annotation().orElseThrow();
        return annotation.id() + "@" + annotation.updatedAtText();
    }
}
