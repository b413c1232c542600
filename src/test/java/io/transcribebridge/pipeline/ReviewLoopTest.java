package io.transcribebridge.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.LogCapture;
import io.transcribebridge.testing.ManagementEndpoints;
import io.transcribebridge.testing.labelstudio.EditorResults;
import io.transcribebridge.testing.labelstudio.Task;
import io.transcribebridge.testing.labelstudio.WebhookDelivery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop after the review, end to end through the real routes: the service registers its webhook in the Label
 * Studio emulator, which fires webhooks as Label Studio does (synchronously, once, no retry) while a test reviewer
 * submits, updates, skips and deletes annotations in a whole-file project; the deliverables are read back from S3.
 */
class ReviewLoopTest extends BridgeTestSupport {

    private static final String SECRET = "a-long-webhook-secret-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int webhookPort = freePort();

    @Override
    protected Properties properties() {
        Properties p = super.properties();
        enableReview(p, webhookPort, SECRET);
        p.setProperty("review.reconcile-interval-ms", "1500");
        p.setProperty("review.first-sweep-delay-ms", "1500");
        return p;
    }

    private static String webhookUrl() {
        return webhookUrl(webhookPort);
    }

    private Task reviewable(String key, String speech) {
        s3.put(BUCKET, key, speech);
        Eventually.await(SLOW, "a task for " + key, () -> task(key) != null);
        Eventually.await(SLOW, "the webhook registered", () -> labelStudio.webhooks(project).size() == 1);
        return task(key);
    }

    private Task task(String key) {
        return labelStudio.tasks(project).stream()
                .filter(t -> uri(key).equals(t.data().path("source_uri").asText())).findFirst().orElse(null);
    }

    private static String reviewed(String job, String extension) {
        return OUTPUT_PREFIX + "reviewed/" + job + extension;
    }

    private static JsonNode record(String job) {
        return s3.getString(BUCKET, reviewed(job, ".json")).map(ReviewLoopTest::json).orElse(null);
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitInboxEmpty() {
        Eventually.await(SLOW, "every accepted webhook settled",
                () -> s3.keys(BUCKET, OUTPUT_PREFIX + "review-inbox/").isEmpty());
    }

    private static double reviews(String outcome) {
        return new ManagementEndpoints(managementPort).scrape().value("transcribe_bridge_reviews_total",
                "outcome=\"" + outcome + "\"");
    }

    private static HttpResponse<String> post(String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhookUrl()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Transcribe-Bridge-Secret", secret);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReviewBecomesDeliverablesAndAnUpdateRewritesThemButAnOlderEventNever() throws Exception {
        Task task = reviewable("review/deposition-1.wav",
                "Good morning. Please state your name for the record. My name is Jon Smyth.");
        String job = task.data().path("transcribe_job").asText();

        JsonNode annotation = labelStudio.submitAnnotation(task.id(), EditorResults.wholeFile(
                "Good morning. Please state your name for the record. My name is John Smith."));
        Eventually.await(SLOW, "the reviewed record", () -> record(job) != null);
        // answered within Label Studio's 1 s webhook timeout: accepted durably, settled afterwards
        assertThat(labelStudio.webhookDeliveries("ANNOTATION_CREATED")).last().satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(200);
            assertThat(delivery.duration()).isLessThan(java.time.Duration.ofSeconds(1));
        });

        JsonNode record = record(job);
        assertThat(record.path("sourceUri").asText()).isEqualTo(uri("review/deposition-1.wav"));
        assertThat(record.path("jobName").asText()).isEqualTo(job);
        assertThat(record.path("taskId").asInt()).isEqualTo(task.id());
        assertThat(record.path("annotationId").asInt()).isEqualTo(annotation.path("id").asInt());
        assertThat(record.path("annotationUpdatedAt").asText()).isEqualTo(annotation.path("updated_at").asText());
        assertThat(record.path("modelVersion").asText()).isEqualTo("amazon-transcribe");
        assertThat(record.path("text").asText())
                .isEqualTo("Good morning. Please state your name for the record. My name is John Smith.");
        assertThat(record.path("segments")).isEmpty();
        // by hand: 14 reference words, jon -> john and smyth -> smith substituted; characters: one insertion (h),
        // one substitution (y -> i) in the 72 characters of the normalised reference
        JsonNode accuracy = record.path("accuracy");
        assertThat(accuracy.path("referenceWords").asInt()).isEqualTo(14);
        assertThat(accuracy.path("substitutions").asInt()).isEqualTo(2);
        assertThat(accuracy.path("deletions").asInt()).isZero();
        assertThat(accuracy.path("insertions").asInt()).isZero();
        assertThat(accuracy.path("wer").asDouble()).isEqualTo(0.1429);
        assertThat(accuracy.path("cer").asDouble()).isEqualTo(0.0278);
        assertThat(record.path("corrections").toString()).isEqualTo(
                "[{\"from\":\"jon\",\"to\":\"john\",\"count\":1},{\"from\":\"smyth\",\"to\":\"smith\",\"count\":1}]");
        assertThat(record.path("captions").path("method").asText()).isEqualTo("aligned");

        awaitReviewedFiles(job, "John Smith.");
        assertThat(s3.getString(BUCKET, reviewed(job, ".txt")))
                .contains("Good morning. Please state your name for the record. My name is John Smith.\n");
        // the emulator times each word (0.5 s from the start, 0.4 s a word and a pause after a sentence): the
        // corrected words take the times of the words they replaced
        assertThat(s3.getString(BUCKET, reviewed(job, ".srt"))).contains("""
                1
                00:00:00,500 --> 00:00:04,100
                Good morning. Please state
                your name for the record.

                2
                00:00:04,100 --> 00:00:06,100
                My name is John Smith.
                """);
        assertThat(s3.getString(BUCKET, reviewed(job, ".vtt"))).contains("""
                WEBVTT

                00:00:00.500 --> 00:00:04.100
                Good morning. Please state
                your name for the record.

                00:00:04.100 --> 00:00:06.100
                My name is John Smith.
                """);

        List<WebhookDelivery> created = labelStudio.webhookDeliveries("ANNOTATION_CREATED");
        String createdEvent = created.get(created.size() - 1).body().toString();
        JsonNode updated = labelStudio.updateAnnotation(annotation.path("id").asInt(), EditorResults.wholeFile(
                "Good morning. Please state your name for the record. My name is John Smith, Junior."));
        Eventually.await(SLOW, "the record rewritten", () -> record(job).path("annotationUpdatedAt").asText()
                .equals(updated.path("updated_at").asText()));
        assertThat(record(job).path("text").asText()).endsWith("John Smith, Junior.");
        assertThat(record(job).path("accuracy").path("deletions").asInt()).as("Junior, not heard").isEqualTo(1);
        awaitReviewedFiles(job, "Junior.");

        // the ANNOTATION_CREATED event once more, late: it settles the current review, never the one it describes
        String before = s3.getString(BUCKET, reviewed(job, ".json")).orElseThrow();
        String etag = s3.etag(BUCKET, reviewed(job, ".json"));
        double unchanged = reviews("unchanged");
        assertThat(post(createdEvent, SECRET).statusCode()).isEqualTo(200);
        Eventually.await(SLOW, "the late event settled as unchanged", () -> reviews("unchanged") > unchanged);
        awaitInboxEmpty();
        assertThat(s3.etag(BUCKET, reviewed(job, ".json"))).as("not even rewritten").isEqualTo(etag);
        assertThat(s3.getString(BUCKET, reviewed(job, ".json")).orElseThrow()).isEqualTo(before);
        assertThat(s3.getString(BUCKET, reviewed(job, ".srt")).orElseThrow()).contains("Junior.");
    }

    @org.junit.jupiter.api.AfterAll
    static void reportWebhookAnswerTimes() {
        List<Long> millis = labelStudio.webhookDeliveries().stream().filter(WebhookDelivery::delivered)
                .map(delivery -> delivery.duration().toMillis()).sorted().toList();
        if (!millis.isEmpty()) {
            System.out.println("Webhook answer times seen by Label Studio: " + millis.size() + " deliveries, median "
                               + millis.get(millis.size() / 2) + " ms, max " + millis.get(millis.size() - 1) + " ms");
        }
    }

    @Test
    void withoutTheSecretAWebhookIsRefusedAndChangesNothing() throws Exception {
        Task task = reviewable("review/refused.wav", "Nothing to see here.");
        String body = "{\"action\": \"ANNOTATION_CREATED\", \"project\": {\"id\": " + project + "}, \"task\": {\"id\": "
                      + task.id() + ", \"data\": " + task.data() + "}, \"annotation\": {\"id\": 1, \"task\": "
                      + task.id() + "}}";
        try (LogCapture logs = LogCapture.start(java.util.Map.of())) {
            assertThat(post(body, null).statusCode()).isEqualTo(401);
            assertThat(post(body, "a-long-webhook-secret-012345678X").statusCode()).isEqualTo(401);
            assertThat(post(body, "").statusCode()).isEqualTo(401);
            assertThat(String.join("\n", logs.texts())).contains("Refused a webhook call").doesNotContain(SECRET)
                    .doesNotContain("012345678X");
        }
        assertThat(s3.keys(BUCKET, OUTPUT_PREFIX + "review-inbox/")).isEmpty();
        assertThat(post("not json", SECRET).statusCode()).isEqualTo(400);
        assertThat(post("{\"action\": \"TASKS_CREATED\", \"project\": " + project + "}", SECRET).statusCode())
                .isEqualTo(200);
        assertThat(s3.keys(BUCKET, OUTPUT_PREFIX + "review-inbox/")).isEmpty();
    }

    @Test
    void aSkippedTaskHasNoDeliverableAndDeletingTheReviewRemovesThem() {
        Task task = reviewable("review/skipped.wav", "Can you hear me now?");
        String job = task.data().path("transcribe_job").asText();
        labelStudio.skipTask(task.id());
        awaitInboxEmpty();
        assertThat(record(job)).isNull();

        JsonNode annotation = labelStudio.submitAnnotation(task.id(), EditorResults.wholeFile("Can you hear me now?"));
        Eventually.await(SLOW, "the reviewed record", () -> record(job) != null);
        assertThat(record(job).path("accuracy").path("wer").asDouble()).isZero();
        assertThat(record(job).path("corrections")).isEmpty();
        awaitReviewedFiles(job, "Can you hear me now?");

        labelStudio.deleteAnnotation(annotation.path("id").asInt());
        Eventually.await(SLOW, "every deliverable removed", () -> s3.keys(BUCKET, OUTPUT_PREFIX + "reviewed/"
                + job).isEmpty());
        assertThat(labelStudio.webhookDeliveries("ANNOTATIONS_DELETED")).last()
                .extracting(WebhookDelivery::status).isEqualTo(200);
    }

    @Test
    void webhooksLostOnTheWayAreMadeUpForByTheSweep() {
        Task task = reviewable("review/lost.wav", "The meeting starts at noon.");
        String job = task.data().path("transcribe_job").asText();
        labelStudio.dropNextWebhookDeliveries(1);
        JsonNode annotation = labelStudio.submitAnnotation(task.id(),
                EditorResults.wholeFile("The meeting starts at noon sharp."));
        assertThat(labelStudio.webhookDeliveries("ANNOTATION_CREATED")).last()
                .extracting(WebhookDelivery::dropped).isEqualTo(true);
        Eventually.await(SLOW, "the record written by the sweep", () -> record(job) != null);
        assertThat(record(job).path("accuracy").path("deletions").asInt()).isEqualTo(1);

        // captions lost after the record (a settler stopped between them): the sweep writes them again
        Eventually.await(SLOW, "the captions", () -> s3.getString(BUCKET, reviewed(job, ".vtt")).isPresent());
        s3.client().deleteObject(request -> request.bucket(BUCKET).key(reviewed(job, ".vtt")));
        Eventually.await(SLOW, "the captions written again by the sweep",
                () -> s3.getString(BUCKET, reviewed(job, ".vtt")).orElse("").contains("noon sharp"));

        labelStudio.dropNextWebhookDeliveries(1);
        labelStudio.deleteAnnotation(annotation.path("id").asInt());
        Eventually.await(SLOW, "the deliverables removed by the sweep", () -> s3.keys(BUCKET, OUTPUT_PREFIX
                + "reviewed/" + job).isEmpty());
    }

    @Test
    void theWebhookIsRegisteredOnceWithOnlyTheAnnotationActions() {
        Eventually.await(SLOW, "the webhook registered", () -> labelStudio.webhooks(project).size() == 1);
        JsonNode webhook = labelStudio.webhooks(project).get(0);
        assertThat(webhook.path("url").asText()).isEqualTo(webhookUrl());
        assertThat(webhook.path("send_for_all_actions").asBoolean()).isFalse();
        assertThat(webhook.path("actions").toString())
                .isEqualTo("[\"ANNOTATIONS_DELETED\",\"ANNOTATION_CREATED\",\"ANNOTATION_UPDATED\"]");
        assertThat(webhook.path("headers").path("X-Transcribe-Bridge-Secret").asText()).isEqualTo(SECRET);
        List<WebhookDelivery> imports = labelStudio.webhookDeliveries("TASKS_CREATED");
        assertThat(imports).as("no webhook per import").isEmpty();

        ManagementEndpoints management = new ManagementEndpoints(managementPort);
        Eventually.await(SLOW, "ready", () -> management.status("/observe/health/ready") == 200);
        assertThat(management.get("/observe/health/ready?exposureLevel=full").body()).contains("review-webhook");
    }
}
