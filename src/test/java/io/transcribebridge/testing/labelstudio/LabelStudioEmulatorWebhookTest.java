package io.transcribebridge.testing.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelStudioEmulatorWebhookTest extends LabelStudioEmulatorTestSupport {

    private static final String ONE_TASK = """
            [{"data": {"audio": "s3://b/a.wav"}, "predictions": [{"model_version": "v1", "score": 0.8,
              "result": [{"from_name": "transcription", "to_name": "audio", "type": "textarea",
                          "value": {"text": ["hello"]}}]}]}]""";

    private int project;
    private WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        project = createCallsProject();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void registrationAnswersWithDefaultsSortedActionsAndAllowsDuplicates() {
        LsHttp.Reply first = register("{\"url\": \"" + receiver.url("/hook") + "\", \"project\": " + project + "}");
        LsHttp.Reply second = register("{\"url\": \"" + receiver.url("/hook") + "\", \"project\": " + project
                + ", \"send_for_all_actions\": false, \"actions\": [\"ANNOTATION_UPDATED\", \"ANNOTATION_CREATED\"]}");

        assertThat(first.status()).isEqualTo(201);
        JsonNode hook = first.json();
        assertThat(hook.fieldNames()).toIterable().containsExactly("id", "organization", "project", "url",
                "send_payload", "send_for_all_actions", "headers", "is_active", "actions", "created_at", "updated_at");
        assertThat(hook.path("project").asInt()).isEqualTo(project);
        assertThat(hook.path("send_payload").asBoolean()).isTrue();
        assertThat(hook.path("send_for_all_actions").asBoolean()).as("LS default").isTrue();
        assertThat(hook.path("is_active").asBoolean()).isTrue();
        assertThat(hook.path("headers").isObject() && hook.path("headers").isEmpty()).isTrue();
        assertThat(hook.path("actions")).isEmpty();
        assertThat(hook.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(second.status()).as("same URL twice").isEqualTo(201);
        assertThat(second.json().path("id").asInt()).isNotEqualTo(hook.path("id").asInt());
        assertThat(second.json().path("actions")).extracting(JsonNode::asText)
                .containsExactly("ANNOTATION_CREATED", "ANNOTATION_UPDATED");

        JsonNode list = http.get("/api/webhooks/?project=" + project, auth).json();
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(2);
        assertThat(ls.webhooks(project)).hasSize(2);
        assertThat(http.get("/api/webhooks/?project=999", auth).json()).isEmpty();
        JsonNode info = http.get("/api/webhooks/info/", auth).json();
        assertThat(info.fieldNames()).toIterable().contains("TASKS_CREATED", "ANNOTATION_CREATED",
                "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED");
    }

    @Test
    void urlMustBeADjangoUrlAndHeadersFollowTheSchema() {
        LsHttp.Reply dotless = register("{\"url\": \"http://transcribe-bridge:9090/x\", \"project\": " + project + "}");

        assertThat(dotless.status()).isEqualTo(400);
        assertThat(dotless.json().path("validation_errors").path("url").get(0).asText()).isEqualTo("Enter a valid URL.");
        for (String ok : List.of("http://127.0.0.1:9090/x", "http://localhost:9090/x", "https://bridge.internal/x",
                "http://transcribe-bridge.svc.cluster.local:9090/webhooks/label-studio")) {
            assertThat(register("{\"url\": \"" + ok + "\", \"project\": " + project + "}").status()).as(ok)
                    .isEqualTo(201);
        }
        assertThat(register("{\"url\": \"ftp2://a.example.com/\"}").status()).isEqualTo(400);
        assertThat(register("{\"url\": \"http://a.b/\"}").status()).as("one-letter TLD").isEqualTo(400);
        assertThat(register("{\"project\": " + project + "}").json().path("validation_errors").path("url").get(0)
                .asText()).isEqualTo("This field is required.");

        String url = receiver.url("/h");
        assertThat(register("{\"url\": \"" + url + "\", \"headers\": {\"bad key\": \"x\"}}").status()).isEqualTo(400);
        assertThat(register("{\"url\": \"" + url + "\", \"headers\": {\"X-N\": 5}}").status()).isEqualTo(400);
        StringBuilder eleven = new StringBuilder("{");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("\"H").append(i).append("\": \"v\"");
        }
        assertThat(register("{\"url\": \"" + url + "\", \"headers\": " + eleven + "}}").status()).isEqualTo(400);
        assertThat(register("{\"url\": \"" + url + "\", \"actions\": [\"NOPE\"]}").status()).isEqualTo(400);
        assertThat(register("{\"url\": \"" + url + "\", \"project\": 999}").status()).isEqualTo(400);
        assertThat(register("{\"url\": \"" + url + "\", \"project\": " + project
                + ", \"send_for_all_actions\": false, \"actions\": [\"PROJECT_CREATED\"]}").status())
                .as("organization-only action on a project webhook").isEqualTo(400);
    }

    @Test
    void webhookEndpointsNeedTheToken() {
        assertThat(http.get("/api/webhooks/").status()).isEqualTo(401);
        assertThat(http.postJson("/api/webhooks/", "{\"url\": \"" + receiver.url("/h") + "\"}").status())
                .isEqualTo(401);
        assertThat(http.get("/api/webhooks/info/").status()).isEqualTo(401);
        assertThat(ls.webhooks()).isEmpty();
    }

    @Test
    void defaultRegistrationGetsTasksCreatedForEveryImport() {
        register("{\"url\": \"" + receiver.url("/hook") + "\", \"project\": " + project
                + ", \"headers\": {\"X-Bridge-Secret\": \"s3cr3t\"}}");

        importOneTask();
        importOneTask();

        List<JsonNode> bodies = receiver.bodies("TASKS_CREATED");
        assertThat(bodies).hasSize(2);
        JsonNode body = bodies.get(0);
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("action", "tasks", "project");
        JsonNode task = body.path("tasks").get(0);
        assertThat(task.path("data").path("audio").asText()).isEqualTo("s3://b/a.wav");
        assertThat(task.has("predictions")).isFalse();
        assertThat(task.has("annotations")).isFalse();
        assertThat(task.path("total_predictions").asInt()).isEqualTo(1);
        assertThat(body.path("project").path("id").asInt()).isEqualTo(project);
        WebhookReceiver.Received received = receiver.received().get(0);
        assertThat(received.path()).isEqualTo("/hook");
        assertThat(received.headers()).containsEntry("x-bridge-secret", "s3cr3t")
                .containsEntry("content-type", "application/json");
        assertThat(ls.webhookDeliveries("TASKS_CREATED")).extracting(WebhookDelivery::status).containsExactly(200, 200);
    }

    @Test
    void actionListFiltersAndAnnotationPayloadsHaveTheModelFields() {
        register("{\"url\": \"" + receiver.url("/hook") + "\", \"project\": " + project
                + ", \"send_for_all_actions\": false, \"actions\": [\"ANNOTATION_CREATED\", \"ANNOTATION_UPDATED\"],"
                + " \"headers\": {\"X-Bridge-Secret\": \"s3cr3t\"}}");
        int task = importOneTask();

        JsonNode created = http.postJson("/api/tasks/" + task + "/annotations/",
                "{\"result\": " + EditorResults.wholeFile("hello world") + ", \"lead_time\": 3.5}", auth).json();
        http.patchJson("/api/annotations/" + created.path("id").asInt() + "/",
                "{\"result\": " + EditorResults.wholeFile("hello, world") + "}", auth);

        assertThat(receiver.bodies("TASKS_CREATED")).isEmpty();
        assertThat(receiver.received()).extracting(r -> r.body().path("action").asText())
                .containsExactly("ANNOTATION_CREATED", "ANNOTATION_UPDATED");
        JsonNode body = receiver.bodies("ANNOTATION_CREATED").get(0);
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("action", "annotation", "project", "task");
        JsonNode annotation = body.path("annotation");
        assertThat(annotation.fieldNames()).toIterable().contains("id", "result", "was_cancelled", "ground_truth",
                "created_at", "updated_at", "lead_time", "prediction", "task", "project", "completed_by");
        assertThat(annotation.path("id").asInt()).isEqualTo(created.path("id").asInt());
        assertThat(annotation.path("task").asInt()).isEqualTo(task);
        assertThat(annotation.path("project").asInt()).isEqualTo(project);
        assertThat(annotation.path("lead_time").asDouble()).isEqualTo(3.5);
        assertThat(annotation.path("result").get(0).path("value").path("text").get(0).asText())
                .isEqualTo("hello world");
        assertThat(annotation.path("prediction").path("model_version").asText()).isEqualTo("v1");
        assertThat(annotation.path("prediction").path("result").get(0).path("value").path("text").get(0).asText())
                .isEqualTo("hello");
        assertThat(annotation.path("created_at").asText()).matches(".*\\.\\d{6}Z");
        JsonNode taskNode = body.path("task");
        assertThat(taskNode.path("id").asInt()).isEqualTo(task);
        assertThat(taskNode.path("is_labeled").asBoolean()).isTrue();
        assertThat(taskNode.path("total_annotations").asInt()).isEqualTo(1);
        assertThat(taskNode.has("predictions") || taskNode.has("annotations")).isFalse();
        assertThat(body.path("project").path("label_config").asText()).contains("<TextArea");
        assertThat(body.path("project").path("model_version").asText()).isEqualTo("v1");

        JsonNode updated = receiver.bodies("ANNOTATION_UPDATED").get(0).path("annotation");
        assertThat(updated.path("result").get(0).path("value").path("text").get(0).asText()).isEqualTo("hello, world");
        assertThat(updated.path("updated_at").asText()).isGreaterThan(annotation.path("updated_at").asText());
        assertThat(updated.path("created_at").asText()).isEqualTo(annotation.path("created_at").asText());
        assertThat(updated.path("prediction")).as("not refreshed on update").isEqualTo(annotation.path("prediction"));
    }

    @Test
    void deletionSendsOnlyTheIdsAndSkipIsACreatedEvent() {
        register("{\"url\": \"" + receiver.url("/hook") + "\", \"project\": " + project
                + ", \"send_for_all_actions\": false,"
                + " \"actions\": [\"ANNOTATION_CREATED\", \"ANNOTATIONS_DELETED\"]}");
        int task = importOneTask();
        int id = ls.submitAnnotation(task, EditorResults.wholeFile("x")).path("id").asInt();
        ls.skipTask(task);

        assertThat(http.send("DELETE", "/api/annotations/" + id + "/", auth)).isEqualTo(204);

        JsonNode skipped = receiver.bodies("ANNOTATION_CREATED").get(1).path("annotation");
        assertThat(skipped.path("was_cancelled").asBoolean()).isTrue();
        assertThat(skipped.path("result")).isEmpty();
        JsonNode deleted = receiver.bodies("ANNOTATIONS_DELETED").get(0);
        assertThat(deleted.fieldNames()).toIterable().containsExactlyInAnyOrder("action", "annotations", "project");
        assertThat(deleted.path("annotations").toString()).isEqualTo("[{\"id\":" + id + "}]");
        assertThat(http.get("/api/annotations/" + id + "/", auth).status()).isEqualTo(404);
    }

    @Test
    void withoutSendPayloadOnlyTheActionIsSent() {
        register("{\"url\": \"" + receiver.url("/hook") + "\", \"project\": " + project
                + ", \"send_payload\": false}");

        importOneTask();

        assertThat(receiver.received().get(0).body().toString()).isEqualTo("{\"action\":\"TASKS_CREATED\"}");
    }

    @Test
    void slowReceiverIsAbandonedAfterOneSecondWithoutRetry() {
        register("{\"url\": \"" + receiver.url("/slow") + "\", \"project\": " + project + "}");
        int task = importOneTask();
        receiver.delayMillis = 3000;

        long started = System.nanoTime();
        LsHttp.Reply reply = http.postJson("/api/tasks/" + task + "/annotations/",
                "{\"result\": " + EditorResults.wholeFile("x") + "}", auth);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
        WebhookDelivery delivery = ls.webhookDeliveries("ANNOTATION_CREATED").get(0);
        assertThat(delivery.status()).isZero();
        assertThat(delivery.error()).contains("timeout");
        assertThat(delivery.duration()).isBetween(Duration.ofMillis(900), Duration.ofMillis(2000));
        assertThat(receiver.bodies("ANNOTATION_CREATED")).as("no retry").hasSize(1);
        assertThat(ls.annotations(task)).hasSize(1);
    }

    @Test
    void failingOrUnreachableReceiversChangeNothingForTheCaller() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        register("{\"url\": \"" + receiver.url("/500") + "\", \"project\": " + project + "}");
        register("{\"url\": \"http://127.0.0.1:" + freePort + "/down\", \"project\": " + project + "}");
        receiver.status = 500;

        int task = importOneTask();
        LsHttp.Reply reply = http.postJson("/api/tasks/" + task + "/annotations/",
                "{\"result\": " + EditorResults.wholeFile("x") + "}", auth);

        assertThat(reply.status()).isEqualTo(201);
        List<WebhookDelivery> deliveries = ls.webhookDeliveries("ANNOTATION_CREATED");
        assertThat(deliveries).extracting(WebhookDelivery::status).containsExactly(500, 0);
        assertThat(deliveries.get(1).error()).isNotBlank();
        assertThat(receiver.bodies("ANNOTATION_CREATED")).hasSize(1);
    }

    @Test
    void deliveriesCanBeDroppedToSimulateALostWebhook() {
        register("{\"url\": \"" + receiver.url("/hook") + "\", \"project\": " + project + "}");
        int task = importOneTask();
        ls.dropNextWebhookDeliveries(1);
        ls.dropWebhookDeliveries("ANNOTATION_UPDATED");

        int id = ls.submitAnnotation(task, EditorResults.wholeFile("a")).path("id").asInt();
        ls.updateAnnotation(id, EditorResults.wholeFile("b"));
        ls.submitAnnotation(task, EditorResults.wholeFile("c"));
        ls.deliverAllWebhooks();
        ls.updateAnnotation(id, EditorResults.wholeFile("d"));

        assertThat(receiver.received()).extracting(r -> r.body().path("action").asText())
                .containsExactly("TASKS_CREATED", "ANNOTATION_CREATED", "ANNOTATION_UPDATED");
        assertThat(ls.webhookDeliveries()).extracting(WebhookDelivery::action, WebhookDelivery::dropped)
                .containsExactly(tuple("TASKS_CREATED", false),
                        tuple("ANNOTATION_CREATED", true),
                        tuple("ANNOTATION_UPDATED", true),
                        tuple("ANNOTATION_CREATED", false),
                        tuple("ANNOTATION_UPDATED", false));
    }

    @Test
    void webhookCanBeReadPatchedDeactivatedAndDeleted() {
        int id = register("{\"url\": \"" + receiver.url("/hook") + "\", \"project\": " + project + "}")
                .json().path("id").asInt();

        LsHttp.Reply patched = http.patchJson("/api/webhooks/" + id + "/", "{\"is_active\": false}", auth);
        importOneTask();

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("is_active").asBoolean()).isFalse();
        assertThat(patched.json().path("url").asText()).isEqualTo(receiver.url("/hook"));
        assertThat(receiver.received()).isEmpty();
        assertThat(http.get("/api/webhooks/" + id + "/", auth).json().path("is_active").asBoolean()).isFalse();
        assertThat(http.send("DELETE", "/api/webhooks/" + id + "/", auth)).isEqualTo(204);
        assertThat(http.get("/api/webhooks/" + id + "/", auth).status()).isEqualTo(404);
        assertThat(ls.webhooks()).isEmpty();
    }

    @Test
    void organizationLevelWebhookHearsEveryProject() {
        register("{\"url\": \"" + receiver.url("/org") + "\"}");

        importOneTask();

        assertThat(receiver.bodies("TASKS_CREATED")).hasSize(1);
    }

    private LsHttp.Reply register(String body) {
        return http.postJson("/api/webhooks/", body, auth);
    }

    private int importOneTask() {
        LsHttp.Reply reply = http.postJson(importPath(project) + "?return_task_ids=true", ONE_TASK, auth);
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().path("task_ids").get(0).asInt();
    }
}
