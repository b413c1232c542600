package io.transcribebridge.testing.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Hs256JwtTest {

    private final Hs256Jwt jwt = new Hs256Jwt("secret-of-32-bytes-for-the-test!".getBytes(StandardCharsets.UTF_8));

    @Test
    void signedTokensVerifyAndTamperedOnesDoNot() {
        ObjectNode payload = Json.object().put("token_type", "access").put("user_id", 1);
        String token = jwt.sign(payload);

        assertThat(jwt.verify(token)).hasValue(payload);

        String[] parts = token.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"token_type\":\"access\",\"user_id\":2}".getBytes(StandardCharsets.UTF_8));
        assertThat(jwt.verify(parts[0] + "." + forged + "." + parts[2])).isEmpty();
        assertThat(jwt.verify(parts[0] + "." + parts[1] + ".")).isEmpty();
        assertThat(jwt.verify("not.a-jwt")).isEmpty();
    }
}
