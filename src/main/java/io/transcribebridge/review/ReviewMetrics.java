package io.transcribebridge.review;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The review loop's meters: {@code transcribe_bridge_review_webhooks_total{outcome}},
 * {@code transcribe_bridge_reviews_total{outcome}} (settlements) and {@code transcribe_bridge_review_wer{model_version}}
 * (the WER of each review written, as a histogram). Label values come from fixed sets, except {@code model_version},
 * which is the prediction's (a handful per project: what LABEL_STUDIO_MODEL_VERSION was set to over time).
 */
public final class ReviewMetrics {

    private static final String PREFIX = "transcribe.bridge.";
    private final MeterRegistry meters;
    private final Map<ReviewInbox.Outcome, Counter> webhooks = new EnumMap<>(ReviewInbox.Outcome.class);
    private final Map<ReviewSettler.Outcome, Counter> reviews = new EnumMap<>(ReviewSettler.Outcome.class);
    private final Counter notSettled;

    public ReviewMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (ReviewInbox.Outcome outcome : ReviewInbox.Outcome.values()) {
            webhooks.put(outcome, Counter.builder(PREFIX + "review.webhooks")
                    .description("Label Studio webhook calls, by outcome: accepted, ignored (other actions, "
                                 + "projects or tasks), malformed, unauthorized, not-stored")
                    .tag("outcome", label(outcome.name())).register(meters));
        }
        for (ReviewSettler.Outcome outcome : ReviewSettler.Outcome.values()) {
            reviews.put(outcome, Counter.builder(PREFIX + "reviews")
                    .description("Reviews settled into deliverables, by outcome: written, rewritten, deleted, "
                                 + "unchanged, kept-newer, no-review")
                    .tag("outcome", label(outcome.name())).register(meters));
        }
        notSettled = Counter.builder(PREFIX + "review.events.unsettled")
                .description("Accepted webhook events that could not be settled at once (left to the sweep)")
                .register(meters);
    }

    public void webhook(ReviewInbox.Outcome outcome) {
        webhooks.get(outcome).increment();
    }

    public void notSettled() {
        notSettled.increment();
    }

    public void settled(ReviewSettler.Settled settled) {
        reviews.get(settled.outcome()).increment();
        if (settled.outcome() == ReviewSettler.Outcome.WRITTEN || settled.outcome() == ReviewSettler.Outcome.REWRITTEN) {
            settled.record().ifPresent(record -> DistributionSummary.builder(PREFIX + "review.wer")
                    .description("Word error rate of each review written (reference = the reviewed text), by the "
                                 + "prediction's model_version")
                    .tag("model_version", record.path("modelVersion").asText(""))
                    .serviceLevelObjectives(0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0)
                    .register(meters)
                    .record(record.path("accuracy").path("wer").asDouble()));
        }
    }

    private static String label(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
