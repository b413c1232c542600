package io.transcribebridge.failure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.transcribebridge.intake.TrackedObject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs before each retry of an outage ({@code onRedeliveryRef}) and logs it as one WARN line naming the object, the
 * stage, the attempt and the reason (credential-free, as in failure records). It replaces Camel's own retry line,
 * which names only exchange ids and is logged by the error handler outside the steps camel-mdc wraps, so without the
 * object's logging context; this one sets the context itself.
 */
public final class RetryLog implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("io.transcribebridge.retry");
    private static final String[] CONTEXT = { TrackedObject.S3_BUCKET, TrackedObject.S3_KEY, TrackedObject.JOB_NAME };

    private final FailureReasons reasons;

    public RetryLog(FailureReasons reasons) {
        this.reasons = reasons;
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, String> previous = new LinkedHashMap<>();
        for (String key : CONTEXT) {
            previous.put(key, MDC.get(key));
            String value = exchange.getProperty(key, String.class);
            if (value != null) {
                MDC.put(key, value);
            }
        }
        try {
            LOG.warn("Retrying {} at {} (job {}), attempt {} of {}: {}", exchange.getProperty(TrackedObject.SOURCE),
                    exchange.getProperty("stage"), exchange.getProperty(TrackedObject.JOB_NAME),
                    exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER),
                    exchange.getMessage().getHeader(Exchange.REDELIVERY_MAX_COUNTER),
                    reasons.reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }
}
