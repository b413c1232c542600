package io.transcribebridge.review;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;

import io.transcribebridge.health.CachedReadinessCheck;

/** Ready when the webhook server accepts connections on {@code REVIEW_WEBHOOK_PORT} (only with REVIEW_ENABLED). */
public final class WebhookServerCheck extends CachedReadinessCheck {

    private final int port;
    private final int timeoutMillis;

    public WebhookServerCheck(int port, Duration timeout, Duration interval, Clock clock) {
        super("review-webhook", interval, clock);
        this.port = port;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    protected String probe() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            return null;
        } catch (IOException e) {
            return "the webhook server does not accept connections on port " + port + " (REVIEW_WEBHOOK_PORT): "
                   + e.getMessage();
        }
    }
}
