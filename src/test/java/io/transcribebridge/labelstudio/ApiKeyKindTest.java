package io.transcribebridge.labelstudio;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyKindTest {

    static String jwt(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
               + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void fortyHexCharactersIsALegacyToken() {
        assertThat(ApiKeyKind.of("0123456789abcdef0123456789abcdef01234567")).isEqualTo(ApiKeyKind.LEGACY_TOKEN);
    }

    @Test
    void aRefreshJwtIsAPersonalAccessToken() {
        String pat = jwt("{\"token_type\":\"refresh\",\"exp\":9999999999,\"jti\":\"x\",\"user_id\":1}");
        assertThat(ApiKeyKind.of(pat)).isEqualTo(ApiKeyKind.PERSONAL_ACCESS_TOKEN);
        assertThat(ApiKeyKind.of("  " + pat + "\n")).isEqualTo(ApiKeyKind.PERSONAL_ACCESS_TOKEN);
    }

    @Test
    void anAccessJwtIsRejectedWithAHintAndWithoutTheToken() {
        String access = jwt("{\"token_type\":\"access\",\"exp\":1}");
        assertThatThrownBy(() -> ApiKeyKind.of(access))
                .hasMessageContaining("Personal Access Token")
                .hasMessageNotContaining(access);
    }

    @Test
    void dottedStringsThatAreNotJwtsAreLegacy() {
        assertThat(ApiKeyKind.of("a.b.c")).isEqualTo(ApiKeyKind.LEGACY_TOKEN);
        assertThat(ApiKeyKind.of("my.token.with!invalid")).isEqualTo(ApiKeyKind.LEGACY_TOKEN);
    }
}
