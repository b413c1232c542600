package io.transcribebridge.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.transcribebridge.config.StartupWait;
import io.transcribebridge.labelstudio.LabelStudioErrors;
import io.transcribebridge.labelstudio.LabelStudioUrls;

/**
 * {@code GET /health} without credentials: Label Studio answers {@code {"status": "UP"}}; anything else at that URL
 * is not Label Studio (or not its base URL). {@code GET /api/version/} then names the version. At start-up an
 * unreachable Label Studio (or one answering 5xx/429) is waited for with the retry backoff.
 */
final class LabelStudioUrlCheck implements Check {

    static final String NAME = "Label Studio URL";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(ConfigurationCheck.NAME);
    }

    @Override
    public Finding run(Examination examination) {
        URI base = examination.settings.labelStudioUrl();
        URI health = LabelStudioUrls.resolve(base, "/health");
        HttpResponse<String> answer;
        try {
            answer = examination.labelStudioWait().call("Label Studio at " + base + " is not reachable yet", () -> {
                HttpResponse<String> response = examination.get(health, null);
                if (response.statusCode() == 429 || response.statusCode() >= 500) {
                    throw new IOException("GET " + health + " answered HTTP " + response.statusCode() + ": "
                                          + LabelStudioErrors.detail(response.body()));
                }
                return response;
            });
        } catch (StartupWait.GaveUp e) {
            return Finding.fatal(NAME, "cannot reach Label Studio at " + base + " " + e.afterAttempts() + ": "
                    + e.getMessage() + ". Check LABEL_STUDIO_URL and that Label Studio is up.");
        }
        if (!isUp(examination, answer)) {
            return Finding.fatal(NAME, base + " answers, but not as Label Studio does: GET " + health + " gave HTTP "
                    + answer.statusCode() + " (" + LabelStudioErrors.detail(answer.body()) + ") instead of "
                    + "{\"status\": \"UP\"}. Set LABEL_STUDIO_URL to Label Studio's base URL, e.g. "
                    + "http://label-studio:8080.");
        }
        return Finding.ok(NAME, base + " is Label Studio" + version(examination, base) + " and up");
    }

    private static boolean isUp(Examination examination, HttpResponse<String> answer) {
        if (answer.statusCode() != 200) {
            return false;
        }
        try {
            // served as text/html: parse the body whatever the Content-Type says
            return "UP".equals(examination.mapper.readTree(answer.body()).path("status").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static String version(Examination examination, URI base) {
        try {
            HttpResponse<String> answer = examination.get(LabelStudioUrls.resolve(base, "/api/version/"), null);
            JsonNode json = examination.mapper.readTree(answer.body());
            String version = json.path("label-studio-os-package").path("version").asText(json.path("release").asText(""));
            return answer.statusCode() == 200 && !version.isBlank() ? " " + version : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
