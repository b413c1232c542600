package io.transcribebridge.labelstudio;

/**
 * The two kinds of Label Studio API keys, told apart by format: a Personal Access Token is a JWT refresh token
 * (three base64url parts, payload {@code "token_type": "refresh"}); anything else is a legacy token.
 */
public enum ApiKeyKind {
    LEGACY_TOKEN("legacy token"),
    PERSONAL_ACCESS_TOKEN("Personal Access Token");

    private final String description;

    ApiKeyKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static ApiKeyKind of(String apiKey) {
        return Jwt.payload(apiKey)
                .map(payload -> {
                    String type = payload.path("token_type").asText("");
                    if ("refresh".equals(type)) {
                        return PERSONAL_ACCESS_TOKEN;
                    }
                    throw new IllegalArgumentException("LABEL_STUDIO_API_KEY is a JWT of type '" + type
                                                       + "', not a Personal Access Token (a refresh token). "
                                                       + "Copy the token shown under Account & Settings > "
                                                       + "Personal Access Token.");
                })
                .orElse(LEGACY_TOKEN);
    }
}
