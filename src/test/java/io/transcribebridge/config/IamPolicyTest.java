package io.transcribebridge.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** config/iam-policy.json grants exactly the Transcribe operations the routes call, and nothing that deletes audio. */
class IamPolicyTest {

    private static final Pattern TRANSCRIBE_OPERATION = Pattern.compile(
            "uri: aws2-transcribe:[^\\n]*\\n(?:[^\\n]*\\n){0,3}?\\s*operation: (\\w+)");

    private static Set<String> actions() throws IOException {
        JsonNode policy = new ObjectMapper().readTree(Path.of("config/iam-policy.json").toFile());
        Set<String> actions = new HashSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }
        return actions;
    }

    private static Set<String> transcribeOperationsInRoutes() throws IOException {
        Set<String> operations = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Matcher matcher = TRANSCRIBE_OPERATION.matcher(Files.readString(file));
                while (matcher.find()) {
                    String operation = matcher.group(1);
                    operations.add("transcribe:" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
                }
            }
        }
        return operations;
    }

    @Test
    void grantsTheTranscribeOperationsTheRoutesUseAndNoOthers() throws IOException {
        Set<String> used = transcribeOperationsInRoutes();
        Set<String> granted = new HashSet<>(actions());
        granted.removeIf(action -> !action.startsWith("transcribe:"));

        assertThat(used).contains("transcribe:StartTranscriptionJob", "transcribe:GetTranscriptionJob");
        assertThat(granted).isEqualTo(used);
    }

    @Test
    void neverAllowsDeletingOrOverwritingUsersAudio() throws IOException {
        assertThat(actions()).noneMatch(action -> action.startsWith("s3:Delete") || action.equals("s3:*"))
                .contains("s3:ListBucket", "s3:GetObject", "s3:PutObject");
        String policy = Files.readString(Path.of("config/iam-policy.json"));
        assertThat(policy).as("writes only under the output prefix")
                .contains("\"arn:aws:s3:::OUTPUT_BUCKET/transcribe-bridge/*\"");
    }
}
