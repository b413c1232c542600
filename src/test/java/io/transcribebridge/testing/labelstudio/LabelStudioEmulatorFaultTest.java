package io.transcribebridge.testing.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelStudioEmulatorFaultTest extends LabelStudioEmulatorTestSupport {

    private static final String ONE_TASK = "[{\"data\": {\"audio\": \"s3://b/x.wav\"}}]";

    private String importPath;

    @BeforeEach
    void setUpProject() {
        importPath = importPath(createCallsProject());
    }

    @Test
    void failNextImportsAnswers503AsNginxHtmlThenRecovers() {
        ls.failNextImports(2, 503);

        LsHttp.Reply first = http.postJson(importPath, ONE_TASK, auth);
        LsHttp.Reply second = http.postJson(importPath, ONE_TASK, auth);
        LsHttp.Reply third = http.postJson(importPath, ONE_TASK, auth);

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.contentType()).isEqualTo("text/html");
        assertThat(first.body()).contains("<title>503 Service Temporarily Unavailable</title>").contains("nginx");
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).isEqualTo(201);
        assertThat(ls.tasks(1)).hasSize(1);
        assertThat(ls.importRequests()).isEqualTo(3);
    }

    @Test
    void failuresAreInjectedOnlyIntoImportsAndBeforeAuthentication() {
        ls.failNextImports(1, 502);

        assertThat(http.get("/api/projects/1/", auth).status()).isEqualTo(200);
        LsHttp.Reply badGateway = http.postJson(importPath, ONE_TASK);
        assertThat(badGateway.status()).isEqualTo(502);
        assertThat(badGateway.body()).contains("502 Bad Gateway");
        assertThat(http.postJson(importPath, ONE_TASK).status()).isEqualTo(401);
    }

    @Test
    void injected500And429UseTheErrorEnvelopeAnd429CarriesRetryAfter() {
        ls.failNextImports(1, 500);
        LsHttp.Reply serverError = http.postJson(importPath, ONE_TASK, auth);
        assertThat(serverError.status()).isEqualTo(500);
        assertThat(serverError.json().path("status_code").asInt()).isEqualTo(500);

        ls.failNextImports(1, 429, Duration.ofSeconds(3));
        LsHttp.Reply throttled = http.postJson(importPath, ONE_TASK, auth);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(throttled.detail()).isEqualTo("Request was throttled. Expected available in 3 seconds.");
        assertThat(ls.tasks(1)).isEmpty();
    }

    @Test
    void importDelayCommitsBeforeAnsweringSoATimedOutClientStillCreatedTheTasks() throws Exception {
        ls.importDelay(Duration.ofMillis(1500));
        HttpRequest request = http.builder(importPath, auth)
                .timeout(Duration.ofMillis(300))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ONE_TASK))
                .build();

        assertThatThrownBy(() -> http.sendRaw(request)).isInstanceOf(HttpTimeoutException.class);

        assertThat(ls.tasks(1)).hasSize(1);
        assertThat(ls.importRequests()).isEqualTo(1);
        ls.importDelay(Duration.ZERO);
        assertThat(http.postJson(importPath, ONE_TASK, auth).status()).isEqualTo(201);
    }

    @Test
    void downRefusesConnectionsAndUpServesTheSameStateOnTheSamePort() throws Exception {
        assertThat(http.postJson(importPath, ONE_TASK, auth).status()).isEqualTo(201);
        URI before = ls.url();

        ls.down();

        HttpRequest health = http.builder("/health").GET().build();
        assertThatThrownBy(() -> http.sendRaw(health)).isInstanceOf(ConnectException.class);

        ls.up();

        assertThat(ls.url()).isEqualTo(before);
        assertThat(http.sendRaw(health).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/projects/1/", auth).json().path("task_number").asInt()).isEqualTo(1);
    }

    @Test
    void concurrentImportsAreServedInParallelAndGetDistinctIds() throws Exception {
        // With a 400 ms answer delay, 8 imports take ~3.2 s one after another and ~0.4 s in parallel.
        ls.importDelay(Duration.ofMillis(400));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            long started = System.nanoTime();
            List<Future<LsHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(clients.submit(() -> http.postJson(importPath + "?return_task_ids=true", ONE_TASK, auth)));
            }
            Set<Integer> ids = new HashSet<>();
            for (Future<LsHttp.Reply> reply : replies) {
                assertThat(reply.get().status()).isEqualTo(201);
                ids.add(reply.get().json().path("task_ids").get(0).asInt());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2000));
            assertThat(ids).hasSize(8);
            assertThat(ls.tasks(1)).hasSize(8);
        } finally {
            clients.shutdownNow();
        }
    }
}
