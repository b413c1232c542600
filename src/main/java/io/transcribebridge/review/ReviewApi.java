package io.transcribebridge.review;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.labelstudio.LabelStudioAuth;
import io.transcribebridge.labelstudio.LabelStudioErrors;
import io.transcribebridge.labelstudio.LabelStudioRequests;

/**
 * What the review loop asks Label Studio: a task with its annotations (cancelled ones too) and predictions, every
 * task of the project the same way (for the reconciliation sweep), and the project's webhooks. An
 * {@link IOException} is worth trying again (unreachable, timeout, 429, 5xx); an {@link IllegalStateException} needs
 * an operator (the key was refused, no access).
 */
public class ReviewApi {

    static final int PAGE_SIZE = 100;

    private final int projectId;
    private final LabelStudioRequests requests;
    private final ObjectMapper mapper;

    public ReviewApi(URI baseUrl, int projectId, LabelStudioAuth auth, HttpClient http, ObjectMapper mapper,
                     Duration timeout) {
        this.projectId = projectId;
        this.requests = new LabelStudioRequests(baseUrl, auth, http, timeout);
        this.mapper = mapper;
    }

    public int projectId() {
        return projectId;
    }

    /** {@code GET /api/tasks/{id}/}: the task with annotations and predictions, or empty when it was deleted. */
    public Optional<JsonNode> task(long taskId) throws IOException {
        HttpResponse<String> response = send("GET", "/api/tasks/" + taskId + "/", null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(json(response, "reading task " + taskId));
    }

    /**
     * Every task of the project with annotations (cancelled ones too) and predictions, a page at a time
     * ({@code GET /api/tasks/?project=ID&fields=all}); Label Studio answers 404 "Invalid page." past the end.
     *
     * @return whether as many tasks were read as Label Studio said it has ({@code total}): only then is a task that
     *         was not read known to be gone
     */
    public boolean forEachTask(Consumer<JsonNode> task) throws IOException {
        long read = 0;
        long total = -1;
        for (int page = 1; ; page++) {
            HttpResponse<String> response = send("GET", "/api/tasks/?project=" + projectId + "&fields=all&page="
                    + page + "&page_size=" + PAGE_SIZE, null);
            if (response.statusCode() == 404 && page > 1) {
                return total < 0 || read == total;
            }
            JsonNode body = json(response, "listing the tasks of project " + projectId);
            JsonNode tasks = body.isArray() ? body : body.path("tasks");
            tasks.forEach(task);
            read += tasks.size();
            total = body.path("total").asLong(-1);
            if (tasks.size() < PAGE_SIZE || total >= 0 && read >= total) {
                return total < 0 || read == total;
            }
        }
    }

    /** {@code GET /api/webhooks/?project=ID}: the project's webhooks. */
    public List<JsonNode> webhooks() throws IOException {
        JsonNode body = json(send("GET", "/api/webhooks/?project=" + projectId, null), "listing the webhooks of project "
                + projectId);
        List<JsonNode> webhooks = new ArrayList<>();
        body.forEach(webhooks::add);
        return webhooks;
    }

    public JsonNode createWebhook(JsonNode webhook) throws IOException {
        return json(send("POST", "/api/webhooks/", webhook), "registering a webhook in project " + projectId);
    }

    public JsonNode updateWebhook(long id, JsonNode changes) throws IOException {
        return json(send("PATCH", "/api/webhooks/" + id + "/", changes), "updating webhook " + id);
    }

    public void deleteWebhook(long id) throws IOException {
        HttpResponse<String> response = send("DELETE", "/api/webhooks/" + id + "/", null);
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            json(response, "deleting webhook " + id);
        }
    }

    private JsonNode json(HttpResponse<String> response, String what) throws IOException {
        int status = response.statusCode();
        String body = response.body();
        if (status >= 200 && status < 300) {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new IOException("Label Studio answered " + what + " with something that is not JSON: "
                                      + LabelStudioErrors.detail(body), e);
            }
        }
        String message = "Label Studio answered HTTP " + status + " " + what + " (" + response.request().method()
                         + " " + response.uri() + "): " + LabelStudioErrors.detail(body);
        if (status == 429 || status >= 500) {
            throw new IOException(message);
        }
        throw new IllegalStateException(message);
    }

    private HttpResponse<String> send(String method, String path, JsonNode body) throws IOException {
        return requests.send(method, requests.resolve(path), body == null ? null : mapper.writeValueAsString(body));
    }
}
