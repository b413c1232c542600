package io.transcribebridge.review;

import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the service's webhook in the project at start ({@code REVIEW_WEBHOOK_URL}): only the three annotation
 * actions (by default Label Studio sends every action, one per import too), the secret as a custom header. A webhook
 * with the same URL is reused (and corrected if its actions, header or state differ). Label Studio accepts the same
 * URL twice, so replicas starting together may both create one: after creating, the list is read again and every
 * webhook with this URL but the oldest is deleted, by whichever replica sees it, so they end with one.
 */
public class WebhookRegistration {

    /** What registration found or did. */
    public enum Outcome {
        CREATED, REUSED, UPDATED
    }

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRegistration.class);

    private final ReviewApi api;
    private final ObjectMapper mapper;
    private final URI url;
    private final String secret;

    public WebhookRegistration(ReviewApi api, ObjectMapper mapper, URI url, String secret) {
        this.api = api;
        this.mapper = mapper;
        this.url = url;
        this.secret = secret;
    }

    public Outcome ensure() throws IOException {
        List<JsonNode> ours = ours(api.webhooks());
        Outcome outcome;
        JsonNode kept;
        if (ours.isEmpty()) {
            kept = api.createWebhook(wanted().put("project", api.projectId()).put("url", url.toString()));
            outcome = Outcome.CREATED;
            ours = ours(api.webhooks());
        } else {
            kept = ours.get(0);
            outcome = Outcome.REUSED;
        }
        if (!ours.isEmpty()) {
            kept = ours.get(0);
            for (JsonNode duplicate : ours.subList(1, ours.size())) {
                api.deleteWebhook(duplicate.path("id").asLong());
                LOG.info("Deleted webhook {} of project {}: a second registration of {}",
                        duplicate.path("id").asLong(), api.projectId(), url);
            }
        }
        if (!matches(kept)) {
            api.updateWebhook(kept.path("id").asLong(), wanted());
            outcome = outcome == Outcome.CREATED ? outcome : Outcome.UPDATED;
        }
        if (outcome != Outcome.REUSED) {
            LOG.info("Label Studio webhook {} of project {} {}: {} on {}", kept.path("id").asLong(), api.projectId(),
                    outcome.name().toLowerCase(java.util.Locale.ROOT), url, String.join(", ",
                            new TreeSet<>(ReviewInbox.ACTIONS)));
        }
        return outcome;
    }

    private List<JsonNode> ours(List<JsonNode> webhooks) {
        return webhooks.stream().filter(webhook -> url.toString().equals(webhook.path("url").asText()))
                .sorted(Comparator.comparingLong(webhook -> webhook.path("id").asLong()))
                .toList();
    }

    private ObjectNode wanted() {
        ObjectNode webhook = mapper.createObjectNode();
        webhook.put("send_payload", true);
        webhook.put("send_for_all_actions", false);
        webhook.put("is_active", true);
        webhook.putObject("headers").put(ReviewSettings.SECRET_HEADER, secret);
        var actions = webhook.putArray("actions");
        new TreeSet<>(ReviewInbox.ACTIONS).forEach(actions::add);
        return webhook;
    }

    private boolean matches(JsonNode webhook) {
        Set<String> actions = new TreeSet<>();
        webhook.path("actions").forEach(action -> actions.add(action.asText()));
        return webhook.path("is_active").asBoolean(true) && webhook.path("send_payload").asBoolean(true)
               && !webhook.path("send_for_all_actions").asBoolean(true)
               && actions.equals(new TreeSet<>(ReviewInbox.ACTIONS))
               && WebhookGate.sendsSecret(webhook, secret);
    }
}
