package io.transcribebridge.intake;

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

    public IntakeDecision classify(String bucket, String key) {
        if (bucket.equals(outputBucket) && !outputPrefix.isEmpty() && key.startsWith(outputPrefix)) {
            return IntakeDecision.OWN_OUTPUT;
        }
        return SupportedMedia.isSupported(key) ? IntakeDecision.ACCEPT : IntakeDecision.UNSUPPORTED;
    }
}
