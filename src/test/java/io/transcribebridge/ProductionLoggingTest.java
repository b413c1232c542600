package io.transcribebridge;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.LoggerContext;
import io.transcribebridge.testing.LogCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * src/main/resources/logback.xml keeps the loggers that print credentials quiet however verbose LOG_LEVEL_ROOT and
 * LOG_LEVEL make everything else. (SecretsNeverLeakTest runs the service with these levels applied.)
 */
class ProductionLoggingTest {

    /** Loggers that print credentials at DEBUG or TRACE. */
    private static final List<String> CREDENTIAL_LOGGERS = List.of(
            // Apache HttpClient 5 (camel-http to Label Studio): every request header, Authorization included
            "org.apache.hc.client5.http.headers",
            "org.apache.hc.client5.http.wire",
            // Camel's property resolution: each resolved value, LABEL_STUDIO_API_KEY included
            "org.apache.camel.component.properties.DefaultPropertiesParser",
            "org.apache.camel.component.properties.DefaultPropertiesLookup",
            "org.apache.camel.component.properties.PropertiesComponent",
            // AWS SigV4 signers: the canonical request, with x-amz-security-token (the session token)
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner",
            "software.amazon.awssdk.auth.signer.internal.AbstractAws4Signer",
            // Apache HttpClient 4 (the AWS SDK's HTTP client), should commons-logging ever be bridged to SLF4J
            "org.apache.http.headers",
            "org.apache.http.wire");

    @Test
    void credentialLoggersStayQuietWhenEverythingElseLogsAtTrace() throws Exception {
        LoggerContext production = LogCapture.configured(LogCapture.PRODUCTION_CONFIG,
                Map.of("LOG_LEVEL_ROOT", "TRACE", "LOG_LEVEL", "TRACE"));
        try {
            assertThat(production.getLogger("org.apache.hc.client5.http.impl.classic.InternalHttpClient").isTraceEnabled())
                    .as("LOG_LEVEL_ROOT=TRACE took effect").isTrue();
            assertThat(production.getLogger("io.transcribebridge.publish").isTraceEnabled())
                    .as("LOG_LEVEL=TRACE took effect").isTrue();
            assertThat(CREDENTIAL_LOGGERS).as("loggers that would print credentials")
                    .filteredOn(name -> production.getLogger(name).isDebugEnabled()).isEmpty();
        } finally {
            production.stop();
        }
    }
}
