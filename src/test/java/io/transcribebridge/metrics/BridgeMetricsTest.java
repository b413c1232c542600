package io.transcribebridge.metrics;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.transcribebridge.labelstudio.ImportBatcher;
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
    void everyStageTheRoutesSetHasItsRetryLabel() throws IOException {
        Pattern stage = Pattern.compile("name: stage\\s+constant: ([\\w-]+)");
        Set<String> stages = new HashSet<>();
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Matcher m = stage.matcher(Files.readString(file));
                while (m.find()) {
                    stages.add(m.group(1));
                }
            }
        }
        assertThat(stages).isNotEmpty();
        assertThat(BridgeMetrics.STAGES).containsExactlyInAnyOrderElementsOf(stages);
    }
}
