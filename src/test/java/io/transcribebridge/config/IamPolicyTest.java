package io.transcribebridge.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * config/iam-policy.json grants exactly the Transcribe operations the routes call, and deletes nothing but the
 * service's own claims: never audio, transcripts, completion markers or failure records.
 */
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

    /**
     * The SQS actions the event routes make Camel's aws2-sqs call: a consumer receives; {@code deleteAfterRead} or
     * the {@code deleteMessage} operation deletes; visibility extension (and handing a job event back, in
     * JobStateEvents) changes visibility. Given the queue URL, Camel calls nothing else.
     */
    static Set<String> sqsActionsOfRoutes(String routes) {
        Set<String> used = new HashSet<>();
        if (routes.contains("uri: \"aws2-sqs:")) {
            used.add("sqs:ReceiveMessage");
        }
        if (routes.contains("deleteAfterRead: true") || routes.contains("operation: deleteMessage")) {
            used.add("sqs:DeleteMessage");
        }
        if (routes.contains("extendMessageVisibility: true")) {
            used.add("sqs:ChangeMessageVisibility");
        }
        if (routes.contains("queueUrl:") && routes.contains("autoCreateQueue: true")) {
            used.add("sqs:CreateQueue");
        }
        return used;
    }

    @Test
    void grantsTheSqsActionsTheEventRoutesUseAndNoOthers() throws IOException {
        Set<String> used = sqsActionsOfRoutes(Files.readString(Path.of("routes/events.camel.yaml")));
        Set<String> granted = new HashSet<>(actions());
        granted.removeIf(action -> !action.startsWith("sqs:"));

        assertThat(used).containsExactlyInAnyOrder("sqs:ReceiveMessage", "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility");
        assertThat(granted).isEqualTo(used);
        assertThat(sqsActionsOfRoutes(Files.readString(Path.of("routes/events.camel.yaml"))
                .replace("autoCreateQueue: false", "autoCreateQueue: true")))
                .as("a broken copy that creates its queue").contains("sqs:CreateQueue");
    }

    @Test
    void writesOnlyUnderTheOutputPrefix() throws IOException {
        assertThat(actions()).contains("s3:ListBucket", "s3:GetObject", "s3:PutObject");
        String policy = Files.readString(Path.of("config/iam-policy.json"));
        assertThat(policy).as("writes only under the output prefix")
                .contains("\"arn:aws:s3:::OUTPUT_BUCKET/transcribe-bridge/*\"");
    }

    @Test
    void deletesOnlyTheServicesOwnClaimsNeverAudio() throws IOException {
        assertThat(deletionProblems(Files.readString(Path.of("config/iam-policy.json")))).isEmpty();
    }

    static Stream<Arguments> deletionMistakes() {
        return Stream.of(
                Arguments.of("\"arn:aws:s3:::OUTPUT_BUCKET/transcribe-bridge/claims/*\"",
                        "\"arn:aws:s3:::OUTPUT_BUCKET/transcribe-bridge/*\"",
                        "ReleaseClaims allows deleting arn:aws:s3:::OUTPUT_BUCKET/transcribe-bridge/*"),
                Arguments.of("\"Action\": \"s3:GetObject\",", "\"Action\": [\"s3:GetObject\", \"s3:DeleteObject\"],",
                        "ReadSourceAudioForTranscribe allows deleting arn:aws:s3:::SOURCE_BUCKET/SOURCE_PREFIX*"),
                Arguments.of("OUTPUT_BUCKET/transcribe-bridge/reviewed/*\"", "SOURCE_BUCKET/*\"",
                        "ReviewDeliverables allows deleting arn:aws:s3:::SOURCE_BUCKET/*"),
                Arguments.of("\"Action\": \"s3:DeleteObject\"", "\"Action\": [\"s3:DeleteObject\", \"s3:DeleteObjectVersion\"]",
                        "ReleaseClaims allows s3:DeleteObjectVersion"),
                Arguments.of("\"Action\": \"s3:DeleteObject\"", "\"Action\": \"s3:Delete*\"", "wildcard action s3:Delete*"),
                Arguments.of("\"Action\": [\"s3:GetObject\", \"s3:PutObject\"]", "\"Action\": \"s3:*\"", "wildcard action s3:*"),
                Arguments.of("\"Action\": \"s3:ListBucket\",", "\"NotAction\": \"s3:ListBucket\",",
                        "ListSourceAndOutput uses NotAction"),
                Arguments.of("\"Action\": \"s3:DeleteObject\"", "\"Action\": \"s3:GetObject\"",
                        "nothing allows s3:DeleteObject on arn:aws:s3:::OUTPUT_BUCKET/transcribe-bridge/claims/*"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("deletionMistakes")
    void eachDeletionCheckCatchesItsMistake(String shipped, String broken, String expectedProblem) throws IOException {
        String policy = Files.readString(Path.of("config/iam-policy.json"));
        assertThat(policy).as("the shipped policy has the text the test breaks").contains(shipped);
        assertThat(deletionProblems(policy.replace(shipped, broken))).anyMatch(p -> p.contains(expectedProblem));
    }

    /**
     * What the policy lets the service delete: s3:DeleteObject of its claims ({OUTPUT_PREFIX}claims/, released once an
     * object is finished) and of the review loop's own objects (reviewed/ deliverables of a deleted review,
     * review-inbox/ events settled, review-index/ entries of deleted annotations), and nothing else: no other delete
     * action, no other key, no wildcard action that could hide one, no NotAction/NotResource.
     */
    static List<String> deletionProblems(String policyText) throws IOException {
        String output = "arn:aws:s3:::OUTPUT_BUCKET/" + ConfigReferenceTest.shippedProperties().get("output.prefix");
        String claims = output + "claims/*";
        List<String> deletable = List.of(claims, output + "reviewed/*", output + "review-inbox/*",
                output + "review-index/*");
        List<String> problems = new ArrayList<>();
        java.util.Set<String> granted = new java.util.HashSet<>();
        for (JsonNode statement : new ObjectMapper().readTree(policyText).path("Statement")) {
            String sid = statement.path("Sid").asText("(no Sid)");
            for (String negation : List.of("NotAction", "NotResource")) {
                if (statement.has(negation)) {
                    problems.add(sid + " uses " + negation + ", which can grant deletes it does not name");
                }
            }
            List<String> deletes = new ArrayList<>();
            for (String action : strings(statement.path("Action"))) {
                if (action.contains("*")) {
                    problems.add(sid + " has the wildcard action " + action + "; name the actions");
                } else if (action.toLowerCase(Locale.ROOT).startsWith("s3:delete")) {
                    deletes.add(action);
                }
            }
            if (deletes.isEmpty()) {
                continue;
            }
            deletes.stream().filter(action -> !action.equals("s3:DeleteObject"))
                    .forEach(action -> problems.add(sid + " allows " + action + "; only s3:DeleteObject of claims"));
            for (String resource : strings(statement.path("Resource"))) {
                if (deletable.contains(resource)) {
                    if (deletes.contains("s3:DeleteObject")) {
                        granted.add(resource);
                    }
                } else {
                    problems.add(sid + " allows deleting " + resource + "; deletes are for " + deletable + " only");
                }
            }
        }
        for (String resource : deletable) {
            if (!granted.contains(resource)) {
                problems.add("nothing allows s3:DeleteObject on " + resource + (resource.equals(claims)
                        ? " (claims are released by deleting them)" : " (the review loop removes its own objects)"));
            }
        }
        return problems;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
