package io.transcribebridge.pipeline;

import java.io.IOException;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.ManagementEndpoints;
import io.transcribebridge.testing.labelstudio.EditorResults;
import io.transcribebridge.testing.labelstudio.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three reviewed files, end to end: the accuracy report (micro WER, median, Spearman of score and WER, quintiles)
 * with hand-computed values, the vocabulary proposal, its application through the aws2-transcribe component, the
 * WER metric, and a deleted review dropping out of the report.
 */
class ReviewReportTest extends BridgeTestSupport {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int webhookPort = freePort();

    @Override
    protected Properties properties() {
        Properties p = super.properties();
        enableReview(p, webhookPort, "report-secret-0123456789");
        p.setProperty("review.vocabulary-name", "reviewed-terms");
        p.setProperty("review.vocabulary-apply", "true");
        return p;
    }

    private Task reviewed(String key, String speech, String review) {
        s3.put(BUCKET, key, speech);
        Eventually.await(SLOW, "a task for " + key, () -> task(key) != null);
        Eventually.await(SLOW, "the webhook registered", () -> labelStudio.webhooks(project).size() == 1);
        Task task = task(key);
        labelStudio.submitAnnotation(task.id(), EditorResults.wholeFile(review));
        String job = task.data().path("transcribe_job").asText();
        Eventually.await(SLOW, "the record of " + key, () -> s3.getString(BUCKET,
                OUTPUT_PREFIX + "reviewed/" + job + ".json").isPresent());
        return task;
    }

    private Task task(String key) {
        return labelStudio.tasks(project).stream()
                .filter(t -> uri(key).equals(t.data().path("source_uri").asText())).findFirst().orElse(null);
    }

    private static JsonNode report() {
        try {
            return MAPPER.readTree(s3.getString(BUCKET, OUTPUT_PREFIX + "reports/accuracy.json").orElse("{}"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theReportAndTheVocabularyFollowTheReviews() throws Exception {
        Task a = reviewed("report/a.wav", "We deploy on cooper|0.40 today.", "We deploy on Kubernetes today.");
        Task b = reviewed("report/b.wav", "The cooper|0.30 cluster is down|0.50 again.",
                "The Kubernetes cluster is up again.");
        Task c = reviewed("report/c.wav", "All good here.", "All good here.");
        double scoreA = a.predictions().get(0).path("score").asDouble();
        double scoreB = b.predictions().get(0).path("score").asDouble();
        double scoreC = c.predictions().get(0).path("score").asDouble();
        assertThat(scoreB).isLessThan(scoreA).isLessThan(scoreC);

        Eventually.await(SLOW, "a report of the three files",
                () -> report().path("byModelVersion").path("amazon-transcribe").path("files").asInt() == 3);
        JsonNode report = report();
        assertThat(report.path("generatedAt").asText()).isNotEmpty();
        // by hand: a 1 of 5 words wrong (0.2), b 2 of 6 (0.3333), c 0 of 3; micro 3/14; median 0.2. The lower the
        // score, the higher the WER: Spearman -1. Quintiles (3 files: 3 groups), lowest score first: b, a, c.
        for (JsonNode group : new JsonNode[] {report.path("byModelVersion").path("amazon-transcribe"),
                                              report.path("byLanguage").path("en-US")}) {
            assertThat(group.path("files").asInt()).isEqualTo(3);
            assertThat(group.path("referenceWords").asInt()).isEqualTo(14);
            assertThat(group.path("errors").asInt()).isEqualTo(3);
            assertThat(group.path("wer").asDouble()).isEqualTo(0.2143);
            assertThat(group.path("medianFileWer").asDouble()).isEqualTo(0.2);
            assertThat(group.path("scoreWerSpearman").asDouble()).isEqualTo(-1.0);
            JsonNode quintiles = group.path("werByScoreQuintile");
            assertThat(quintiles).hasSize(3);
            assertThat(quintiles.get(0).path("wer").asDouble()).isEqualTo(0.3333);
            assertThat(quintiles.get(1).path("wer").asDouble()).isEqualTo(0.2);
            assertThat(quintiles.get(2).path("wer").asDouble()).isEqualTo(0.0);
            assertThat(quintiles.get(0).path("minScore").asDouble()).isEqualTo(scoreB);
        }
        assertThat(report.path("byLabel").isEmpty()).isTrue();

        // cooper -> Kubernetes in two files: proposed; down -> up in one file only: not
        Eventually.await(SLOW, "the proposal", () -> s3.getString(BUCKET, OUTPUT_PREFIX + "vocabulary/en-US.txt")
                .isPresent());
        assertThat(s3.getString(BUCKET, OUTPUT_PREFIX + "vocabulary/en-US.txt").orElseThrow())
                .isEqualTo("Phrase\tSoundsLike\tIPA\tDisplayAs\nKubernetes\t\t\tKubernetes\n");
        JsonNode evidence = MAPPER.readTree(s3.getString(BUCKET, OUTPUT_PREFIX + "vocabulary/en-US.json")
                .orElseThrow());
        assertThat(evidence.path("entries")).hasSize(1);
        assertThat(evidence.path("entries").get(0).path("count").asInt()).isEqualTo(2);
        assertThat(evidence.path("entries").get(0).path("files").asInt()).isEqualTo(2);
        Eventually.await(SLOW, "the vocabulary created in Transcribe",
                () -> transcribe.vocabularyState("reviewed-terms").isPresent());

        ManagementEndpoints.Metrics metrics = new ManagementEndpoints(managementPort).scrape();
        assertThat(metrics.value("transcribe_bridge_review_wer_count", "model_version=\"amazon-transcribe\""))
                .isEqualTo(3.0);
        assertThat(metrics.value("transcribe_bridge_reviews_total", "outcome=\"written\"")).isEqualTo(3.0);
        assertThat(metrics.value("transcribe_bridge_review_webhooks_total", "outcome=\"accepted\"")).isEqualTo(3.0);

        // a deleted review drops out
        int annotation = labelStudio.annotations(c.id()).get(0).path("id").asInt();
        labelStudio.deleteAnnotation(annotation);
        Eventually.await(SLOW, "the report without c",
                () -> report().path("byModelVersion").path("amazon-transcribe").path("files").asInt() == 2);
        assertThat(report().path("byModelVersion").path("amazon-transcribe").path("wer").asDouble())
                .isEqualTo(0.2727);
    }
}
