package io.transcribebridge.labelstudio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Requests to Label Studio's API with the service's credentials, on the JDK's HTTP client: the Authorization
 * header, one renewal and one more try when Label Studio refused an access token that expired (401), and an
 * unreachable Label Studio reported with the URL asked. The answer, whatever its status, is the caller's to read.
 */
public final class LabelStudioRequests {

    private final URI baseUrl;
    private final LabelStudioAuth auth;
    private final HttpClient http;
    private final Duration timeout;

    public LabelStudioRequests(URI baseUrl, LabelStudioAuth auth, HttpClient http, Duration timeout) {
        this.baseUrl = baseUrl;
        this.auth = auth;
        this.http = http;
        this.timeout = timeout;
    }

    public URI resolve(String path) {
        return LabelStudioUrls.resolve(baseUrl, path);
    }

    /** Sends {@code method} to {@code uri}, with {@code json} as the body unless it is null. */
    public HttpResponse<String> send(String method, URI uri, String json) throws IOException {
        HttpResponse<String> response = sendOnce(method, uri, json);
        if (response.statusCode() == 401 && auth.renewAfterUnauthorized()) {
            response = sendOnce(method, uri, json);
        }
        return response;
    }

    private HttpResponse<String> sendOnce(String method, URI uri, String json) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", auth.authorizationHeader());
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking Label Studio (" + method + " " + uri + ")", e);
        } catch (IOException e) {
            throw new IOException("cannot reach Label Studio at " + uri + ": " + LabelStudioAuth.describe(e), e);
        }
    }
}
