package io.transcribebridge.testing.labelstudio;

import static io.transcribebridge.testing.labelstudio.LsHttp.bearer;
import static io.transcribebridge.testing.labelstudio.LsHttp.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LabelStudioEmulatorAuthTest extends LabelStudioEmulatorTestSupport {

    private static final String WHOAMI = "/api/current-user/whoami";
    private static final String NOT_PROVIDED = "Authentication credentials were not provided.";

    @Test
    void legacyTokenIs40LowercaseHexAndAuthenticatesAsTokenOrXApiKey() {
        assertThat(ls.legacyToken()).matches("[0-9a-f]{40}");

        assertThat(http.get(WHOAMI, token(ls.legacyToken())).status()).isEqualTo(200);
        assertThat(http.get(WHOAMI, "X-Api-Key", ls.legacyToken()).status()).isEqualTo(200);
        assertThat(http.get(WHOAMI, token(ls.legacyToken())).json().path("id").asInt()).isEqualTo(1);
    }

    @Test
    void missingCredentialsGive401InTheErrorEnvelope() {
        LsHttp.Reply reply = http.get(WHOAMI);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValue("Token");
        JsonNode body = reply.json();
        assertThat(body.path("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(body.path("status_code").asInt()).isEqualTo(401);
        assertThat(body.path("version").asText()).isEqualTo("1.20.0");
        assertThat(body.path("detail").asText()).isEqualTo(NOT_PROVIDED);
        assertThat(body.get("exc_info").isNull()).isTrue();
        assertThat(ls.unauthorizedResponses()).isEqualTo(1);
    }

    @Test
    void wrongLegacyKeyAndPatSentAsTokenAreInvalidTokens() {
        assertThat(http.get(WHOAMI, token("0".repeat(40))).detail()).isEqualTo("Invalid token.");
        assertThat(http.get(WHOAMI, token(ls.personalAccessToken())).detail()).isEqualTo("Invalid token.");
        assertThat(http.get(WHOAMI, "X-Api-Key", "nope").detail()).isEqualTo("Invalid token.");
        assertThat(ls.unauthorizedResponses()).isEqualTo(3);
    }

    @Test
    void bearerWithAnythingButAValidAccessTokenIsTreatedAsNoCredentials() {
        assertThat(http.get(WHOAMI, bearer(ls.legacyToken())).detail()).isEqualTo(NOT_PROVIDED);
        // A PAT is a refresh token: it must be exchanged first.
        assertThat(http.get(WHOAMI, bearer(ls.personalAccessToken())).detail()).isEqualTo(NOT_PROVIDED);
        assertThat(http.get(WHOAMI, bearer("a.b.c")).detail()).isEqualTo(NOT_PROVIDED);
    }

    @Test
    void legacyTokenRejectedWithPhaseOutMessageWhenDisabledForTheOrganisation() {
        ls.legacyTokensEnabled(false);

        assertThat(http.get(WHOAMI, token(ls.legacyToken())).detail()).isEqualTo(
                "Authentication token no longer valid: legacy token authentication has been disabled for this organization");
        assertThat(http.get(WHOAMI, token("f".repeat(40))).detail()).isEqualTo("Invalid token.");

        ls.legacyTokensEnabled(true);
        assertThat(http.get(WHOAMI, token(ls.legacyToken())).status()).isEqualTo(200);
    }

    @Test
    void patIsAHs256RefreshJwtValidFor200Years() {
        String pat = ls.personalAccessToken();

        String[] parts = pat.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        ObjectNode payload = Hs256Jwt.unverifiedPayload(pat).orElseThrow();
        assertThat(payload.path("token_type").asText()).isEqualTo("refresh");
        assertThat(payload.path("user_id").asInt()).isEqualTo(1);
        assertThat(payload.path("jti").asText()).isNotBlank();
        long years = (payload.path("exp").asLong() - payload.path("iat").asLong()) / (365L * 24 * 3600);
        assertThat(years).isEqualTo(200);
        assertThat(ls.personalAccessToken()).isNotEqualTo(pat);
    }

    @Test
    void refreshMintsAnAccessTokenThatAuthenticatesAsBearer() {
        LsHttp.Reply refresh = refresh(ls.personalAccessToken());

        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.json().fieldNames()).toIterable().containsExactly("access");
        String access = refresh.json().path("access").asText();
        ObjectNode claims = Hs256Jwt.unverifiedPayload(access).orElseThrow();
        assertThat(claims.path("token_type").asText()).isEqualTo("access");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isBetween(299L, 300L);
        assertThat(claims.path("user_id").asInt()).isEqualTo(1);
        assertThat(claims.has("jti")).isTrue();

        assertThat(http.get(WHOAMI, bearer(access)).status()).isEqualTo(200);
        assertThat(http.postJson("/api/token/refresh", body(ls.personalAccessToken())).status()).isEqualTo(200);
        assertThat(ls.refreshRequests()).isEqualTo(2);
    }

    @Test
    void accessTokenExpiresAfterItsTtlAndAFreshRefreshWorksAgain() throws InterruptedException {
        ls.accessTokenTtl(Duration.ofMillis(1500));
        String pat = ls.personalAccessToken();
        String access = refresh(pat).json().path("access").asText();
        assertThat(http.get(WHOAMI, bearer(access)).status()).isEqualTo(200);

        // exp is whole seconds (simplejwt truncates), so wait for the clock to pass it rather than a fixed time.
        long exp = Hs256Jwt.unverifiedPayload(access).orElseThrow().path("exp").asLong();
        sleepUntil(Instant.ofEpochSecond(exp).plusMillis(50));

        LsHttp.Reply expired = http.get(WHOAMI, bearer(access));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.detail()).isEqualTo(NOT_PROVIDED);
        String renewed = refresh(pat).json().path("access").asText();
        assertThat(http.get(WHOAMI, bearer(renewed)).status()).isEqualTo(200);
    }

    @Test
    void revokedPatCannotBeRefreshedButItsAccessTokensLiveOnUntilExpiry() {
        String pat = ls.personalAccessToken();
        String access = refresh(pat).json().path("access").asText();

        ls.revoke(pat);

        LsHttp.Reply refused = refresh(pat);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.detail()).isEqualTo("Token is blacklisted");
        assertThat(refused.json().has("code")).isFalse();
        assertThat(http.get(WHOAMI, bearer(access)).status()).isEqualTo(200);
        assertThat(refresh(ls.personalAccessToken()).status()).isEqualTo(200);
    }

    @Test
    void refreshRejectsMissingFieldGarbageForeignAndAccessTokens() {
        LsHttp.Reply missing = http.postJson("/api/token/refresh/", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.detail()).isEqualTo("Validation error");
        assertThat(missing.json().path("validation_errors").path("refresh").get(0).asText())
                .isEqualTo("This field is required.");

        assertThat(refresh("not-a-jwt").detail()).isEqualTo("Token is invalid or expired");
        assertThat(refresh(foreignPat()).detail()).isEqualTo("Token is invalid or expired");
        assertThat(refresh(ls.legacyToken()).status()).isEqualTo(401);

        String access = refresh(ls.personalAccessToken()).json().path("access").asText();
        LsHttp.Reply wrongType = refresh(access);
        assertThat(wrongType.status()).isEqualTo(401);
        assertThat(wrongType.detail()).isEqualTo("Token has wrong type");
    }

    @Test
    void validBearerIsIgnoredWhenApiTokensAreDisabled() {
        String access = refresh(ls.personalAccessToken()).json().path("access").asText();

        ls.apiTokensEnabled(false);
        assertThat(http.get(WHOAMI, bearer(access)).detail()).isEqualTo(NOT_PROVIDED);
        assertThat(http.get(WHOAMI, token(ls.legacyToken())).status()).isEqualTo(200);

        ls.apiTokensEnabled(true);
        assertThat(http.get(WHOAMI, bearer(access)).status()).isEqualTo(200);
    }

    @Test
    void malformedTokenHeadersGetDrfMessages() {
        assertThat(http.get(WHOAMI, "Authorization", "Token").detail())
                .isEqualTo("Invalid token header. No credentials provided.");
        assertThat(http.get(WHOAMI, "Authorization", "Token a b").detail())
                .isEqualTo("Invalid token header. Token string should not contain spaces.");
        assertThat(http.get(WHOAMI, "Authorization", "Basic dXNlcjpwYXNz").detail()).isEqualTo(NOT_PROVIDED);
    }

    private LsHttp.Reply refresh(String refreshToken) {
        return http.postJson("/api/token/refresh/", body(refreshToken));
    }

    private static String body(String refreshToken) {
        return "{\"refresh\": \"" + refreshToken + "\"}";
    }

    /** A PAT signed by another emulator instance, i.e. with another secret. */
    private static String foreignPat() {
        try (LabelStudioEmulator other = LabelStudioEmulator.start()) {
            return other.personalAccessToken();
        }
    }

    private static String decode(String base64Url) {
        return new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = instant.toEpochMilli() - System.currentTimeMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
