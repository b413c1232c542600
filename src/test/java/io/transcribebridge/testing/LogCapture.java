package io.transcribebridge.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the JVM while open, as the text a log reader could see: level, logger, thread,
 * formatted message, MDC and key-value pairs, and the whole throwable chain (class, message, stack, causes,
 * suppressed). Root and every configured logger are turned down to {@code TRACE}, except the loggers given a fixed
 * level; {@link #close()} restores all levels. JUL records (what commons-logging 1.2 writes to when it is not
 * bridged to SLF4J) are captured at JUL's own levels.
 *
 * <pre>
 * try (LogCapture logs = LogCapture.start(Map.of("org.eclipse.jetty", Level.INFO))) { ...; logs.texts(); }
 * </pre>
 */
public final class LogCapture implements AutoCloseable {

    /** The service's logging configuration, as packaged. */
    public static final Path PRODUCTION_CONFIG = Path.of("src/main/resources/logback.xml");

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Map<Logger, Level> previousLevels = new HashMap<>();
    private final Queue<String> texts = new ConcurrentLinkedQueue<>();
    private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
    private final UnsynchronizedAppenderBase<ILoggingEvent> appender = new UnsynchronizedAppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            // on the logging thread: the MDC, the thread name and the message are copied into the event now
            event.prepareForDeferredProcessing();
            texts.add(render(event));
            events.add(event);
        }
    };
    private final Handler julHandler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            texts.add("JUL " + record.getLoggerName() + " " + formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Map<String, Level> fixedLevels) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null || logger == root) {
                setLevel(logger, Level.TRACE);
            }
        }
        fixedLevels.forEach((name, level) -> setLevel(context.getLogger(name), level));
        appender.setContext(context);
        appender.setName("log-capture");
        appender.start();
        root.addAppender(appender);
        java.util.logging.Logger.getLogger("").addHandler(julHandler);
    }

    /** Starts capturing; {@code fixedLevels} (logger name to level) are set as given instead of {@code TRACE}. */
    public static LogCapture start(Map<String, Level> fixedLevels) {
        return new LogCapture(fixedLevels);
    }

    /** The text of every event captured so far, in arrival order. */
    public List<String> texts() {
        return List.copyOf(texts);
    }

    /** Every logback event captured so far, in arrival order, with its MDC as it was when logged. */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        java.util.logging.Logger.getLogger("").removeHandler(julHandler);
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        previousLevels.forEach(Logger::setLevel);
    }

    /**
     * A separate logback context configured from {@code file} with {@code variables} as its environment (they win
     * over real environment variables), for checking what a logging configuration lets through. Stop it after use.
     */
    public static LoggerContext configured(Path file, Map<String, String> variables) throws JoranException {
        LoggerContext configured = new LoggerContext();
        variables.forEach(configured::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(configured);
        configurator.doConfigure(file.toFile());
        return configured;
    }

    private void setLevel(Logger logger, Level level) {
        previousLevels.putIfAbsent(logger, logger.getLevel());
        logger.setLevel(level);
    }

    private static String render(ILoggingEvent event) {
        StringBuilder text = new StringBuilder()
                .append(event.getLevel()).append(' ').append(event.getLoggerName())
                .append(" [").append(event.getThreadName()).append("] ").append(event.getFormattedMessage());
        event.getMDCPropertyMap().forEach((key, value) -> text.append(" {").append(key).append('=').append(value).append('}'));
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(pair -> text.append(" {").append(pair.key).append('=').append(pair.value).append('}'));
        }
        if (event.getThrowableProxy() != null) {
            text.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        return text.toString();
    }
}
