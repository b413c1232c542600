package io.transcribebridge.labelstudio;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelStudioUrlsTest {

    @Test
    void importUriHasNoTrailingSlashWhateverTheBaseUrlLooksLike() {
        assertThat(LabelStudioUrls.importUri(URI.create("http://ls:8080"), 3))
                .hasToString("http://ls:8080/api/projects/3/import?return_task_ids=true");
        assertThat(LabelStudioUrls.importUri(URI.create("https://ls.example.com/label-studio//"), 3))
                .hasToString("https://ls.example.com/label-studio/api/projects/3/import?return_task_ids=true");
    }
}
