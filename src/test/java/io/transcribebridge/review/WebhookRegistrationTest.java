package io.transcribebridge.review;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.labelstudio.LabelStudioAuth;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration against the Label Studio emulator, which (like Label Studio) accepts the same URL twice. */
class WebhookRegistrationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final URI URL = URI.create("http://transcribe-bridge.internal:9090/label-studio/webhook");
    private static final String SECRET = "registration-secret-0123456789";

    private LabelStudioEmulator labelStudio;
    private int project;

    @BeforeEach
    void start() {
        labelStudio = LabelStudioEmulator.start();
        project = labelStudio.createProject("Reviews", "<View><Audio name=\"audio\" value=\"$audio\"/>"
                + "<TextArea name=\"transcription\" toName=\"audio\"/></View>");
    }

    @AfterEach
    void stop() {
        labelStudio.close();
    }

    private WebhookRegistration registration() {
        HttpClient http = HttpClient.newHttpClient();
        LabelStudioAuth auth = new LabelStudioAuth(labelStudio.url(), labelStudio.legacyToken(), http, MAPPER,
                Clock.systemUTC(), Duration.ofSeconds(5));
        return new WebhookRegistration(new ReviewApi(labelStudio.url(), project, auth, http, MAPPER,
                Duration.ofSeconds(5)), MAPPER, URL, SECRET);
    }

    @Test
    void registersOnlyTheAnnotationActionsWithTheSecretAndReusesItAfterwards() throws Exception {
        assertThat(registration().ensure()).isEqualTo(WebhookRegistration.Outcome.CREATED);
        assertThat(registration().ensure()).isEqualTo(WebhookRegistration.Outcome.REUSED);
        List<JsonNode> webhooks = labelStudio.webhooks(project);
        assertThat(webhooks).hasSize(1);
        JsonNode webhook = webhooks.get(0);
        assertThat(webhook.path("send_for_all_actions").asBoolean()).isFalse();
        assertThat(webhook.path("send_payload").asBoolean()).isTrue();
        assertThat(webhook.path("actions").toString())
                .isEqualTo("[\"ANNOTATIONS_DELETED\",\"ANNOTATION_CREATED\",\"ANNOTATION_UPDATED\"]");
        assertThat(webhook.path("headers").path(ReviewSettings.SECRET_HEADER).asText()).isEqualTo(SECRET);
    }

    @Test
    void aWebhookRegisteredByHandWithEveryActionIsCorrected() throws Exception {
        LabelStudioEmulatorClient.register(labelStudio, project, URL.toString(), null);
        assertThat(labelStudio.webhooks(project).get(0).path("send_for_all_actions").asBoolean()).isTrue();
        assertThat(registration().ensure()).isEqualTo(WebhookRegistration.Outcome.UPDATED);
        JsonNode webhook = labelStudio.webhooks(project).get(0);
        assertThat(webhook.path("send_for_all_actions").asBoolean()).isFalse();
        assertThat(webhook.path("headers").path(ReviewSettings.SECRET_HEADER).asText()).isEqualTo(SECRET);
        assertThat(labelStudio.webhooks(project)).hasSize(1);
    }

    @Test
    void duplicatesLeftByEarlierStartsAreDeletedKeepingTheOldest() throws Exception {
        for (int i = 0; i < 3; i++) {
            LabelStudioEmulatorClient.register(labelStudio, project, URL.toString(), SECRET);
        }
        long oldest = labelStudio.webhooks(project).stream().mapToLong(w -> w.path("id").asLong()).min()
                .orElseThrow();
        registration().ensure();
        assertThat(labelStudio.webhooks(project)).singleElement()
                .satisfies(w -> assertThat(w.path("id").asLong()).isEqualTo(oldest));
    }

    @Test
    void replicasStartingTogetherLeaveOneWebhook() throws Exception {
        for (int round = 0; round < 10; round++) {
            labelStudio.webhooks(project).forEach(w -> LabelStudioEmulatorClient.delete(labelStudio,
                    w.path("id").asLong()));
            int replicas = 4;
            CyclicBarrier together = new CyclicBarrier(replicas);
            ExecutorService pool = Executors.newFixedThreadPool(replicas);
            List<Future<WebhookRegistration.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                WebhookRegistration registration = registration();
                outcomes.add(pool.submit(() -> {
                    together.await();
                    return registration.ensure();
                }));
            }
            for (Future<WebhookRegistration.Outcome> outcome : outcomes) {
                outcome.get();
            }
            pool.shutdown();
            assertThat(labelStudio.webhooks(project)).as("round %d", round).hasSize(1);
        }
    }
}
