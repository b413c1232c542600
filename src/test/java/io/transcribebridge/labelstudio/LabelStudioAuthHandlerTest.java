package io.transcribebridge.labelstudio;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The camel-http client with {@link LabelStudioAuthHandler}, posting imports to the Label Studio emulator. */
class LabelStudioAuthHandlerTest extends CamelTestSupport {

    private static LabelStudioEmulator labelStudio;
    private static int project;

    @BeforeAll
    static void startLabelStudio() throws Exception {
        labelStudio = LabelStudioEmulator.start();
        project = labelStudio.createProject("asr",
                Files.readString(Path.of("src/test/resources/labelstudio/asr-whole-file.xml")));
    }

    @AfterAll
    static void stopLabelStudio() {
        labelStudio.close();
    }

    private static String task(String uri) {
        return "[{\"data\":{\"audio\":\"" + uri + "\"},\"predictions\":[{\"model_version\":\"m\",\"result\":["
               + "{\"from_name\":\"transcription\",\"to_name\":\"audio\",\"type\":\"textarea\","
               + "\"value\":{\"text\":[\"hello\"]}}]}]}]";
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String name : new String[] { "patAuth", "legacyAuth" }) {
                    from("direct:" + name)
                            .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                            .setHeader(Exchange.CONTENT_TYPE, constant("application/json; charset=UTF-8"))
                            .toF("%s&httpClientConfigurer=#%s",
                                    LabelStudioUrls.importUri(labelStudio.url(), project), name);
                }
            }
        };
    }

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        LabelStudioAuth pat = new LabelStudioAuth(labelStudio.url(), labelStudio.personalAccessToken(),
                HttpClient.newHttpClient(), new ObjectMapper(), Clock.systemUTC(), Duration.ofSeconds(5));
        registry.bind("patAuth", new LabelStudioAuthHandler(pat));
        LabelStudioAuth legacy = new LabelStudioAuth(labelStudio.url(), labelStudio.legacyToken(),
                HttpClient.newHttpClient(), new ObjectMapper(), Clock.systemUTC(), Duration.ofSeconds(5));
        registry.bind("legacyAuth", new LabelStudioAuthHandler(legacy));
    }

    @Test
    void accessTokenThatDiesEarlyIsRenewedOnceAndTheImportSucceeds() {
        Exchange first = template.request("direct:patAuth", e -> e.getIn().setBody(task("s3://b/one.wav")));
        assertThat(first.getException()).isNull();
        int refreshes = labelStudio.refreshRequests();
        int unauthorized = labelStudio.unauthorizedResponses();

        labelStudio.invalidateIssuedAccessTokens();
        Exchange second = template.request("direct:patAuth", e -> e.getIn().setBody(task("s3://b/two.wav")));

        assertThat(second.getException()).isNull();
        assertThat(second.getMessage().getBody(String.class)).contains("\"task_ids\"");
        assertThat(labelStudio.unauthorizedResponses()).isEqualTo(unauthorized + 1);
        assertThat(labelStudio.refreshRequests()).isEqualTo(refreshes + 1);
        assertThat(labelStudio.tasks(project)).extracting(t -> t.data().path("audio").asText())
                .contains("s3://b/one.wav", "s3://b/two.wav");
    }

    @Test
    void credentialsNeverBecomeCamelHeaders() {
        Exchange exchange = template.request("direct:legacyAuth", e -> e.getIn().setBody(task("s3://b/three.wav")));
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeaders().keySet()).noneMatch(h -> h.equalsIgnoreCase("Authorization"));
    }

    @Test
    void legacyTokenRefusedByTheOrganizationIsNotRetriedAndIsExplained() {
        labelStudio.legacyTokensEnabled(false);
        try {
            int before = labelStudio.importRequests();
            assertThatThrownBy(() -> template.requestBody("direct:legacyAuth", task("s3://b/four.wav")))
                    .isInstanceOf(CamelExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(HttpOperationFailedException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(401);
                        assertThat(LabelStudioErrors.describe(401, e.getResponseBody(), ApiKeyKind.LEGACY_TOKEN))
                                .contains("legacy tokens are disabled in this organization");
                    });
            assertThat(labelStudio.importRequests()).isEqualTo(before + 1);
        } finally {
            labelStudio.legacyTokensEnabled(true);
        }
    }

    @Test
    void theHttpClientDoesNotRetryOnItsOwn() {
        // its built-in retry sleeps on the calling thread and re-sends imports; retrying belongs to the routes
        int before = labelStudio.importRequests();
        labelStudio.failNextImports(1, 503);

        Exchange exchange = template.request("direct:patAuth", e -> e.getIn().setBody(task("s3://b/once.wav")));

        assertThat(exchange.getException()).isInstanceOf(HttpOperationFailedException.class);
        assertThat(((HttpOperationFailedException) exchange.getException()).getStatusCode()).isEqualTo(503);
        assertThat(labelStudio.importRequests() - before).isEqualTo(1);
    }
}
