package io.transcribebridge.testing.s3;

/** How S3 tells a queue that an object was created. */
public enum S3EventFormat {
    /**
     * A bucket notification configuration with an SQS destination: {@code {"Records":[{"eventSource":"aws:s3",...}]}},
     * the key form-URL-encoded, preceded by one {@code s3:TestEvent} message when the configuration is saved.
     */
    S3_NOTIFICATION,
    /**
     * EventBridge enabled on the bucket and a rule with an SQS target: the {@code "detail-type":"Object Created"}
     * envelope, the key as it is. No test event.
     */
    EVENTBRIDGE
}
