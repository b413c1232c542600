package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code webhooks.utils.emit_webhooks*} / {@code run_webhook}: for one event, one POST per active webhook that
 * hears it (the project's own and organization-level ones), one after the other, in the thread of the API request
 * that caused the event and after the change is stored. {@code requests.post(url, headers=webhook.headers,
 * json=data, timeout=WEBHOOK_TIMEOUT)}: 1 s, no retry, no signature; any failure is logged and forgotten.
 */
final class WebhookSender {

    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Store store;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropNext = new AtomicInteger();
    private final Set<String> droppedActions = ConcurrentHashMap.newKeySet();

    WebhookSender(Store store) {
        this.store = store;
    }

    /** {@code payload} (the fields besides {@code action}) is only built when some webhook hears the event. */
    void emit(int projectId, String action, Supplier<ObjectNode> payload) {
        List<StoredWebhook> listeners = store.webhooks().stream().filter(w -> w.hears(projectId, action)).toList();
        if (listeners.isEmpty()) {
            return;
        }
        ObjectNode full = payload.get();
        for (StoredWebhook webhook : listeners) {
            ObjectNode body = Json.object();
            body.put("action", action);
            if (webhook.sendPayload()) {
                body.setAll(full.deepCopy());
            }
            deliver(webhook, action, body);
        }
    }

    void dropNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        dropNext.set(count);
    }

    void dropAction(String action, boolean drop) {
        if (drop) {
            droppedActions.add(action);
        } else {
            droppedActions.remove(action);
        }
    }

    void deliverAll() {
        dropNext.set(0);
        droppedActions.clear();
    }

    List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    void clearDeliveries() {
        deliveries.clear();
    }

    private void deliver(StoredWebhook webhook, String action, ObjectNode body) {
        boolean drop = droppedActions.contains(action)
                || dropNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        if (drop) {
            deliveries.add(new WebhookDelivery(webhook.id(), webhook.url(), action, 0, null, Duration.ZERO, true, body));
            return;
        }
        long started = System.nanoTime();
        int status = 0;
        String error = null;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "python-requests/2.28.1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
            webhook.headers().forEach(request::setHeader);
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            error = "timeout after " + TIMEOUT.toMillis() + " ms: " + e.getMessage();
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        deliveries.add(new WebhookDelivery(webhook.id(), webhook.url(), action, status, error,
                Duration.ofNanos(System.nanoTime() - started), false, body));
    }
}
