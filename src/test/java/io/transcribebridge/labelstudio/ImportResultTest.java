package io.transcribebridge.labelstudio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportResultTest {

    @Test
    void communityEditionAnswerWithTaskIds() {
        ImportResult result = ImportResult.parse("""
                {"task_count":1,"annotation_count":0,"prediction_count":1,"duration":0.02,"file_upload_ids":[],
                 "could_be_tasks_list":false,"found_formats":[],"data_columns":[],"task_ids":[101]}""");
        assertThat(result.taskIds()).containsExactly(101L);
        assertThat(result).hasToString("task 101");
    }

    @Test
    void enterpriseQueuedImport() {
        ImportResult result = ImportResult.parse("{\"import\": 55}");
        assertThat(result.importId()).isEqualTo(55L);
        assertThat(result).hasToString("queued import 55");
    }

    @Test
    void answerWithoutIds() {
        assertThat(ImportResult.parse("{\"task_count\":2}")).hasToString("2 task(s)");
    }
}
