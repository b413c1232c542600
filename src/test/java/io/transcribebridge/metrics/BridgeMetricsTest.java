package io.transcribebridge.metrics;

import java.net.ConnectException;
import java.util.Set;

import io.transcribebridge.labelstudio.ImportBatcher;
import io.transcribebridge.testing.RouteFiles;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeMetricsTest {

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://ls/api/projects/1/import", status, "x", null, null, "{}");
    }

    @Test
    void importErrorsByStatusClass() {
        assertThat(BridgeMetrics.statusClass(http(503))).isEqualTo("5xx");
        assertThat(BridgeMetrics.statusClass(http(500))).isEqualTo("5xx");
        assertThat(BridgeMetrics.statusClass(http(400))).isEqualTo("4xx");
        assertThat(BridgeMetrics.statusClass(http(401))).isEqualTo("4xx");
        assertThat(BridgeMetrics.statusClass(http(429))).isEqualTo("4xx");
        assertThat(BridgeMetrics.statusClass(new ImportBatcher.BatchRejectedException(2, http(400)))).isEqualTo("4xx");
        assertThat(BridgeMetrics.statusClass(new ConnectException("Connection refused"))).isEqualTo("none");
    }

    /** A stage the retry counter does not know would be counted as "other". */
    @Test
    void everyStageTheRoutesSetHasItsRetryLabel() {
        Set<String> stages = RouteFiles.propertyConstants("stage");
        assertThat(stages).isNotEmpty();
        assertThat(BridgeMetrics.STAGES).containsExactlyInAnyOrderElementsOf(stages);
    }
}
