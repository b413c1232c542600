package io.transcribebridge.labelstudio;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Produces the {@code Authorization} header for Label Studio API calls.
 * <ul>
 * <li>Legacy token: {@code Token <key>} on every call.</li>
 * <li>Personal Access Token (a JWT refresh token): exchanged at {@code /api/token/refresh/} for a short-lived
 * access token (about 5 minutes), cached, renewed shortly before it expires and once after a 401.</li>
 * </ul>
 * Thread-safe. Neither the key nor access tokens ever appear in exceptions or logs.
 */
public final class LabelStudioAuth {

    /** Renew this long before expiry: 30 s for Label Studio's 5-minute tokens, less for shorter lifetimes. */
    private static final Duration MAX_REFRESH_MARGIN = Duration.ofSeconds(30);
    private static final Duration ASSUMED_ACCESS_LIFETIME = Duration.ofMinutes(4);

    private final URI refreshUri;
    private final String apiKey;
    private final ApiKeyKind kind;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration timeout;

    private String accessToken;
    private Instant renewAt = Instant.MIN;

    public LabelStudioAuth(URI labelStudioUrl, String apiKey, HttpClient http, ObjectMapper mapper, Clock clock,
                           Duration timeout) {
        this.refreshUri = LabelStudioUrls.resolve(labelStudioUrl, "/api/token/refresh/");
        this.apiKey = apiKey.strip();
        this.kind = ApiKeyKind.of(this.apiKey);
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
        this.timeout = timeout;
    }

    public ApiKeyKind kind() {
        return kind;
    }

    public synchronized String authorizationHeader() throws IOException {
        if (kind == ApiKeyKind.LEGACY_TOKEN) {
            return "Token " + apiKey;
        }
        if (accessToken == null || !clock.instant().isBefore(renewAt)) {
            refresh();
        }
        return "Bearer " + accessToken;
    }

    /**
     * Called after Label Studio answered 401. Returns true when asking again with a fresh access token can help
     * (Personal Access Tokens); a legacy token cannot be renewed.
     */
    public synchronized boolean renewAfterUnauthorized() {
        if (kind == ApiKeyKind.LEGACY_TOKEN) {
            return false;
        }
        accessToken = null;
        return true;
    }

    /** The JDK client's ConnectException has no message at all: names what failed anyway. */
    public static String describe(IOException e) {
        String name = e.getClass().getName();
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return name + ": " + e.getMessage();
        }
        return e instanceof ConnectException ? name + " (connection refused or host unreachable)" : name;
    }

    private void refresh() throws IOException {
        String body = mapper.createObjectNode().put("refresh", apiKey).toString();
        HttpRequest request = HttpRequest.newBuilder(refreshUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while refreshing the Label Studio access token", e);
        } catch (IOException e) {
            // the JDK client's ConnectException has no message at all: say what failed, so a failure record does
            throw new IOException("cannot reach Label Studio at " + refreshUri + " to refresh the access token: "
                                  + describe(e), e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new LabelStudioAuthException("Label Studio refused the Personal Access Token at "
                                               + refreshUri.getPath() + " (HTTP " + status + ": "
                                               + LabelStudioErrors.detail(response.body())
                                               + "). The token was revoked, has expired or belongs to another "
                                               + "Label Studio instance: create a new one under Account & Settings.");
        }
        if (status >= 500) {
            throw new IOException("Label Studio token refresh failed with HTTP " + status);
        }
        if (status != 200) {
            throw new LabelStudioAuthException("Label Studio token refresh failed with HTTP " + status + ": "
                                               + LabelStudioErrors.detail(response.body()));
        }
        JsonNode access = mapper.readTree(response.body()).path("access");
        if (!access.isTextual() || access.asText().isBlank()) {
            throw new LabelStudioAuthException("Label Studio token refresh answered without an access token");
        }
        accessToken = access.asText();
        Instant now = clock.instant();
        Instant expiry = Jwt.expiry(accessToken).orElse(now.plus(ASSUMED_ACCESS_LIFETIME));
        Duration lifetime = Duration.between(now, expiry);
        Duration margin = lifetime.dividedBy(5).compareTo(MAX_REFRESH_MARGIN) < 0 ? lifetime.dividedBy(5)
                : MAX_REFRESH_MARGIN;
        renewAt = expiry.minus(margin);
    }
}
