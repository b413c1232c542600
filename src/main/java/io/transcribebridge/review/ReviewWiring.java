package io.transcribebridge.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.transcribebridge.aws2.transcribe.Transcribe2Constants;
import io.transcribebridge.config.BridgeSettings;
import io.transcribebridge.labelstudio.LabelStudioAuth;
import io.transcribebridge.progress.OutputLayout;
import io.transcribebridge.transcript.TranscriptParser;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Binds what {@code review.camel.yaml} uses when {@code REVIEW_ENABLED=true} ({@code webhookGate},
 * {@code reviewInbox}, {@code reviewEvents}, {@code reviewReconciler}, {@code reviewReports},
 * {@code webhookRegistration}, the readiness check of the webhook server) and derives {@code review.registering}
 * (enabled, with a webhook URL). The routes exist only when enabled (their {@code precondition}).
 */
public final class ReviewWiring {

    private ReviewWiring() {
    }

    public static ReviewSettings bind(CamelContext context, BridgeSettings bridge, S3Client s3, OutputLayout output,
                                      ObjectMapper mapper, Clock clock, HttpClient http, LabelStudioAuth auth,
                                      MeterRegistry meters) {
        var properties = context.getPropertiesComponent();
        var registry = context.getRegistry();
        ReviewSettings settings = ReviewSettings.load(properties::resolveProperty);
        properties.addInitialProperty("review.registering",
                Boolean.toString(settings.enabled() && settings.webhookUrl().isPresent()));
        if (!settings.enabled()) {
            return settings;
        }
        ReviewMetrics metrics = new ReviewMetrics(meters);
        ReviewStore store = new ReviewStore(s3, output);
        ReviewApi api = new ReviewApi(bridge.labelStudioUrl(), bridge.labelStudioProjectId(), auth, http, mapper,
                bridge.labelStudioTimeout());
        ReviewedRecords records = new ReviewedRecords(store, mapper);
        ReviewReports reports = new ReviewReports(store, records, mapper, clock, settings, bridge.languageCode(),
                (language, fileUri) -> applyVocabulary(context, settings, language, fileUri));
        ReviewSettler settler = new ReviewSettler(store, new TranscriptWords(store, new TranscriptParser(mapper)),
                mapper, bridge.languageCode(), settled -> {
                    metrics.settled(settled);
                    if (settled.outcome() != ReviewSettler.Outcome.UNCHANGED
                        && settled.outcome() != ReviewSettler.Outcome.NO_REVIEW) {
                        reports.changed();
                    }
                });
        registry.bind("webhookGate", new WebhookGate(settings.webhookSecret(), clock,
                () -> metrics.webhook(ReviewInbox.Outcome.UNAUTHORIZED)));
        registry.bind("reviewInbox", new ReviewInbox(store, mapper, bridge.labelStudioProjectId(), clock,
                metrics::webhook));
        registry.bind("reviewEvents", new ReviewEvents(api, settler, store, mapper, action -> metrics.notSettled()));
        registry.bind("reviewReconciler", new ReviewReconciler(api, settler, store, records, clock));
        registry.bind("reviewReports", reports);
        settings.webhookUrl().ifPresent(url -> registry.bind("webhookRegistration",
                new WebhookRegistration(api, mapper, url, settings.webhookSecret())));
        registry.bind("reviewWebhookCheck", new WebhookServerCheck(settings.webhookPort(),
                bridge.healthCheckTimeout(), bridge.healthCheckInterval(), clock));
        return settings;
    }

    /** Through the {@code aws2-transcribe} component: {@code direct:apply-vocabulary} in review.camel.yaml. */
    private static void applyVocabulary(CamelContext context, ReviewSettings settings, String language,
                                        String fileUri) {
        try (ProducerTemplate producer = context.createProducerTemplate()) {
            producer.sendBodyAndHeaders("direct:apply-vocabulary", null, Map.of(
                    Transcribe2Constants.VOCABULARY_NAME, settings.vocabularyName().orElseThrow(),
                    Transcribe2Constants.LANGUAGE_CODE, language,
                    Transcribe2Constants.VOCABULARY_FILE_URI, fileUri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
