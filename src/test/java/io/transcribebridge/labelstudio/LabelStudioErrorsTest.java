package io.transcribebridge.labelstudio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelStudioErrorsTest {

    @Test
    void readsTheErrorEnvelope() {
        String body = """
                {"id":"5b1c","status_code":400,"version":"1.20.0","detail":"Validation error",
                 "validation_errors":{"non_field_errors":["Error at item 0: \\"audio\\" key is expected in task data"]},
                 "exc_info":null}""";
        assertThat(LabelStudioErrors.describe(400, body, ApiKeyKind.LEGACY_TOKEN))
                .startsWith("Label Studio rejected the import (HTTP 400: Validation error: ")
                .contains("\\\"audio\\\" key is expected in task data");
    }

    @Test
    void namesTheCauseOfA401() {
        assertThat(LabelStudioErrors.describe(401, "{\"detail\":\"Invalid token.\"}", ApiKeyKind.LEGACY_TOKEN))
                .contains("legacy token is wrong");
        assertThat(LabelStudioErrors.describe(401, "{\"detail\":\"Authentication token no longer valid: legacy token "
                                                   + "authentication has been disabled for this organization\"}",
                ApiKeyKind.LEGACY_TOKEN))
                .contains("legacy tokens are disabled in this organization");
        assertThat(LabelStudioErrors.describe(401, "{\"detail\":\"Authentication credentials were not provided.\"}",
                ApiKeyKind.PERSONAL_ACCESS_TOKEN))
                .contains("Personal Access Token");
    }

    @Test
    void a404PointsAtTheProjectId() {
        assertThat(LabelStudioErrors.describe(404, "{\"detail\":\"Not found.\"}", ApiKeyKind.LEGACY_TOKEN))
                .contains("LABEL_STUDIO_PROJECT_ID");
    }

    @Test
    void htmlPagesAreFlattened() {
        assertThat(LabelStudioErrors.detail("<html><body><h1>502 Bad Gateway</h1></body></html>"))
                .isEqualTo("502 Bad Gateway");
        assertThat(LabelStudioErrors.detail("")).isEqualTo("no response body");
        assertThat(LabelStudioErrors.detail("x".repeat(5000))).hasSize(1003);
    }
}
