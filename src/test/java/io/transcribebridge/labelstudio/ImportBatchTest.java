package io.transcribebridge.labelstudio;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportBatchTest {

    private static ImportBatch batch() {
        return new ImportBatch(List.of(
                new ImportBatch.Item("tb-a", "{\"data\":{\"transcribe_job\":\"tb-a\"}}", false),
                new ImportBatch.Item("tb-b", "{\"data\":{\"transcribe_job\":\"tb-b\"}}", true),
                new ImportBatch.Item("tb-c", "{\"data\":{\"transcribe_job\":\"tb-c\"}}", true)));
    }

    @Test
    void postsOnlyWhatTheLookUpDidNotFindAndMapsTheTaskIdsInOrder() {
        ImportBatch batch = batch();
        new LabelStudioTasks(new ObjectMapper(), 1).recordExisting(batch,
                "{\"total\":1,\"tasks\":[{\"id\":41,\"data\":{\"transcribe_job\":\"tb-c\"}}]}");

        assertThat(batch.mayExist()).containsExactly("tb-b", "tb-c");
        assertThat(batch.payload()).isEqualTo(
                "[{\"data\":{\"transcribe_job\":\"tb-a\"}},{\"data\":{\"transcribe_job\":\"tb-b\"}}]");
        ImportBatch.recordImport(batch, "{\"task_count\":2,\"task_ids\":[7,8]}");

        assertThat(batch.result("tb-a").taskIds()).containsExactly(7L);
        assertThat(batch.result("tb-b").taskIds()).containsExactly(8L);
        assertThat(batch.result("tb-c").taskIds()).containsExactly(41L);
        assertThat(batch.foundExisting("tb-c")).isTrue();
        assertThat(batch.foundExisting("tb-a")).isFalse();
    }

    @Test
    void aCountMismatchIsAnErrorNotAGuess() {
        ImportBatch batch = batch();
        assertThatThrownBy(() -> ImportBatch.recordImport(batch, "{\"task_count\":2,\"task_ids\":[7,8]}"))
                .hasMessageContaining("created 2 tasks for 3 posted");
    }

    @Test
    void allFoundMeansNothingToPost() {
        ImportBatch batch = new ImportBatch(List.of(new ImportBatch.Item("tb-x", "{}", true)));
        new LabelStudioTasks(new ObjectMapper(), 1).recordExisting(batch,
                "{\"tasks\":[{\"id\":5,\"data\":{\"transcribe_job\":\"tb-x\"}}]}");

        assertThat(batch.hasPayload()).isFalse();
        assertThat(batch.result("tb-x").taskIds()).containsExactly(5L);
    }
}
