package io.transcribebridge.doctor;

import java.util.ArrayList;
import java.util.List;

import io.transcribebridge.claims.ClaimSettings;
import io.transcribebridge.config.BridgeSettings;
import io.transcribebridge.config.ConfigurationException;
import io.transcribebridge.events.EventSettings;
import io.transcribebridge.review.ReviewSettings;

/** Every setting, including combinations of Transcribe features that Transcribe would reject. */
final class ConfigurationCheck implements Check {

    static final String NAME = "Configuration";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of();
    }

    @Override
    public Finding run(Examination examination) {
        BridgeSettings settings;
        EventSettings events;
        List<String> problems = new ArrayList<>();
        try {
            settings = BridgeSettings.load(examination.properties);
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            settings = null;
        }
        try {
            events = EventSettings.load(examination.properties);
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            events = null;
        }
        try {
            ClaimSettings claims = ClaimSettings.load(examination.properties);
            if (settings != null) {
                claims.problemWith(settings.labelStudioTimeout(), settings.labelStudioBatchWait())
                        .ifPresent(problems::add);
            }
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        ReviewSettings review = null;
        try {
            review = ReviewSettings.load(examination.properties);
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            return Finding.fatal(NAME, String.join("\n", problems));
        }
        examination.settings = settings;
        examination.events = events;
        examination.review = review;
        examination.secrets.add(settings.labelStudioApiKey());
        examination.secrets.add(review.webhookSecret());
        var features = settings.transcribeFeatures();
        return Finding.ok(NAME, "settings valid; source s3://" + settings.sourceBucket() + "/"
                + settings.sourcePrefix() + ", output s3://" + settings.outputBucket() + "/"
                + settings.outputPrefix() + ", Transcribe "
                + (features.identifyLanguage() ? "identifying the language" : settings.languageCode()) + " with "
                + features.describe() + "; intake "
                + (events.sourceQueue().isPresent() ? "by object events (SOURCE_EVENTS_QUEUE_URL) and a reconciliation "
                   + "listing" : "by listing") + ", completion "
                + (events.transcribeQueue().isPresent() ? "by job events (TRANSCRIBE_EVENTS_QUEUE_URL) and a fallback "
                   + "poll" : "by polling") + (review.enabled() ? "; reviews: webhook on port " + review.webhookPort()
                   + (review.webhookUrl().isPresent() ? ", registered as " + review.webhookUrl().get() : "") : ""));
    }
}
