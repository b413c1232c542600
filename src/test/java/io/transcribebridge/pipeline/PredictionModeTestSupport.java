package io.transcribebridge.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.labelstudio.Task;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end per output mode: a project with one of the shipped label configs (config/labelstudio/), Label Studio's
 * strict prediction validation on, the real routes choosing the output shape from the project at start-up.
 */
abstract class PredictionModeTestSupport extends BridgeTestSupport {

    private int modeProject;

    /** The shipped label config the project uses. */
    protected abstract String shippedConfig();

    /** Settings on top of the defaults (Transcribe features, speaker mapping). */
    protected void settings(Properties p) {
    }

    @Override
    protected Properties properties() {
        if (modeProject == 0) {
            try {
                modeProject = labelStudio.createProject(getClass().getSimpleName(),
                        Files.readString(Path.of("config/labelstudio", shippedConfig())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            labelStudio.strictPredictionValidation(true);
        }
        Properties p = super.properties();
        p.setProperty("label-studio.project-id", Integer.toString(modeProject));
        settings(p);
        return p;
    }

    protected JsonNode importedPrediction(String key, String speech) {
        s3.put(BUCKET, key, speech);
        Eventually.await(SLOW, "a task for " + key, () -> task(key) != null);
        Task task = task(key);
        assertThat(task.predictions()).hasSize(1);
        return task.predictions().get(0);
    }

    protected Task task(String key) {
        return labelStudio.tasks(modeProject).stream()
                .filter(t -> uri(key).equals(t.data().path("source_uri").asText()))
                .findFirst().orElse(null);
    }

    /** Region id → [labels value, textarea value], checking the pairs share ids and times. */
    protected static List<JsonNode[]> regions(JsonNode prediction) {
        List<JsonNode[]> regions = new ArrayList<>();
        JsonNode result = prediction.path("result");
        for (JsonNode labels : result) {
            if (!"labels".equals(labels.path("type").asText())) {
                continue;
            }
            JsonNode text = null;
            for (JsonNode candidate : result) {
                if ("textarea".equals(candidate.path("type").asText())
                    && candidate.path("id").equals(labels.path("id"))) {
                    text = candidate;
                }
            }
            assertThat(text).as("textarea result sharing id %s", labels.path("id")).isNotNull();
            assertThat(text.path("value").path("start")).isEqualTo(labels.path("value").path("start"));
            assertThat(text.path("value").path("end")).isEqualTo(labels.path("value").path("end"));
            regions.add(new JsonNode[] { labels.path("value"), text.path("value") });
        }
        return regions;
    }

    protected static List<String> labelsOf(List<JsonNode[]> regions) {
        return regions.stream().map(r -> r[0].path("labels").get(0).asText()).toList();
    }

    protected static String joinedText(List<JsonNode[]> regions) {
        return String.join(" ", regions.stream().map(r -> r[1].path("text").get(0).asText()).toList());
    }
}
