package io.transcribebridge;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start prints the service's own lines first, in both log formats: logback prints its status list (some 40 lines)
 * when configuring left a warning or an error, so the packaged configuration must leave none. Genuine configuration
 * errors still print (LogFormatTest covers an unknown format).
 * <p>
 * SLF4J and logback are loaded afresh, with the packaged resources (target/classes) and not the test classpath's
 * logback-test.xml, and initialise as in the service: on the first {@code LoggerFactory.getLogger}.
 */
class LogbackStartupTest {

    private static final Path PACKAGED_RESOURCES = Path.of("target/classes");

    @ParameterizedTest(name = "LOG_FORMAT={0}")
    @ValueSource(strings = {"", "text", "json"})
    void theFirstLineOfAStartIsTheServicesOwn(String logFormat) throws Exception {
        List<String> lines = consoleOfAStart(logFormat);

        assertThat(lines).noneMatch(line -> line.contains("|-INFO in ch.qos.logback") || line.contains("|-WARN in")
                                            || line.contains("|-ERROR in"));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("transcribe-bridge starting")
                .startsWith(logFormat.equals("json") ? "{" : "20");
    }

    @Test
    void aConfigurationErrorStillPrintsLogbacksStatus() throws Exception {
        // Application refuses an unknown LOG_FORMAT too, but logback has initialised by then and says why it is silent
        List<String> lines = consoleOfAStart("xml");

        assertThat(lines).anyMatch(line -> line.contains("|-ERROR in") || line.contains("|-WARN in"));
        assertThat(lines).anyMatch(line -> line.contains("logback/xml.xml"));
        assertThat(lines).noneMatch(line -> line.contains("transcribe-bridge starting"));
    }

    /** What the console shows when a fresh SLF4J/logback logs one line; {@code logFormat} "" means unset. */
    private static List<String> consoleOfAStart(String logFormat) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        String previousFormat = System.getProperty("LOG_FORMAT");
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {
                PACKAGED_RESOURCES.toUri().toURL(),
                jarOf(org.slf4j.LoggerFactory.class),
                jarOf(ch.qos.logback.classic.LoggerContext.class),
                jarOf(ch.qos.logback.core.Context.class)}, ClassLoader.getPlatformClassLoader())) {
            PrintStream captured = new PrintStream(console, true, StandardCharsets.UTF_8);
            System.setOut(captured);
            System.setErr(captured);
            if (logFormat.isEmpty()) {
                System.clearProperty("LOG_FORMAT");
            } else {
                System.setProperty("LOG_FORMAT", logFormat);
            }
            Class<?> loggerFactory = fresh.loadClass("org.slf4j.LoggerFactory");
            Object logger = loggerFactory.getMethod("getLogger", String.class)
                    .invoke(null, "io.transcribebridge.Application");
            fresh.loadClass("org.slf4j.Logger").getMethod("info", String.class)
                    .invoke(logger, "transcribe-bridge starting");
            Object context = loggerFactory.getMethod("getILoggerFactory").invoke(null);
            context.getClass().getMethod("stop").invoke(context);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            if (previousFormat == null) {
                System.clearProperty("LOG_FORMAT");
            } else {
                System.setProperty("LOG_FORMAT", previousFormat);
            }
        }
        return console.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static URL jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
