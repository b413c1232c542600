package io.transcribebridge.container;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docker/healthcheck.sh against real HTTP servers: healthy only on a 200 from /observe/health/live. */
class HealthcheckScriptTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);

    @Test
    void healthyOnlyWhenTheLivenessEndpointAnswers200() throws Exception {
        List<String> paths = new CopyOnWriteArrayList<>();
        int[] status = { 200 };
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            int code = exchange.getRequestURI().getPath().equals("/observe/health/live") ? status[0] : 404;
            byte[] body = ("{\"status\":\"" + (code == 200 ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertThat(HealthcheckScript.run(port, LIMIT)).as("200").isZero();
            status[0] = 503;
            assertThat(HealthcheckScript.run(port, LIMIT)).as("503").isEqualTo(1);
            status[0] = 500;
            assertThat(HealthcheckScript.run(port, LIMIT)).as("500").isEqualTo(1);
            assertThat(paths).containsOnly("/observe/health/live").hasSize(3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unhealthyWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(HealthcheckScript.run(port, LIMIT)).isNotZero();
    }

    @Test
    void unhealthyWhenTheServerAcceptsButNeverAnswers() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = socket.accept()) {
                    Thread.sleep(10_000);
                } catch (IOException | InterruptedException e) {
                    // the test ended
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            assertThat(HealthcheckScript.run(socket.getLocalPort(), LIMIT)).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("gives up after its read timeout")
                    .isLessThan(Duration.ofSeconds(3));
            acceptor.interrupt();
        }
    }
}
