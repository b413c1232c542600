package io.transcribebridge.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.PackagedServiceTestSupport;
import io.transcribebridge.testing.ServiceProcess;
import io.transcribebridge.testing.labelstudio.EditorResults;
import io.transcribebridge.testing.labelstudio.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop after the review with two packaged replicas on one bucket and one project. Both register the same webhook
 * URL (the one replica A serves): Label Studio ends with one webhook. A is killed (SIGKILL) while reviewers go on:
 * the webhooks it would have received are lost, and B's reconciliation sweep settles every review, update and
 * deletion; A restarted settles new reviews again. Every record ends at its task's current annotation.
 */
class ReviewReplicasIT extends PackagedServiceTestSupport {

    private static final Duration SLOW = Duration.ofSeconds(90);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final int portA = freePort();
    private final int portB = freePort();

    private Map<String, String> environment(int webhookPort) {
        Map<String, String> environment = new HashMap<>(environment());
        environment.put("REVIEW_ENABLED", "true");
        environment.put("REVIEW_WEBHOOK_SECRET", "replicas-webhook-secret-0123456789");
        environment.put("REVIEW_WEBHOOK_PORT", Integer.toString(webhookPort));
        environment.put("REVIEW_WEBHOOK_URL", "http://localhost:" + portA + "/label-studio/webhook");
        environment.put("REVIEW_RECONCILE_INTERVAL_MS", "3000");
        environment.put("REVIEW_FIRST_SWEEP_DELAY_MS", "1000");
        environment.put("REVIEW_REPORT_INTERVAL_MS", "500");
        return environment;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode record(Task task) {
        return s3.getString(bucket, OUTPUT_PREFIX + "reviewed/" + task.data().path("transcribe_job").asText()
                + ".json").map(text -> {
                    try {
                        return MAPPER.readTree(text);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).orElse(null);
    }

    /** The record holds the task's current annotation: its id and updated_at. */
    private boolean current(Task task, JsonNode annotation) {
        JsonNode record = record(task);
        return record != null && record.path("annotationId").asInt() == annotation.path("id").asInt()
               && record.path("annotationUpdatedAt").asText().equals(annotation.path("updated_at").asText());
    }

    @Test
    void reviewsMadeWhileTheReplicaThatHearsWebhooksIsDeadAreSettledByTheOther() {
        ServiceProcess a = startService(environment(portA));
        ServiceProcess b = startService(environment(portB));
        a.awaitHealthy(SLOW);
        b.awaitHealthy(SLOW);
        for (int i = 0; i < 6; i++) {
            s3.put(bucket, "calls/call-" + i + ".wav", "Call number " + i + " is about the cooper cluster.");
        }
        Eventually.await(SLOW, "6 tasks", () -> labelStudio.tasks(project).size() == 6);
        Eventually.await(SLOW, "a webhook registered", () -> !labelStudio.webhooks(project).isEmpty());
        List<Task> tasks = new ArrayList<>(labelStudio.tasks(project));
        List<JsonNode> annotations = new ArrayList<>();

        // A hears the webhooks
        for (int i = 0; i < 3; i++) {
            annotations.add(labelStudio.submitAnnotation(tasks.get(i).id(), EditorResults.wholeFile(
                    "Call number " + i + " is about the Kubernetes cluster.")));
        }
        for (int i = 0; i < 3; i++) {
            int n = i;
            Eventually.await(SLOW, "record " + i, () -> current(tasks.get(n), annotations.get(n)));
        }

        // A dies: its webhooks fail (Label Studio does not retry); B's sweep settles them
        a.sigkill();
        for (int i = 3; i < 6; i++) {
            annotations.add(labelStudio.submitAnnotation(tasks.get(i).id(), EditorResults.wholeFile(
                    "Call number " + i + " is about the Kubernetes cluster!")));
        }
        annotations.set(0, labelStudio.updateAnnotation(annotations.get(0).path("id").asInt(),
                EditorResults.wholeFile("Call number zero is about the Kubernetes cluster.")));
        labelStudio.deleteAnnotation(annotations.get(1).path("id").asInt());
        assertThat(labelStudio.webhookDeliveries().stream().filter(d -> !d.delivered()).count())
                .as("webhooks lost while A is dead").isGreaterThanOrEqualTo(5);
        for (int i : new int[] {0, 2, 3, 4, 5}) {
            Eventually.await(SLOW, "record " + i + " settled by B", () -> current(tasks.get(i), annotations.get(i)));
        }
        Eventually.await(SLOW, "the deleted review's files removed", () -> record(tasks.get(1)) == null);

        // A back: it hears the webhooks again
        ServiceProcess again = startService(environment(portA));
        again.awaitHealthy(SLOW);
        annotations.set(1, labelStudio.submitAnnotation(tasks.get(1).id(), EditorResults.wholeFile(
                "Call number one is about the Kubernetes cluster.")));
        Eventually.await(SLOW, "record 1 again", () -> current(tasks.get(1), annotations.get(1)));

        Eventually.await(SLOW, "the inbox empty", () -> s3.keys(bucket, OUTPUT_PREFIX + "review-inbox/").isEmpty());
        assertThat(labelStudio.webhooks(project)).as("one webhook for two replicas and a restart").hasSize(1);
        try {
            Eventually.await(Duration.ofSeconds(20), "4 files for each of the 6 reviews",
                    () -> s3.keys(bucket, OUTPUT_PREFIX + "reviewed/").size() == 6 * 4);
        } catch (AssertionError e) {
            assertThat(s3.keys(bucket, OUTPUT_PREFIX + "reviewed/")).as("4 files for each of the 6 reviews")
                    .hasSize(6 * 4);
        }
        // the restarted replica's sweeps find every review settled: nothing is measured or written again, only the
        // one review it heard by webhook
        int sweeps = labelStudio.requests("/api/tasks/?");
        Eventually.await(SLOW, "two more sweeps of each replica",
                () -> labelStudio.requests("/api/tasks/?") >= sweeps + 4);
        String newest = " annotation " + annotations.get(1).path("id").asInt() + " of ";
        assertThat(java.util.stream.Stream.concat(again.runLog().lines(), b.log().lines())
                .filter(line -> line.contains("i.t.review.ReviewSettler - Review of ") && line.contains(newest)))
                .as("the new review, written once by whichever replica came first").singleElement().asString()
                .contains(" written:" + newest);
        assertThat(again.runLog()).as("the restarted replica rewrote nothing").doesNotContain(" rewritten:");
        for (int i = 0; i < 6; i++) {
            assertThat(current(tasks.get(i), annotations.get(i))).as("record %d", i).isTrue();
        }
        Eventually.await(SLOW, "the report of 6 files", () -> s3.getString(bucket, OUTPUT_PREFIX
                + "reports/accuracy.json").map(text -> text.contains("\"files\" : 6")).orElse(false));
        assertThat(s3.getString(bucket, OUTPUT_PREFIX + "vocabulary/en-US.txt"))
                .contains("Phrase\tSoundsLike\tIPA\tDisplayAs\nKubernetes\t\t\tKubernetes\n");
        assertThat(failureRecords()).isEmpty();
        assertThat(a.log() + b.log() + again.log()).doesNotContain("replicas-webhook-secret-0123456789");
    }
}
