package io.transcribebridge.pipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.transcribebridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management server (/observe/health, /live, /ready) answers probes on Vert.x worker threads, and a Vert.x
 * worker pool starts a new thread for each request until it is full (20 by default): probed every few seconds, an
 * idle service would grow by 20 threads. The service sizes that pool to what probes need.
 */
class ManagementServerThreadsTest extends BridgeTestSupport {

    @Test
    void probesDoNotGrowTheServiceByAThreadEach() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 30; i++) {
            HttpResponse<Void> health = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/observe/health")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(health.statusCode()).isEqualTo(200);
        }

        List<String> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("vert.x-worker-thread"))
                .toList();
        assertThat(workers).as("Vert.x worker threads after 30 probes").hasSizeLessThanOrEqualTo(2);
    }
}
