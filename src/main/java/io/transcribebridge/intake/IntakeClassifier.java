package io.transcribebridge.intake;

import io.transcribebridge.transcribe.JobNames;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns the aws2-s3 consumer's headers into the exchange properties every later stage relies on:
 * {@code source} ({@link SourceObject}), {@code jobName} and {@code intakeDecision}.
 */
public final class IntakeClassifier implements Processor {

    public static final String SOURCE = "source";
    public static final String JOB_NAME = "jobName";
    public static final String DECISION = "intakeDecision";

    private final IntakeFilter filter;

    public IntakeClassifier(IntakeFilter filter) {
        this.filter = filter;
    }

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        String bucket = in.getHeader("CamelAwsS3BucketName", String.class);
        String key = in.getHeader("CamelAwsS3Key", String.class);
        String etag = JobNames.normalizeEtag(in.getHeader("CamelAwsS3ETag", String.class));
        Long size = in.getHeader("CamelAwsS3ContentLength", Long.class);
        SourceObject source = new SourceObject(bucket, key, etag, size == null ? -1 : size);
        exchange.setProperty(SOURCE, source);
        exchange.setProperty(JOB_NAME, JobNames.of(bucket, key, etag));
        exchange.setProperty(DECISION, filter.classify(bucket, key).name());
    }
}
