package io.transcribebridge.events;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import io.transcribebridge.config.SettingsReader;

import static io.transcribebridge.config.BridgeSettings.environmentName;

/**
 * The event queues ({@code source.events-queue-url}, {@code transcribe.events-queue-url}) and how they are used.
 *
 * @param sourceQueue       SQS queue of the source bucket's object-created events; empty: listing intake only
 * @param transcribeQueue   SQS queue of Transcribe's job state change events; empty: completion by polling only
 * @param fallbackPoll      with job events, a waiting job is still polled this often (events are best effort)
 * @param handoverReceives  an event for a job another replica waits for is put back for it until it was received
 *                          this often (keep it below the queue's maxReceiveCount), then dropped for the poll
 * @param listingInterval   between two listing passes: {@code s3.poll-interval-ms}, or with a source queue the
 *                          reconciliation sweep's {@code s3.reconcile-interval-ms}
 */
public record EventSettings(Optional<String> sourceQueue, Optional<String> transcribeQueue, Duration fallbackPoll,
                            int handoverReceives, Duration listingInterval) {

    public boolean anyQueue() {
        return sourceQueue.isPresent() || transcribeQueue.isPresent();
    }

    public static EventSettings load(Function<String, Optional<String>> properties) {
        SettingsReader reader = new SettingsReader(properties);
        Optional<String> source = queueUrl(reader, "source.events-queue-url");
        Optional<String> transcribe = queueUrl(reader, "transcribe.events-queue-url");
        if (source.isPresent() && source.equals(transcribe)) {
            reader.problems().add("SOURCE_EVENTS_QUEUE_URL and TRANSCRIBE_EVENTS_QUEUE_URL must be two queues: each "
                                  + "consumer would delete the other's events");
        }
        Duration poll = reader.millis("s3.poll-interval-ms", 10_000);
        Duration reconcile = reader.millis("s3.reconcile-interval-ms", 3_600_000);
        EventSettings settings = new EventSettings(source, transcribe,
                reader.millis("transcribe.events-fallback-poll-ms", 600_000),
                reader.count("events.handover-receives", 3, 100), source.isPresent() ? reconcile : poll);
        reader.requireNoProblems();
        return settings;
    }

    private static Optional<String> queueUrl(SettingsReader reader, String key) {
        Optional<String> url = Optional.ofNullable(reader.optional(key, null));
        url.filter(u -> !u.startsWith("https://") && !u.startsWith("http://")).ifPresent(u -> reader.problems().add(
                environmentName(key) + " must be a queue URL such as "
                + "https://sqs.eu-west-1.amazonaws.com/123456789012/transcribe-bridge-source-events, got '" + u + "'"));
        return url;
    }
}
