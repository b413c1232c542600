package io.transcribebridge.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker does not run on the build machines, so the Dockerfile, docker-compose.yml and .env.example are checked here
 * for the mistakes that matter; each check is shown to catch its mistake on a broken copy of the shipped file.
 */
class ContainerFilesTest {

    private static final Path REPO = Path.of("");

    @Test
    void theShippedFilesHaveNoProblem() throws Exception {
        assertThat(ContainerFiles.of(REPO).problems()).isEmpty();
    }

    /** Label Studio refuses a webhook URL whose host has no dot: the compose service needs a dotted alias. */
    @Test
    void theExampleWebhookUrlReachesTheServiceByADottedAliasOfItsComposeNetwork() throws Exception {
        String compose = Files.readString(REPO.resolve("docker-compose.yml"));
        String env = Files.readString(REPO.resolve(".env.example"));
        java.util.regex.Matcher url = java.util.regex.Pattern
                .compile("(?m)^#?\\s*REVIEW_WEBHOOK_URL=(\\S+)$").matcher(env);
        assertThat(url.find()).as(".env.example shows REVIEW_WEBHOOK_URL").isTrue();
        String host = java.net.URI.create(url.group(1)).getHost();
        assertThat(host).contains(".");
        String service = compose.substring(compose.indexOf("\n  transcribe-bridge:\n"),
                compose.indexOf("\n  localstack:\n"));
        assertThat(service).contains("aliases:\n          - " + host + "\n");
        assertThat(io.transcribebridge.review.ReviewSettings.load(key -> java.util.Optional.ofNullable(
                java.util.Map.of("review.enabled", "true", "review.webhook-secret", "0123456789abcdef0123",
                        "review.webhook-url", url.group(1)).get(key))).webhookUrl()).isPresent();
    }

    @Test
    void theScriptsTheContainersRunAreExecutableInGit() throws Exception {
        for (String script : new String[] { "docker/healthcheck.sh", "docker/localstack/init-buckets.sh" }) {
            assertThat(Files.isExecutable(REPO.resolve(script))).as(script).isTrue();
            Process ls = new ProcessBuilder("git", "ls-files", "-s", script).redirectErrorStream(true).start();
            String entry = new String(ls.getInputStream().readAllBytes()).trim();
            ls.waitFor();
            if (!entry.isEmpty()) { // committed: git must record it as executable, or a checkout loses the bit
                assertThat(entry).as(script).startsWith("100755 ");
            }
        }
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // Dockerfile
                Arguments.of("Dockerfile", "COPY routes/ /app/routes/", "COPY route/ /app/routes/", "COPY route/: no such path"),
                Arguments.of("Dockerfile", "COPY config/ /app/config/", "COPY target/ /app/config/", "excluded from the build context by .dockerignore"),
                Arguments.of("Dockerfile", "/src/target/transcribe-bridge.jar /app/", "/src/target/transcribe-bridge-0.1.0-SNAPSHOT.jar /app/", "the build produces only"),
                Arguments.of("Dockerfile", "COPY --from=build /src/target/lib/", "COPY --from=builder /src/target/lib/", "no such build stage"),
                Arguments.of("Dockerfile", "USER 10001", "USER root", "numeric non-root"),
                Arguments.of("Dockerfile", "USER 10001", "USER 0", "numeric non-root"),
                Arguments.of("Dockerfile", "USER 10001", "USER 10002", "is not created"),
                Arguments.of("Dockerfile", "ENTRYPOINT [\"java\", \"-jar\", \"/app/transcribe-bridge.jar\"]", "ENTRYPOINT java -jar /app/transcribe-bridge.jar", "ENTRYPOINT is not in exec form"),
                Arguments.of("Dockerfile", "\"-jar\", \"/app/transcribe-bridge.jar\"]", "\"-jar\", \"/opt/transcribe-bridge.jar\"]", "does not run a jar the image copies"),
                Arguments.of("Dockerfile", "ENTRYPOINT [\"java\"", "ENTRYPOINT [\"javaw\"", "ENTRYPOINT runs javaw"),
                Arguments.of("Dockerfile", "EXPOSE 9876", "EXPOSE 8080", "EXPOSE 8080 9090 does not include management.port 9876"),
                Arguments.of("Dockerfile", "MANAGEMENT_PORT=9876", "MANAGEMENT_PORT=8081", "ENV MANAGEMENT_PORT=8081"),
                Arguments.of("Dockerfile", "CMD [\"/app/healthcheck.sh\"]", "CMD [\"curl\", \"-f\", \"http://127.0.0.1:9876/observe/health/live\"]", "HEALTHCHECK runs curl"),
                Arguments.of("Dockerfile", "CMD [\"/app/healthcheck.sh\"]", "CMD curl -f http://localhost:9876/", "HEALTHCHECK is not in exec form"),
                Arguments.of("Dockerfile", "COPY --chmod=755 docker/healthcheck.sh /app/healthcheck.sh", "COPY docker/healthcheck.sh /app/check.sh", "HEALTHCHECK runs /app/healthcheck.sh"),
                Arguments.of("Dockerfile", "HEALTHCHECK --interval", "# HEALTHCHECK --interval", "no HEALTHCHECK"),
                // docker-compose.yml
                Arguments.of("docker-compose.yml", "heartexlabs/label-studio:1.20.0", "heartexlabs/label-studio:latest", "label-studio: image heartexlabs/label-studio:latest is not pinned"),
                Arguments.of("docker-compose.yml", "localstack/localstack:4.4.0", "localstack/localstack", "localstack: image localstack/localstack is not pinned"),
                Arguments.of("docker-compose.yml", "./docker/localstack/init-buckets.sh:", "./docker/localstack/init.sh:", "bind-mount source ./docker/localstack/init.sh does not exist"),
                Arguments.of("docker-compose.yml", "stop_grace_period: 15s", "stop_grace_period: 5s", "must exceed camel.main.shutdown-timeout 8 s"),
                Arguments.of("docker-compose.yml", "\"127.0.0.1::${MANAGEMENT_PORT:-9876}\"", "\"127.0.0.1::8080\"", "management port ${MANAGEMENT_PORT:-9876} is not published"),
                // docker-compose.yml: scalable with --scale, nothing per replica to edit
                Arguments.of("docker-compose.yml", "    image: transcribe-bridge:local\n", "    image: transcribe-bridge:local\n    container_name: transcribe-bridge\n", "container_name transcribe-bridge allows one container"),
                Arguments.of("docker-compose.yml", "\"127.0.0.1::${MANAGEMENT_PORT:-9876}\"", "\"127.0.0.1:${MANAGEMENT_PORT:-9876}:${MANAGEMENT_PORT:-9876}\"", "127.0.0.1:${MANAGEMENT_PORT:-9876}:${MANAGEMENT_PORT:-9876} fixes the host port"),
                Arguments.of("docker-compose.yml", "\"127.0.0.1::${MANAGEMENT_PORT:-9876}\"", "\"127.0.0.1:9876-9880:${MANAGEMENT_PORT:-9876}\"", "127.0.0.1:9876-9880:${MANAGEMENT_PORT:-9876} publishes a host port range"),
                Arguments.of("docker-compose.yml", "\"127.0.0.1::${MANAGEMENT_PORT:-9876}\"", "\"${MANAGEMENT_PORT:-9876}\"", "published on all interfaces"),
                Arguments.of("docker-compose.yml", "test: [\"CMD\", \"/app/healthcheck.sh\"]", "test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:9876/\"]", "healthcheck test is not the image's HEALTHCHECK"),
                Arguments.of("docker-compose.yml", "env_file: .env", "env_file: .env.example", "env_file should be .env"),
                Arguments.of("docker-compose.yml", "    restart: unless-stopped\n    env_file", "    env_file", "no restart policy"),
                Arguments.of("docker-compose.yml", "LABEL_STUDIO_USERNAME: ${LABEL_STUDIO_USERNAME}", "LABEL_STUDIO_USERNAME: ${LABEL_STUDIO_ADMIN}", "uses ${LABEL_STUDIO_ADMIN}, which .env.example does not set"),
                Arguments.of("docker-compose.yml", "SERVICES: s3,transcribe", "SERVICE: s3,transcribe", "localstack: environment variable SERVICE is not one it reads"),
                Arguments.of("docker-compose.yml", "    tmpfs:", "    environment:\n      S3_PATH_STYLE: \"true\"\n    tmpfs:", "transcribe-bridge: environment variable S3_PATH_STYLE is not one it reads"),
                // .env.example
                Arguments.of(".env.example", "S3_FORCE_PATH_STYLE=true", "S3_PATH_STYLE=true", "S3_PATH_STYLE is neither a setting"),
                Arguments.of(".env.example", "LABEL_STUDIO_API_KEY=change-me", "LABEL_STUDIO_API_KEY=4f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c", "LABEL_STUDIO_API_KEY holds a value"),
                Arguments.of(".env.example", "LABEL_STUDIO_PROJECT_ID=1", "PROJECT_ID=1", "required LABEL_STUDIO_PROJECT_ID is missing"),
                // .dockerignore
                Arguments.of(".dockerignore", "target/", "target/\ndocker/", "COPY docker/healthcheck.sh: excluded from the build context"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("mistakes")
    void eachCheckCatchesItsMistake(String file, String shipped, String broken, String expectedProblem) throws Exception {
        String dockerfile = read("Dockerfile");
        String compose = read("docker-compose.yml");
        String env = read(".env.example");
        String ignore = read(".dockerignore");
        String original = switch (file) {
            case "Dockerfile" -> dockerfile;
            case "docker-compose.yml" -> compose;
            case ".env.example" -> env;
            default -> ignore;
        };
        assertThat(original).as("the shipped " + file + " has the text the test breaks").contains(shipped);
        String copy = original.replace(shipped, broken);
        ContainerFiles files = switch (file) {
            case "Dockerfile" -> new ContainerFiles(REPO, copy, compose, env, ignore);
            case "docker-compose.yml" -> new ContainerFiles(REPO, dockerfile, copy, env, ignore);
            case ".env.example" -> new ContainerFiles(REPO, dockerfile, compose, copy, ignore);
            default -> new ContainerFiles(REPO, dockerfile, compose, env, copy);
        };
        assertThat(files.problems()).anyMatch(problem -> problem.contains(expectedProblem));
    }

    private static String read(String file) throws Exception {
        return Files.readString(REPO.resolve(file));
    }
}
