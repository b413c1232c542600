package io.transcribebridge.events;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.transcribebridge.claims.Claims;
import io.transcribebridge.config.BridgeSettings;
import io.transcribebridge.intake.IntakeFilter;
import io.transcribebridge.progress.ProgressLedger;
import io.transcribebridge.transcribe.JobWaiter;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Binds what {@code events.camel.yaml} and the wait loop use: {@code sqsClient} (region, credentials and endpoint
 * from the SDK's chains, e.g. {@code AWS_ENDPOINT_URL_SQS}), {@code sourceEventIntake}, {@code jobStateEvents} and
 * {@code jobWaiter}; derives {@code source.events-enabled} and {@code transcribe.events-enabled}, which decide
 * whether the routes of the queues exist at all, and {@code s3.listing-interval-ms}.
 */
public final class EventsWiring {

    private EventsWiring() {
    }

    public static EventSettings bind(CamelContext context, BridgeSettings settings, ObjectMapper mapper,
                                     ProgressLedger ledger, Claims claims, MeterRegistry meters) {
        var properties = context.getPropertiesComponent();
        var registry = context.getRegistry();
        EventSettings events = EventSettings.load(properties::resolveProperty);
        properties.addInitialProperty("source.events-enabled", Boolean.toString(events.sourceQueue().isPresent()));
        properties.addInitialProperty("transcribe.events-enabled",
                Boolean.toString(events.transcribeQueue().isPresent()));
        properties.addInitialProperty("s3.listing-interval-ms", Long.toString(events.listingInterval().toMillis()));
        SqsClient sqs = events.anyQueue() ? SqsClient.builder().build() : null;
        if (sqs != null) {
            registry.bind("sqsClient", sqs);
        }

        Map<SourceEventIntake.Outcome, Counter> sourceCounters = new EnumMap<>(SourceEventIntake.Outcome.class);
        for (SourceEventIntake.Outcome outcome : SourceEventIntake.Outcome.values()) {
            sourceCounters.put(outcome, counter(meters, "source", outcome.name()));
        }
        registry.bind("sourceEventIntake", new SourceEventIntake(new ObjectCreatedEvents(mapper),
                settings.sourceBucket(), settings.sourcePrefix(),
                new IntakeFilter(settings.outputBucket(), settings.outputPrefix()), ledger, claims,
                (outcome, n) -> sourceCounters.get(outcome).increment(n)));

        JobWaiter waiter = events.transcribeQueue().isPresent()
                ? new JobWaiter(true, events.fallbackPoll(), context.getExecutorServiceManager()
                        .newSingleThreadScheduledExecutor(JobWaiter.class, "Transcribe job waits"),
                        context.getExecutorServiceManager().newFixedThreadPool(JobWaiter.class,
                                "Transcribe job events", 4), claims::holds)
                : JobWaiter.disabled();
        registry.bind("jobWaiter", waiter);
        Map<JobStateEvents.Outcome, Counter> jobCounters = new EnumMap<>(JobStateEvents.Outcome.class);
        for (JobStateEvents.Outcome outcome : JobStateEvents.Outcome.values()) {
            jobCounters.put(outcome, counter(meters, "transcribe", outcome.name()));
        }
        events.transcribeQueue().ifPresent(url -> registry.bind("jobStateEvents", new JobStateEvents(mapper, waiter,
                claims, sqs, url, events.handoverReceives(), outcome -> jobCounters.get(outcome).increment())));
        // parked waits hold no thread, so nothing would end them when the service stops: end them first
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event.getType() == CamelEvent.Type.CamelContextStopping;
            }

            @Override
            public void notify(CamelEvent event) {
                waiter.wakeAll();
            }
        });
        return events;
    }

    private static Counter counter(MeterRegistry meters, String queue, String outcome) {
        return Counter.builder("transcribe.bridge.events")
                .description("Messages of the event queues, by queue (source, transcribe) and what became of them")
                .tag("queue", queue)
                .tag("outcome", outcome.toLowerCase(Locale.ROOT).replace('_', '-'))
                .register(meters);
    }
}
