package io.transcribebridge.intake;

import java.util.Optional;

/**
 * Decides whether a listed S3 object is work for this service.
 */
public final class IntakeFilter {

    private final String outputBucket;
    private final String outputPrefix;

    public IntakeFilter(String outputBucket, String outputPrefix) {
        this.outputBucket = outputBucket;
        this.outputPrefix = outputPrefix;
    }

    /** The prefix of the service's own output in {@code bucket}, if it writes there. */
    public Optional<String> ownOutputPrefix(String bucket) {
        return bucket.equals(outputBucket) && !outputPrefix.isEmpty() ? Optional.of(outputPrefix) : Optional.empty();
    }

    public IntakeDecision classify(String bucket, String key) {
        if (bucket.equals(outputBucket) && !outputPrefix.isEmpty() && key.startsWith(outputPrefix)) {
            return IntakeDecision.OWN_OUTPUT;
        }
        return SupportedMedia.isSupported(key) ? IntakeDecision.ACCEPT : IntakeDecision.UNSUPPORTED;
    }
}
