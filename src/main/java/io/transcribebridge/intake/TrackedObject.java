package io.transcribebridge.intake;

import io.transcribebridge.transcribe.JobNames;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * First step of an object's exchange: turns the queued {@link SourceObject} into the exchange properties every later
 * stage relies on ({@code source}, {@code jobName}), and releases the version from {@link BucketListing}'s queue
 * when the exchange completes, whichever way it ends. {@code s3Bucket}, {@code s3Key} and {@code jobName} are plain
 * strings for the logging context (camel.mdc.custom-exchange-properties).
 */
public final class TrackedObject implements Processor {

    public static final String SOURCE = "source";
    public static final String JOB_NAME = "jobName";
    public static final String S3_BUCKET = "s3Bucket";
    public static final String S3_KEY = "s3Key";

    private final BucketListing listing;

    public TrackedObject(BucketListing listing) {
        this.listing = listing;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        SourceObject source = exchange.getIn().getMandatoryBody(SourceObject.class);
        String jobName = JobNames.of(source.bucket(), source.key(), source.etag());
        exchange.setProperty(SOURCE, source);
        exchange.setProperty(JOB_NAME, jobName);
        exchange.setProperty(S3_BUCKET, source.bucket());
        exchange.setProperty(S3_KEY, source.key());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                listing.release(jobName);
            }
        });
    }
}
