package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * One webhook delivery attempt as the emulator made it (or deliberately did not make it). {@code status} is the
 * receiver's HTTP status, or 0 when there was none: {@code error} then says why (connection refused, the 1 s
 * timeout, ...), or {@code dropped} is true when a test asked the emulator to lose it. {@code body} is the JSON
 * that was (or would have been) posted; the webhook's headers are not kept (they usually carry a secret).
 */
public record WebhookDelivery(int webhookId, String url, String action, int status, String error,
                              Duration duration, boolean dropped, JsonNode body) {

    /** The receiver answered with a 2xx. */
    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
