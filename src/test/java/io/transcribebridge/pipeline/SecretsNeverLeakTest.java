package io.transcribebridge.pipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.joran.spi.JoranException;
import io.transcribebridge.labelstudio.ApiKeyKind;
import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.ManagementEndpoints;
import io.transcribebridge.testing.LogCapture;
import io.transcribebridge.transcribe.JobNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.AwsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Label Studio key, the access tokens minted from it and the AWS secrets never show up in a log line (at any
 * level, with its MDC and whole exception chain), a failure record or a management-server response, whatever
 * happens on the way: imports that succeed, are rejected, are retried through an outage, meet a dead access token,
 * or a revoked key, and a Transcribe job that fails; nor does the review webhook's secret (a review settled, calls
 * with a wrong secret refused). This class runs with a Personal Access Token;
 * {@link LegacyTokenSecretsNeverLeakTest} runs the same flow with a legacy token.
 */
class SecretsNeverLeakTest extends BridgeTestSupport {

    private static final String AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/SecretKeyThatMustNeverBeLogged";
    private static final String AWS_SESSION_TOKEN = "IQoJb3JpZ2luX2VjSessionTokenThatMustNeverBeLogged//Zz==";
    private static final String WEBHOOK_SECRET = "WebhookSecretThatMustNeverBeLogged-7f3a9c";
    /** The server side of the emulated S3 (S3Proxy): not the service, and it sees every request header. */
    private static final List<String> EMULATOR_LOGGERS = List.of("org.eclipse.jetty", "org.gaul", "org.jclouds");

    private static LogCapture logs;
    private static final int webhookPort = freePort();

    /** Runs after {@link BridgeTestSupport}'s start-up (JUnit runs superclass {@code @BeforeAll} methods first). */
    @BeforeAll
    static void knownSecretsAndCapture() throws JoranException {
        System.setProperty("aws.secretAccessKey", AWS_SECRET_ACCESS_KEY);
        System.setProperty("aws.sessionToken", AWS_SESSION_TOKEN);
        Map<String, Level> levels = mostVerboseProductionLevels();
        EMULATOR_LOGGERS.forEach(name -> levels.put(name, Level.INFO));
        logs = LogCapture.start(levels);
    }

    /**
     * The levels production's logback.xml sets explicitly when LOG_LEVEL and LOG_LEVEL_ROOT are TRACE, the most an
     * operator can turn up: loggers it pins keep their pinned level in the capture, everything else logs at TRACE.
     */
    private static Map<String, Level> mostVerboseProductionLevels() throws JoranException {
        LoggerContext production = LogCapture.configured(LogCapture.PRODUCTION_CONFIG,
                Map.of("LOG_LEVEL", "TRACE", "LOG_LEVEL_ROOT", "TRACE"));
        try {
            Map<String, Level> levels = new HashMap<>();
            production.getLoggerList().stream().filter(logger -> logger.getLevel() != null)
                    .forEach(logger -> levels.put(logger.getName(), logger.getLevel()));
            return levels;
        } finally {
            production.stop();
        }
    }

    @AfterAll
    static void stopCapture() {
        logs.close();
        logs = null;
        System.clearProperty("aws.sessionToken");
    }

    /** Readiness asks Label Studio often, so it notices the revoked key before the management responses are read. */
    @Override
    protected Properties properties() {
        Properties p = super.properties();
        p.setProperty("health.check-interval-ms", "200");
        // the review loop on: its webhook secret is searched for too
        enableReview(p, webhookPort, WEBHOOK_SECRET);
        return p;
    }

    /** A Personal Access Token: exchanged for access tokens during the run. */
    @Override
    protected String apiKey() {
        return labelStudio.personalAccessToken();
    }

    /** Label Studio stops accepting the configured key for good. */
    protected void revokeKey() {
        labelStudio.revoke(configuredKey);
        // access tokens minted before the revocation would otherwise keep working until they expire
        labelStudio.invalidateIssuedAccessTokens();
    }

    @Test
    void noSecretInLogsFailureRecordsOrManagementResponses() throws Exception {
        assertServiceUsesTheKnownAwsSecrets();
        boolean pat = ApiKeyKind.of(configuredKey) == ApiKeyKind.PERSONAL_ACCESS_TOKEN;

        s3.put(BUCKET, "ok/first.wav", "Nothing secret is said here.");
        s3.put(BUCKET, "broken/corrupt.flac", "#corrupt");
        awaitTask("ok/first.wav");
        assertThat(awaitFailureRecord("broken/corrupt.flac")).contains("Transcribe job FAILED");

        // a review through the registered webhook (the secret in its header), and calls with a wrong secret
        Eventually.await(SLOW, "the webhook registered", () -> labelStudio.webhooks(project).size() == 1);
        var reviewed = labelStudio.tasks(project).stream()
                .filter(t -> t.data().path("source_uri").asText().equals(uri("ok/first.wav"))).findFirst().orElseThrow();
        labelStudio.submitAnnotation(reviewed.id(), io.transcribebridge.testing.labelstudio.EditorResults.wholeFile(
                "Nothing secret was said here."));
        Eventually.await(SLOW, "the review settled", () -> s3.getString(BUCKET, OUTPUT_PREFIX + "reviewed/"
                + reviewed.data().path("transcribe_job").asText() + ".json").isPresent());
        for (String wrong : List.of(WEBHOOK_SECRET.substring(1), WEBHOOK_SECRET + "x")) {
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + webhookPort + "/label-studio/webhook")).header("X-Transcribe-Bridge-Secret", wrong)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401);
        }

        labelStudio.failNextImports(2, 503);
        s3.put(BUCKET, "retry/outage.wav", "Imported on the third try.");
        awaitTask("retry/outage.wav");

        labelStudio.failNextImports(1, 400);
        s3.put(BUCKET, "rejected/call.wav", "Label Studio refuses this one.");
        assertThat(awaitFailureRecord("rejected/call.wav")).contains("Label Studio rejected the import (HTTP 400");

        // an access token that dies before its expiry: 401, refresh, the same request again
        int unauthorized = labelStudio.unauthorizedResponses();
        int refreshes = labelStudio.refreshRequests();
        labelStudio.invalidateIssuedAccessTokens();
        s3.put(BUCKET, "token/invalidated.wav", "Imported after a refresh.");
        awaitTask("token/invalidated.wav");
        if (pat) {
            assertThat(labelStudio.unauthorizedResponses()).isGreaterThan(unauthorized);
            assertThat(labelStudio.refreshRequests()).isGreaterThan(refreshes);
        }

        // a revoked key: 401 that stays 401
        revokeKey();
        s3.put(BUCKET, "revoked/key.wav", "Nobody may import this.");
        assertThat(awaitFailureRecord("revoked/key.wav")).contains("HTTP 401");

        // the refused key makes the service not ready (the full report says why: searched below), not dead
        Eventually.await(SLOW, "not ready with the key refused",
                () -> new ManagementEndpoints(managementPort).status("/observe/health/ready") == 503);
        Map<String, String> management = managementResponses();
        assertThat(management.get("/observe/health/live")).startsWith("200 ");
        assertThat(management.get("/observe/health?exposureLevel=full&stackTrace=true&data=true"))
                .contains("\"name\":\"label-studio\",\"status\":\"DOWN\"");
        context.stop(); // shutdown logging is searched too

        List<String> secrets = secrets(pat);
        List<String> texts = logs.texts();
        assertThat(texts).as("log lines of the service's HTTP client to Label Studio at DEBUG")
                .anyMatch(t -> t.startsWith("DEBUG org.apache.hc.client5.http"));
        assertThat(texts).as("AWS SDK DEBUG lines of the service's Transcribe calls")
                .anyMatch(t -> t.startsWith("DEBUG software.amazon.awssdk") && t.contains("transcribe"));
        assertThat(texts).as("Camel TRACE lines").anyMatch(t -> t.startsWith("TRACE org.apache.camel"));
        assertThat(texts).as("failure WARN lines").filteredOn(t -> t.startsWith("WARN io.transcribebridge.failure"))
                .hasSize(3);

        assertThat(leaks(texts, secrets)).as("log lines with a secret").isEmpty();
        List<String> records = s3.keys(BUCKET, OUTPUT_PREFIX + "failed/").stream()
                .map(key -> s3.getString(BUCKET, key).orElseThrow()).toList();
        assertThat(records).hasSize(3);
        assertThat(leaks(records, secrets)).as("failure records with a secret").isEmpty();
        assertThat(leaks(management.values(), secrets)).as("management responses with a secret").isEmpty();
    }

    /** The service's clients really sign with the known secrets (so finding none of them in the logs means something). */
    private void assertServiceUsesTheKnownAwsSecrets() {
        for (String client : List.of("s3Client", "transcribeClient")) {
            AwsClient aws = context.getRegistry().lookupByNameAndType(client, AwsClient.class);
            var credentials = ((AwsCredentialsProvider) aws.serviceClientConfiguration().credentialsProvider())
                    .resolveCredentials();
            assertThat(credentials.secretAccessKey()).as(client).isEqualTo(AWS_SECRET_ACCESS_KEY);
            assertThat(credentials).as(client).isInstanceOf(AwsSessionCredentials.class);
        }
    }

    private List<String> secrets(boolean pat) {
        List<String> secrets = new ArrayList<>(List.of(AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, configuredKey,
                WEBHOOK_SECRET, WEBHOOK_SECRET.substring(1)));
        List<String> accessTokens = labelStudio.issuedAccessTokens();
        if (pat) {
            assertThat(accessTokens).as("access tokens minted during the run").hasSizeGreaterThanOrEqualTo(2);
        }
        secrets.addAll(accessTokens);
        // a JWT's signature alone is as good as the token to anyone who can guess the claims
        for (String secret : List.copyOf(secrets)) {
            String[] parts = secret.split("\\.");
            if (parts.length == 3) {
                secrets.add(parts[2]);
            }
        }
        return secrets;
    }

    private static List<String> leaks(Iterable<String> texts, List<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (String text : texts) {
            for (String secret : secrets) {
                int at = text.indexOf(secret);
                if (at >= 0) {
                    leaks.add("secret " + secrets.indexOf(secret) + " in: "
                              + text.substring(Math.max(0, at - 300), Math.min(text.length(), at + secret.length() + 40)));
                }
            }
        }
        return leaks;
    }

    private Map<String, String> managementResponses() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> responses = new LinkedHashMap<>();
        for (String path : List.of("/observe/health", "/observe/health?exposureLevel=full&stackTrace=true&data=true",
                                   "/observe/health/live", "/observe/health/ready", "/observe/info",
                                   "/observe/metrics")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            responses.put(path, response.statusCode() + " " + response.body());
        }
        return responses;
    }

    private void awaitTask(String key) {
        Eventually.await(SLOW, "a task for " + key, () -> labelStudio.tasks(project).stream()
                .anyMatch(t -> t.data().path("source_uri").asText().equals(uri(key))));
    }

    private String awaitFailureRecord(String key) {
        String record = OUTPUT_PREFIX + "failed/" + JobNames.of(BUCKET, key, s3.etag(BUCKET, key)) + ".json";
        Eventually.await(SLOW, "a failure record for " + key, () -> s3.getString(BUCKET, record).isPresent());
        return s3.getString(BUCKET, record).orElseThrow();
    }
}
