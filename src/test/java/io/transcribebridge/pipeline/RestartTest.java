package io.transcribebridge.pipeline;


import io.transcribebridge.testing.BridgeTestSupport;
import io.transcribebridge.testing.Eventually;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each test method boots a new service (a fresh CamelContext) on the same STATE_DIR, bucket and Label Studio: a
 * restart. Finished object versions must not be started or imported again; a new version of a key must be.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartTest extends BridgeTestSupport {

    private static final String KEY = "restart/meeting.m4a";

    private long tasksFor(String key) {
        return labelStudio.tasks(project).stream()
                .filter(t -> t.data().path("source_uri").asText().equals(uri(key))).count();
    }

    private void awaitTwoListingPasses() {
        awaitListingPasses(2);
    }

    @Test
    @Order(1)
    void firstRunImportsTheObject() {
        s3.put(BUCKET, KEY, "First version of the meeting.");
        Eventually.await(SLOW, "imported", () -> tasksFor(KEY) == 1);
    }

    @Test
    @Order(2)
    void afterARestartFinishedObjectsAreLeftAlone() {
        int starts = transcribe.calls("StartTranscriptionJob");
        awaitTwoListingPasses();
        assertThat(transcribe.calls("StartTranscriptionJob")).isEqualTo(starts);
        assertThat(tasksFor(KEY)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aNewVersionOfTheSameKeyIsNewWork() {
        s3.put(BUCKET, KEY, "Second version of the meeting, re-uploaded.");
        Eventually.await(SLOW, "second version imported", () -> tasksFor(KEY) == 2);
        assertThat(labelStudio.tasks(project)).extracting(t -> t.data().path("transcribe_job").asText())
                .doesNotHaveDuplicates();
    }
}
