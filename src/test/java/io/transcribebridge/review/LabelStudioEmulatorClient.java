package io.transcribebridge.review;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;

/** Webhooks registered or deleted by hand, as an operator would with Label Studio's API. */
final class LabelStudioEmulatorClient {

    private LabelStudioEmulatorClient() {
    }

    /** {@code POST /api/webhooks/} with Label Studio's defaults (every action); {@code secret} null: no header. */
    static void register(LabelStudioEmulator labelStudio, int project, String url, String secret) {
        ObjectNode body = new ObjectMapper().createObjectNode().put("project", project).put("url", url);
        if (secret != null) {
            body.putObject("headers").put(ReviewSettings.SECRET_HEADER, secret);
        }
        send(labelStudio, "POST", "/api/webhooks/", body.toString(), 201);
    }

    static void delete(LabelStudioEmulator labelStudio, long id) {
        send(labelStudio, "DELETE", "/api/webhooks/" + id + "/", null, 204);
    }

    private static void send(LabelStudioEmulator labelStudio, String method, String path, String body, int expected) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(labelStudio.url().toString().replaceAll("/$", "")
                    + path)).header("Authorization", "Token " + labelStudio.legacyToken())
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                                                + response.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
