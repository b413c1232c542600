package io.transcribebridge;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.testing.ProductionLogFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What src/main/resources/logback.xml prints: text by default, with the object being processed at the end of the
 * line; with LOG_FORMAT=json one JSON object per line with the MDC keys as fields.
 */
class LogFormatTest {

    private static final Map<String, String> OBJECT_CONTEXT = Map.of(
            "s3Bucket", "audio-in", "s3Key", "calls/Zürich \"2024\"/a b.wav", "jobName", "tb-a_b.wav-0123456789abcdef");

    private final ObjectMapper mapper = new ObjectMapper();
    private final LoggerContext loggers = new LoggerContext();

    @Test
    void textLinesEndWithTheObjectAndTheJobWhileAnObjectIsProcessed() throws Exception {
        try (ProductionLogFormat text = ProductionLogFormat.of(null)) {
            String line = text.render(event("Seen s3://audio-in/calls/a.wav", OBJECT_CONTEXT, null));

            assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO  \\[worker-1] "
                                     + "io.transcribebridge.intake - Seen s3://audio-in/calls/a.wav "
                                     + "\\[s3://audio-in/calls/Zürich \"2024\"/a b.wav job=tb-a_b.wav-0123456789abcdef]\n");
            assertThat(text.render(event("Watching s3://audio-in/", Map.of(), null)))
                    .as("a line outside an object's processing has no empty context").endsWith(" - Watching s3://audio-in/\n");
        }
        try (ProductionLogFormat explicit = ProductionLogFormat.of("text")) {
            assertThat(explicit.render(event("Seen", OBJECT_CONTEXT, null))).contains(" - Seen [s3://audio-in/");
        }
    }

    @Test
    void jsonLinesAreOneObjectEachWithTheMdcKeysAsFields() throws Exception {
        try (ProductionLogFormat json = ProductionLogFormat.of("json")) {
            IllegalStateException error = new IllegalStateException("line one\nline \"two\"",
                    new java.io.IOException("cause"));
            String line = json.render(event("Failed s3://audio-in/calls/a.wav: \"quoted\"\nsecond line", OBJECT_CONTEXT, error));

            assertThat(line).endsWith("\n");
            assertThat(line.substring(0, line.length() - 1)).as("one line").doesNotContain("\n");
            JsonNode parsed = mapper.readTree(line);
            assertThat(parsed.path("level").asText()).isEqualTo("INFO");
            assertThat(parsed.path("loggerName").asText()).isEqualTo("io.transcribebridge.intake");
            assertThat(parsed.path("threadName").asText()).isEqualTo("worker-1");
            assertThat(parsed.path("timestamp").asLong()).isPositive();
            assertThat(parsed.path("formattedMessage").asText())
                    .isEqualTo("Failed s3://audio-in/calls/a.wav: \"quoted\"\nsecond line");
            assertThat(parsed.path("mdc").path("s3Bucket").asText()).isEqualTo("audio-in");
            assertThat(parsed.path("mdc").path("s3Key").asText()).isEqualTo("calls/Zürich \"2024\"/a b.wav");
            assertThat(parsed.path("mdc").path("jobName").asText()).isEqualTo("tb-a_b.wav-0123456789abcdef");
            assertThat(parsed.path("throwable").path("className").asText()).isEqualTo(IllegalStateException.class.getName());
            assertThat(parsed.path("throwable").path("message").asText()).isEqualTo("line one\nline \"two\"");
            assertThat(parsed.path("throwable").path("cause").path("className").asText()).isEqualTo("java.io.IOException");
            assertThat(parsed.has("context")).as("no logback context properties").isFalse();
            assertThat(parsed.has("arguments")).isFalse();
        }
    }

    @Test
    void anUnknownFormatLeavesNoAppenderWhichTheServiceRefusesToStartWith() {
        assertThatThrownBy(() -> ProductionLogFormat.of("xml")).hasMessageContaining("no appender");
        assertThat(LogFormat.problem("xml")).hasValue("LOG_FORMAT must be text or json, not 'xml'");
        // LOG_FORMAT= in an env file: logback takes the empty value as the format's name, so nothing would be logged
        assertThatThrownBy(() -> ProductionLogFormat.of("")).hasMessageContaining("no appender");
        assertThat(LogFormat.problem("")).hasValue("LOG_FORMAT must be text or json, not ''");
        assertThat(LogFormat.problem(null)).isEmpty();
        assertThat(LogFormat.problem("json")).isEmpty();
        assertThat(LogFormat.problem("text")).isEmpty();
    }

    private LoggingEvent event(String message, Map<String, String> mdc, Throwable error) {
        LoggingEvent event = new LoggingEvent(LogFormatTest.class.getName(), loggers.getLogger("io.transcribebridge.intake"),
                Level.INFO, message, error, null);
        event.setThreadName("worker-1");
        event.setMDCPropertyMap(mdc);
        return event;
    }
}
