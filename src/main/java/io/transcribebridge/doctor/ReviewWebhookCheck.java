package io.transcribebridge.doctor;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.transcribebridge.labelstudio.LabelStudioErrors;
import io.transcribebridge.labelstudio.LabelStudioUrls;
import io.transcribebridge.review.ReviewSettings;
import io.transcribebridge.review.WebhookGate;

/**
 * With REVIEW_ENABLED: the project's webhooks can be read with the key ({@code GET /api/webhooks/?project=ID}, what
 * registration needs too), and a webhook that reaches the service is registered: the one REVIEW_WEBHOOK_URL names
 * (registered at start if missing), or, without a URL, one registered by hand that sends the secret header. Without
 * one, reviews arrive only with the reconciliation sweep: a warning. The secret is compared, never shown.
 */
final class ReviewWebhookCheck implements Check {

    static final String NAME = "Review webhooks";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(ConfigurationCheck.NAME, ProjectCheck.NAME);
    }

    @Override
    public Finding run(Examination examination) {
        ReviewSettings review = examination.review;
        if (!review.enabled()) {
            return Finding.ok(NAME, "off (REVIEW_ENABLED=false): the service stops at the import");
        }
        int project = examination.settings.labelStudioProjectId();
        var uri = LabelStudioUrls.resolve(examination.settings.labelStudioUrl(), "/api/webhooks/?project=" + project);
        JsonNode webhooks;
        try {
            HttpResponse<String> response = examination.get(uri, examination.auth().authorizationHeader());
            if (response.statusCode() != 200) {
                return Finding.fatal(NAME, "GET " + uri + " answered HTTP " + response.statusCode() + ": "
                        + LabelStudioErrors.detail(response.body()) + ". The user of LABEL_STUDIO_API_KEY must be "
                        + "allowed to manage the project's webhooks (an administrator or the project's owner).");
            }
            webhooks = examination.mapper.readTree(response.body());
        } catch (IOException e) {
            return Finding.fatal(NAME, "cannot read the webhooks of project " + project + ": " + e.getMessage());
        }
        List<JsonNode> sendingSecret = new ArrayList<>();
        List<JsonNode> wrongSecret = new ArrayList<>();
        JsonNode registered = null;
        for (JsonNode webhook : webhooks) {
            if (WebhookGate.sendsSecret(webhook, review.webhookSecret())) {
                sendingSecret.add(webhook);
            } else if (webhook.path("headers").path(ReviewSettings.SECRET_HEADER).isTextual()) {
                wrongSecret.add(webhook);
            }
            if (review.webhookUrl().isPresent()
                && review.webhookUrl().get().toString().equals(webhook.path("url").asText())) {
                registered = webhook;
            }
        }
        String where = "POST " + ReviewSettings.WEBHOOK_PATH + " on port " + review.webhookPort();
        if (review.webhookUrl().isPresent()) {
            return Finding.ok(NAME, where + "; project " + project + " webhooks readable; "
                    + (registered == null ? "the webhook for " + review.webhookUrl().get() + " is registered at start"
                    : "webhook " + registered.path("id").asLong() + " for " + review.webhookUrl().get()
                      + " registered (corrected at start if its actions or header differ)")
                    + "; sweep every " + review.reconcileInterval().toSeconds() + " s");
        }
        if (!sendingSecret.isEmpty()) {
            JsonNode webhook = sendingSecret.get(0);
            return Finding.ok(NAME, where + "; webhook " + webhook.path("id").asLong() + " (" + webhook.path("url")
                    .asText() + ") registered by hand sends the secret header; sweep every "
                    + review.reconcileInterval().toSeconds() + " s");
        }
        return Finding.warn(NAME, where + ", but project " + project + " has no webhook that sends "
                + ReviewSettings.SECRET_HEADER + (wrongSecret.isEmpty() ? "" : " with REVIEW_WEBHOOK_SECRET ("
                + wrongSecret.size() + " send another value: their calls are refused with 401)")
                + ". Set REVIEW_WEBHOOK_URL to register it at start, or register it by hand (README \"After the "
                + "review\"); until then reviews arrive only with the reconciliation sweep, every "
                + review.reconcileInterval().toSeconds() + " s.");
    }
}
