package io.transcribebridge.labelstudio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a project's details ({@code GET /api/projects/{id}/}) with the service's credentials: its labeling config and
 * model version. Used once at start-up.
 * <ul>
 * <li>an {@link IOException} is worth trying again: Label Studio unreachable, a timeout, 5xx or 429;</li>
 * <li>a {@link LabelStudioAuthException} (the key was refused) or {@link ProjectNotUsableException} (no such project,
 * no access, not Label Studio at all) needs an operator.</li>
 * </ul>
 */
public final class LabelStudioProjects {

    /** The fields of the project representation the service uses. */
    public record Project(int id, String title, String labelConfig, String modelVersion) {
    }

    /** Label Studio answered, and the answer means the configured project cannot be used as it is. */
    public static final class ProjectNotUsableException extends RuntimeException {
        public ProjectNotUsableException(String message) {
            super(message);
        }
    }

    private final URI baseUrl;
    private final LabelStudioAuth auth;
    private final LabelStudioRequests requests;
    private final ObjectMapper mapper;

    public LabelStudioProjects(URI baseUrl, LabelStudioAuth auth, HttpClient http, ObjectMapper mapper,
                               Duration timeout) {
        this.baseUrl = baseUrl;
        this.auth = auth;
        this.requests = new LabelStudioRequests(baseUrl, auth, http, timeout);
        this.mapper = mapper;
    }

    public URI projectUri(int projectId) {
        return requests.resolve("/api/projects/" + projectId + "/");
    }

    public Project project(int projectId) throws IOException {
        URI uri = projectUri(projectId);
        HttpResponse<String> response = requests.send("GET", uri, null);
        int status = response.statusCode();
        String body = response.body();
        if (status == 200) {
            return parse(projectId, uri, body);
        }
        if (status == 401) {
            throw new LabelStudioAuthException(LabelStudioErrors.describe(401, body, auth.kind())
                                               + " (reading project " + projectId + " at " + uri
                                               + "; check LABEL_STUDIO_API_KEY)");
        }
        if (status == 404) {
            throw new ProjectNotUsableException("Label Studio at " + baseUrl + " has no project " + projectId
                                                + " (GET " + uri + " answered 404: " + LabelStudioErrors.detail(body)
                                                + "): check LABEL_STUDIO_PROJECT_ID, and that LABEL_STUDIO_URL is "
                                                + "the Label Studio instance that holds it. The project's id is the "
                                                + "number in its URL (/projects/<id>/).");
        }
        if (status == 403) {
            throw new ProjectNotUsableException("Label Studio refused access to project " + projectId + " (GET " + uri
                                                + " answered 403: " + LabelStudioErrors.detail(body) + "): the "
                                                + "user of LABEL_STUDIO_API_KEY is not allowed to read it.");
        }
        if (status == 429 || status >= 500) {
            throw new IOException("Label Studio answered HTTP " + status + " to GET " + uri + ": "
                                  + LabelStudioErrors.detail(body));
        }
        throw new ProjectNotUsableException("GET " + uri + " answered HTTP " + status + ": "
                                            + LabelStudioErrors.detail(body) + " (check LABEL_STUDIO_URL and "
                                            + "LABEL_STUDIO_PROJECT_ID)");
    }

    private Project parse(int projectId, URI uri, String body) {
        JsonNode json = null;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            // reported below
        }
        if (json == null || !json.isObject() || !json.has("label_config")) {
            throw new ProjectNotUsableException("GET " + uri + " answered 200 with something that is not a Label "
                                                + "Studio project (" + LabelStudioErrors.detail(body) + "): check "
                                                + "that LABEL_STUDIO_URL is Label Studio's base URL, e.g. "
                                                + "http://label-studio:8080");
        }
        return new Project(projectId, json.path("title").asText(""), json.path("label_config").asText(""),
                json.path("model_version").isTextual() ? json.path("model_version").asText() : "");
    }
}
