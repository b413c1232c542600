package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The organisation's single user and its credentials: one legacy token, any number of PATs (JWT refresh
 * tokens), access tokens minted by refresh, a blacklist, and the org's JWTSettings switches.
 *
 * <p>As with simplejwt, revoking a PAT only blacklists the refresh token: access tokens already issued from
 * it stay valid until they expire.
 */
final class TokenAuthority {

    static final int USER_ID = 1;
    static final String NOT_PROVIDED = "Authentication credentials were not provided.";
    static final String INVALID_TOKEN = "Invalid token.";
    static final String LEGACY_DISABLED =
            "Authentication token no longer valid: legacy token authentication has been disabled for this organization";

    /** LSAPIToken lifetime in OSS: 200 years. */
    private static final Duration PAT_LIFETIME = Duration.ofDays(365L * 200);

    private final Clock clock;
    private final Hs256Jwt jwt;
    private final String legacyKey;
    private final Set<String> blacklistedJtis = ConcurrentHashMap.newKeySet();
    private final Set<String> issuedAccessJtis = ConcurrentHashMap.newKeySet();
    private final Set<String> issuedAccessTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> invalidatedAccessJtis = ConcurrentHashMap.newKeySet();
    private volatile Duration accessTokenTtl = Duration.ofMinutes(5);
    private volatile boolean legacyTokensEnabled = true;
    private volatile boolean apiTokensEnabled = true;

    TokenAuthority(Clock clock) {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        byte[] key = new byte[20];
        random.nextBytes(key);
        this.clock = clock;
        this.jwt = new Hs256Jwt(secret);
        this.legacyKey = HexFormat.of().formatHex(key);
    }

    String legacyToken() {
        return legacyKey;
    }

    String issuePersonalAccessToken() {
        return jwt.sign(claims("refresh", PAT_LIFETIME));
    }

    void accessTokenTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("access token TTL must be positive: " + ttl);
        }
        this.accessTokenTtl = ttl;
    }

    void legacyTokensEnabled(boolean enabled) {
        this.legacyTokensEnabled = enabled;
    }

    void apiTokensEnabled(boolean enabled) {
        this.apiTokensEnabled = enabled;
    }

    /** Test hook: every access token minted so far stops working, as after a server-side key rotation. */
    void invalidateIssuedAccessTokens() {
        invalidatedAccessJtis.addAll(issuedAccessJtis);
    }

    void revoke(String pat) {
        ObjectNode payload = jwt.verify(pat)
                .filter(p -> "refresh".equals(p.path("token_type").asText()))
                .orElseThrow(() -> new IllegalArgumentException("not a personal access token of this emulator"));
        blacklistedJtis.add(payload.path("jti").asText());
    }

    /**
     * simplejwt's TokenRefreshSerializer: decode (signature, expiry), then token type, then the blacklist.
     * Each failure is a 401 whose detail is the TokenError message.
     */
    String refresh(String refreshToken) {
        ObjectNode payload = jwt.verify(refreshToken)
                .filter(p -> !isExpired(p))
                .orElseThrow(() -> Errors.unauthorized("Token is invalid or expired"));
        if (!payload.has("token_type")) {
            throw Errors.unauthorized("Token has no type");
        }
        if (!"refresh".equals(payload.path("token_type").asText())) {
            throw Errors.unauthorized("Token has wrong type");
        }
        if (blacklistedJtis.contains(payload.path("jti").asText())) {
            throw Errors.unauthorized("Token is blacklisted");
        }
        ObjectNode access = claims("access", accessTokenTtl);
        access.set("user_id", payload.get("user_id"));
        issuedAccessJtis.add(access.path("jti").asText());
        String token = jwt.sign(access);
        issuedAccessTokens.add(token);
        return token;
    }

    List<String> issuedAccessTokens() {
        return List.copyOf(issuedAccessTokens);
    }

    /**
     * JWT middleware first (it silently ignores anything it cannot use), then DRF's TokenAuthentication, whose
     * failures decide the message. {@code X-Api-Key} is rewritten to {@code Token <key>} by a middleware.
     */
    void authenticate(Request request) {
        Optional<String> apiKey = request.header("X-Api-Key");
        String authorization = apiKey.map(key -> "Token " + key)
                .or(() -> request.header("Authorization"))
                .orElse("");
        if (authorization.startsWith("Bearer ") && apiTokensEnabled && isValidAccessToken(authorization.substring(7))) {
            return;
        }
        String[] parts = authorization.trim().split("\\s+");
        if (authorization.isBlank() || !parts[0].equalsIgnoreCase("token")) {
            throw Errors.unauthorized(NOT_PROVIDED);
        }
        if (parts.length == 1) {
            throw Errors.unauthorized("Invalid token header. No credentials provided.");
        }
        if (parts.length > 2) {
            throw Errors.unauthorized("Invalid token header. Token string should not contain spaces.");
        }
        if (!parts[1].equals(legacyKey)) {
            throw Errors.unauthorized(INVALID_TOKEN);
        }
        if (!legacyTokensEnabled) {
            throw Errors.unauthorized(LEGACY_DISABLED);
        }
    }

    private boolean isValidAccessToken(String token) {
        return jwt.verify(token.trim())
                .filter(p -> "access".equals(p.path("token_type").asText()))
                .filter(p -> !isExpired(p))
                .filter(p -> !invalidatedAccessJtis.contains(p.path("jti").asText()))
                .isPresent();
    }

    /** PyJWT: expired when {@code exp <= now}, with {@code now} a float timestamp. */
    private boolean isExpired(ObjectNode payload) {
        if (!payload.path("exp").isNumber()) {
            return true;
        }
        double now = clock.millis() / 1000.0;
        return payload.get("exp").asDouble() <= now;
    }

    /** simplejwt: {@code exp = int(now + lifetime)}, {@code iat = int(now)}. */
    private ObjectNode claims(String tokenType, Duration lifetime) {
        long nowMillis = clock.millis();
        ObjectNode payload = Json.object();
        payload.put("token_type", tokenType);
        payload.put("exp", (nowMillis + lifetime.toMillis()) / 1000);
        payload.put("iat", nowMillis / 1000);
        payload.put("jti", UUID.randomUUID().toString().replace("-", ""));
        payload.put("user_id", USER_ID);
        return payload;
    }
}
