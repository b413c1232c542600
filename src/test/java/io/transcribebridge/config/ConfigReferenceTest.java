package io.transcribebridge.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration reference is complete and true: every key of config/application.properties has a row
 * with its environment variable (Camel's rule: upper case, '.' and '-' as '_') and, where the file gives a literal
 * default, that default.
 */
class ConfigReferenceTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** Reference rows: property name to its cells (environment variable, property, default, meaning). */
    static Map<String, List<String>> referenceRows(String readme) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : readme.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
                cells.add(cell.trim());
            }
            if (cells.size() < 4) {
                continue;
            }
            Matcher property = CODE.matcher(cells.get(1));
            while (property.find()) {
                rows.put(property.group(1), cells);
            }
        }
        return rows;
    }

    static Map<String, String> shippedProperties() throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            properties.put(trimmed.substring(0, equals).trim(), trimmed.substring(equals + 1).trim());
        }
        return properties;
    }

    static List<String> problems(String readme, Map<String, String> properties) {
        Map<String, List<String>> rows = referenceRows(readme);
        List<String> problems = new ArrayList<>();
        properties.forEach((property, value) -> {
            List<String> row = rows.get(property);
            if (row == null) {
                problems.add(property + ": no row in the README's configuration reference");
                return;
            }
            String variable = BridgeSettings.environmentName(property);
            if (!row.get(0).contains("`" + variable + "`")) {
                problems.add(property + ": row names " + row.get(0) + ", not " + variable);
            }
            boolean literal = !value.isEmpty() && !value.contains("{{");
            if (literal && !row.get(2).contains("`" + value + "`")) {
                problems.add(property + ": default in the file is " + value + ", the README says " + row.get(2));
            }
        });
        return problems;
    }

    @Test
    void everyShippedPropertyHasAReferenceRowWithItsVariableAndDefault() throws IOException {
        assertThat(problems(Files.readString(Path.of("README.md")), shippedProperties())).isEmpty();
    }

    @Test
    void missingRowsWrongVariablesAndStaleDefaultsAreReported() {
        String readme = """
                | `SOURCE_PREFIX` | `source.prefix` | `x/` | Only keys under this prefix. |
                | `S3_POLL_MS` | `s3.poll-interval-ms` | `10000` | Listing interval. |
                """;
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("source.prefix", "y/");
        properties.put("s3.poll-interval-ms", "10000");
        properties.put("output.bucket", "{{source.bucket}}");

        assertThat(problems(readme, properties)).containsExactly(
                "source.prefix: default in the file is y/, the README says `x/`",
                "s3.poll-interval-ms: row names `S3_POLL_MS`, not S3_POLL_INTERVAL_MS",
                "output.bucket: no row in the README's configuration reference");
    }
}
