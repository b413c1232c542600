package io.transcribebridge.labelstudio;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both Label Studio authentication schemes, against the emulator over HTTP. */
class LabelStudioAuthTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private LabelStudioEmulator labelStudio;
    private int project;

    @BeforeEach
    void start() throws IOException {
        labelStudio = LabelStudioEmulator.start();
        project = labelStudio.createProject("asr", Files.readString(Path.of("src/test/resources/labelstudio/asr-whole-file.xml")));
    }

    @AfterEach
    void stop() {
        labelStudio.close();
    }

    private LabelStudioAuth auth(String key) {
        return new LabelStudioAuth(labelStudio.url(), key, http, new ObjectMapper(), Clock.systemUTC(),
                Duration.ofSeconds(5));
    }

    private int getProject(String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(LabelStudioUrls.resolve(labelStudio.url(), "/api/projects/" + project + "/"))
                .header("Authorization", authorization).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void legacyTokenIsSentAsIsAndNeverRefreshed() throws Exception {
        LabelStudioAuth auth = auth(labelStudio.legacyToken());
        assertThat(auth.kind()).isEqualTo(ApiKeyKind.LEGACY_TOKEN);
        assertThat(getProject(auth.authorizationHeader())).isEqualTo(200);
        assertThat(auth.renewAfterUnauthorized()).isFalse();
        assertThat(labelStudio.refreshRequests()).isZero();
    }

    @Test
    void personalAccessTokenIsExchangedOnceAndCached() throws Exception {
        LabelStudioAuth auth = auth(labelStudio.personalAccessToken());
        assertThat(auth.kind()).isEqualTo(ApiKeyKind.PERSONAL_ACCESS_TOKEN);
        String header = auth.authorizationHeader();
        assertThat(header).startsWith("Bearer ");
        assertThat(getProject(header)).isEqualTo(200);
        auth.authorizationHeader();
        auth.authorizationHeader();
        assertThat(labelStudio.refreshRequests()).isEqualTo(1);
    }

    @Test
    void accessTokenIsRenewedShortlyBeforeItExpires() throws Exception {
        labelStudio.accessTokenTtl(Duration.ofSeconds(2));
        LabelStudioAuth auth = auth(labelStudio.personalAccessToken());
        String first = auth.authorizationHeader();
        assertThat(auth.authorizationHeader()).as("still fresh: reused").isEqualTo(first);
        Thread.sleep(2100);
        String renewed = auth.authorizationHeader();
        assertThat(renewed).isNotEqualTo(first);
        assertThat(getProject(renewed)).isEqualTo(200);
        assertThat(labelStudio.refreshRequests()).isEqualTo(2);
    }

    @Test
    void afterA401TheNextHeaderCarriesAFreshAccessToken() throws Exception {
        LabelStudioAuth auth = auth(labelStudio.personalAccessToken());
        String first = auth.authorizationHeader();
        assertThat(auth.renewAfterUnauthorized()).isTrue();
        String second = auth.authorizationHeader();
        assertThat(second).isNotEqualTo(first);
        assertThat(labelStudio.refreshRequests()).isEqualTo(2);
    }

    @Test
    void revokedPersonalAccessTokenFailsWithAClearMessageThatHidesTheToken() {
        String pat = labelStudio.personalAccessToken();
        labelStudio.revoke(pat);
        LabelStudioAuth auth = auth(pat);
        assertThatThrownBy(auth::authorizationHeader)
                .isInstanceOf(LabelStudioAuthException.class)
                .hasMessageContaining("refused the Personal Access Token")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("revoked")
                .hasMessageNotContaining(pat);
    }

    @Test
    void unreachableLabelStudioIsAnIoErrorSoItIsRetried() {
        LabelStudioAuth auth = auth(labelStudio.personalAccessToken());
        labelStudio.down();
        assertThatThrownBy(auth::authorizationHeader).isInstanceOf(IOException.class);
    }
}
