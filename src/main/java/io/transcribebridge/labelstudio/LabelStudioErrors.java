package io.transcribebridge.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns Label Studio error responses (its {@code {"detail": ..., "validation_errors": ...}} envelope, or an HTML
 * page from a proxy) into one readable line.
 */
public final class LabelStudioErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_LENGTH = 1000;

    private LabelStudioErrors() {
    }

    public static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "no response body";
        }
        try {
            JsonNode json = MAPPER.readTree(body);
            if (json != null && json.isObject()) {
                StringBuilder text = new StringBuilder(json.path("detail").asText(""));
                JsonNode validation = json.path("validation_errors");
                if (!validation.isMissingNode() && !validation.isNull()) {
                    text.append(text.isEmpty() ? "" : ": ").append(validation);
                }
                if (text.isEmpty()) {
                    text.append(json);
                }
                return shorten(text.toString());
            }
        } catch (Exception e) {
            // not JSON: a proxy's HTML error page, for instance
        }
        return shorten(body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip());
    }

    /** A failure reason for a rejected request, naming the likely cause for authentication failures. */
    public static String describe(int status, String body, ApiKeyKind kind) {
        String detail = detail(body);
        if (status == 401) {
            String cause;
            if (detail.contains("legacy token authentication has been disabled")) {
                cause = "legacy tokens are disabled in this organization: use a Personal Access Token, or enable "
                        + "legacy tokens under Organization > Access Token Settings";
            } else if (kind == ApiKeyKind.PERSONAL_ACCESS_TOKEN) {
                cause = "the Personal Access Token was refreshed but Label Studio still refused it: personal "
                        + "access tokens may be disabled for the organization";
            } else {
                cause = "the legacy token is wrong, or Label Studio expects a Personal Access Token";
            }
            return "Label Studio rejected the " + kind.description() + " (HTTP 401: " + detail + "): " + cause;
        }
        if (status == 404) {
            return "Label Studio answered 404 (" + detail + "): check LABEL_STUDIO_PROJECT_ID and LABEL_STUDIO_URL";
        }
        return "Label Studio rejected the import (HTTP " + status + ": " + detail + ")";
    }

    private static String shorten(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
    }
}
