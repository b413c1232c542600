package io.transcribebridge.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * config/aws/s3-events.sh, run with a stand-in {@code aws} on the PATH that answers with a bucket's existing
 * notification configuration and queue policy and records what the script writes: put-bucket-notification-configuration
 * replaces the whole configuration, so whatever the bucket had must be written back beside the script's own part.
 * (Against moto_server the script was also seen to deliver S3 events to the queue; not part of the build.)
 */
class S3EventsScriptTest {

    private static final Path SCRIPT = Path.of("config/aws/s3-events.sh");
    private static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/111122223333/transcribe-bridge-source-events";
    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:111122223333:transcribe-bridge-source-events";
    private static final String LAMBDA = "{\"Id\":\"thumbnails\",\"LambdaFunctionArn\":\"arn:aws:lambda:us-east-1:111122223333:function:thumbs\","
                                         + "\"Events\":[\"s3:ObjectRemoved:*\"],\"Filter\":{\"Key\":{\"FilterRules\":[{\"Name\":\"suffix\",\"Value\":\".jpg\"}]}}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path bin;
    private Path calls;

    @BeforeEach
    void standInAws() throws IOException {
        assumeThat(onPath("jq")).as("jq (the script needs it; .ci/run installs it)").isTrue();
        calls = bin.resolve("calls");
        Path aws = bin.resolve("aws");
        // one line per call: the arguments, tab-separated; answers from the files the test wrote
        Files.writeString(aws, """
                #!/bin/bash
                (IFS=$'\\t'; echo "$*") >> "$CALLS"
                case "$1 $2" in
                  "s3api get-bucket-notification-configuration") cat "$STATE/notifications" ;;
                  "sqs get-queue-attributes")
                    case "$*" in
                      *QueueArn*) echo "$QUEUE_ARN" ;;
                      *Policy*) cat "$STATE/policy" ;;
                    esac ;;
                  "sts get-caller-identity") echo 111122223333 ;;
                esac
                """);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(bin.resolve("notifications"), "");
        Files.writeString(bin.resolve("policy"), "None\n");
    }

    @Test
    void eventbridgeKeepsTheBucketsOtherNotifications() throws Exception {
        Files.writeString(bin.resolve("notifications"), "{\"LambdaFunctionConfigurations\": [" + LAMBDA + "]}");

        assertThat(run("eventbridge", "audio")).isZero();

        JsonNode written = JSON.readTree(argumentAfter(call("s3api", "put-bucket-notification-configuration"),
                "--notification-configuration"));
        assertThat(written.path("LambdaFunctionConfigurations")).isEqualTo(JSON.readTree("[" + LAMBDA + "]"));
        assertThat(written.path("EventBridgeConfiguration")).isEqualTo(JSON.createObjectNode());
        assertThat(argumentAfter(call("s3api", "put-bucket-notification-configuration"), "--bucket")).isEqualTo("audio");
    }

    @Test
    void eventbridgeWritesNothingWhenItIsOnAlready() throws Exception {
        Files.writeString(bin.resolve("notifications"), "{\"EventBridgeConfiguration\": {}}");

        assertThat(run("eventbridge", "audio")).isZero();

        assertThat(calls()).noneMatch(call -> call.contains("put-bucket-notification-configuration"));
    }

    @Test
    void directLetsOnlyTheBucketSendAndKeepsEverythingElse() throws Exception {
        Files.writeString(bin.resolve("notifications"), "{\"LambdaFunctionConfigurations\": [" + LAMBDA + "]}");
        Files.writeString(bin.resolve("policy"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ObjectCreatedRule\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sqs:SendMessage\"}]}\n");

        assertThat(run("direct", "audio", QUEUE_URL, "calls/")).isZero();

        List<String> calls = calls();
        int setPolicy = indexOf(calls, "set-queue-attributes");
        int putNotifications = indexOf(calls, "put-bucket-notification-configuration");
        assertThat(setPolicy).as("the queue policy first: S3 checks it may send when the notification is written")
                .isNotNegative().isLessThan(putNotifications);

        JsonNode policy = JSON.readTree(JSON.readTree(argumentAfter(calls.get(setPolicy), "--attributes")).path("Policy").asText());
        assertThat(policy.path("Statement")).hasSize(2);
        assertThat(policy.path("Statement").get(0).path("Sid").asText()).isEqualTo("ObjectCreatedRule");
        assertThat(policy.path("Statement").get(1)).isEqualTo(JSON.readTree("""
                {"Sid": "transcribe-bridge-s3-notifications-audio", "Effect": "Allow",
                 "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "%s",
                 "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::audio"},
                               "StringEquals": {"aws:SourceAccount": "111122223333"}}}""".formatted(QUEUE_ARN)));

        JsonNode written = JSON.readTree(argumentAfter(calls.get(putNotifications), "--notification-configuration"));
        assertThat(written.path("LambdaFunctionConfigurations")).isEqualTo(JSON.readTree("[" + LAMBDA + "]"));
        assertThat(written.path("QueueConfigurations")).isEqualTo(JSON.readTree("""
                [{"Id": "transcribe-bridge-source-events", "QueueArn": "%s", "Events": ["s3:ObjectCreated:*"],
                  "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "calls/"}]}}}]""".formatted(QUEUE_ARN)));
    }

    @Test
    void directRunAgainReplacesItsOwnPartInsteadOfAddingASecond() throws Exception {
        Files.writeString(bin.resolve("notifications"), "{\"QueueConfigurations\": [{\"Id\": \"transcribe-bridge-source-events\", "
                + "\"QueueArn\": \"" + QUEUE_ARN + "\", \"Events\": [\"s3:ObjectCreated:*\"]}]}");
        Files.writeString(bin.resolve("policy"), "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":"
                + "\"transcribe-bridge-s3-notifications-audio\",\"Effect\":\"Allow\"}}\n");

        assertThat(run("direct", "audio", QUEUE_URL)).isZero();

        List<String> calls = calls();
        JsonNode policy = JSON.readTree(JSON.readTree(argumentAfter(calls.get(indexOf(calls, "set-queue-attributes")),
                "--attributes")).path("Policy").asText());
        assertThat(policy.path("Statement")).hasSize(1);
        assertThat(policy.path("Statement").get(0).path("Principal").path("Service").asText()).isEqualTo("s3.amazonaws.com");
        JsonNode written = JSON.readTree(argumentAfter(calls.get(indexOf(calls, "put-bucket-notification-configuration")),
                "--notification-configuration"));
        assertThat(written.path("QueueConfigurations")).hasSize(1);
        assertThat(written.path("QueueConfigurations").get(0).has("Filter")).as("no PREFIX, no filter").isFalse();
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        assertThat(run("--dry-run", "direct", "audio", QUEUE_URL, "calls/")).isZero();
        assertThat(run("--dry-run", "eventbridge", "audio")).isZero();

        assertThat(calls()).noneMatch(call -> call.contains("put-bucket-notification-configuration")
                                              || call.contains("set-queue-attributes"));
    }

    @Test
    void helpAndWrongArguments() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(run()).isEqualTo(2);
        assertThat(run("direct", "audio")).isEqualTo(2);
        assertThat(run("eventbridge")).isEqualTo(2);
        assertThat(Files.exists(calls)).as("no AWS call on wrong arguments").isFalse();
    }

    @Test
    void isValidBashAndExecutableInGit() throws Exception {
        assertThat(exec(List.of("bash", "-n", SCRIPT.toString()))).isZero();
        assertThat(Files.isExecutable(SCRIPT)).isTrue();
        Process ls = new ProcessBuilder("git", "ls-files", "-s", SCRIPT.toString()).redirectErrorStream(true).start();
        String entry = new String(ls.getInputStream().readAllBytes()).trim();
        ls.waitFor();
        if (!entry.isEmpty()) { // committed: git must record it as executable, or a checkout loses the bit
            assertThat(entry).startsWith("100755 ");
        }
    }

    private int run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        return exec(command);
    }

    private int exec(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("CALLS", calls.toString());
        builder.environment().put("STATE", bin.toString());
        builder.environment().put("QUEUE_ARN", QUEUE_ARN);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private String call(String service, String operation) throws IOException {
        return calls().stream().filter(c -> c.startsWith(service + "\t" + operation + "\t")).findFirst()
                .orElseThrow(() -> new AssertionError("no call of " + service + " " + operation));
    }

    private static int indexOf(List<String> calls, String operation) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).contains("\t" + operation + "\t")) {
                return i;
            }
        }
        return -1;
    }

    private static String argumentAfter(String call, String option) {
        List<String> arguments = List.of(call.split("\t"));
        return arguments.get(arguments.indexOf(option) + 1);
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
