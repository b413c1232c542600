package io.transcribebridge.testing;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;

/**
 * The encoder production's logback.xml writes the console with for a given {@code LOG_FORMAT}: renders events exactly
 * as the service would print them, without printing them.
 */
public final class ProductionLogFormat implements AutoCloseable {

    private final LoggerContext context;
    private final Encoder<ILoggingEvent> encoder;

    private ProductionLogFormat(LoggerContext context, Encoder<ILoggingEvent> encoder) {
        this.context = context;
        this.encoder = encoder;
    }

    /** {@code logFormat} null: LOG_FORMAT unset. */
    public static ProductionLogFormat of(String logFormat) throws JoranException {
        LoggerContext context = LogCapture.configured(LogCapture.PRODUCTION_CONFIG,
                logFormat == null ? Map.of() : Map.of("LOG_FORMAT", logFormat));
        Iterator<Appender<ILoggingEvent>> appenders = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        if (!appenders.hasNext()) {
            context.stop();
            throw new IllegalStateException("the root logger has no appender with LOG_FORMAT=" + logFormat);
        }
        Appender<ILoggingEvent> appender = appenders.next();
        if (appenders.hasNext()) {
            context.stop();
            throw new IllegalStateException("the root logger writes to more than one appender (every line twice)");
        }
        return new ProductionLogFormat(context, ((OutputStreamAppender<ILoggingEvent>) appender).getEncoder());
    }

    /** What the service prints for the event, newline included. */
    public String render(ILoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        context.stop();
    }
}
