package io.transcribebridge.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cluster runs on the build machines, so deploy/kubernetes is checked here against config/application.properties
 * and the Dockerfile; each check is shown to catch its mistake on a broken copy of the shipped manifests.
 */
class KubernetesManifestsTest {

    private static final Path REPO = Path.of("");

    @Test
    void theShippedManifestsHaveNoProblem() throws Exception {
        assertThat(KubernetesManifests.of(REPO).problems()).isEmpty();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // rollout
                Arguments.of("deployment.yaml", "  replicas: 2\n", "  replicas: 1\n", "replicas 1, not 2"),
                Arguments.of("deployment.yaml", "      maxUnavailable: 0\n", "      maxUnavailable: 1\n", "maxUnavailable 0"),
                Arguments.of("deployment.yaml", "    type: RollingUpdate\n    rollingUpdate:\n      # a new pod starts and becomes ready before an old one stops: the work never drops below two replicas\n      maxSurge: 1\n      maxUnavailable: 0\n",
                        "    type: Recreate\n", "a RollingUpdate with maxUnavailable 0"),
                Arguments.of("deployment.yaml", "      maxSurge: 1\n", "      maxSurge: 0\n", "needs a surge pod"),
                // probes and port
                Arguments.of("deployment.yaml", "              containerPort: 9876\n", "              containerPort: 8080\n",
                        "containerPort [8080, 9090] is not management.port 9876"),
                Arguments.of("deployment.yaml", "              path: /observe/health/ready\n", "              path: /observe/health\n",
                        "readinessProbe asks /observe/health on port 9876, not /observe/health/ready"),
                Arguments.of("deployment.yaml", "          livenessProbe:\n            httpGet:\n              path: /observe/health/live\n              port: management\n",
                        "          livenessProbe:\n            httpGet:\n              path: /observe/health/live\n              port: 8080\n",
                        "livenessProbe asks /observe/health/live on port 8080"),
                Arguments.of("deployment.yaml", "            failureThreshold: 36\n", "            failureThreshold: 6\n",
                        "startupProbe allows 30 s"),
                Arguments.of("deployment.yaml", "            timeoutSeconds: 7\n", "            timeoutSeconds: 5\n",
                        "readinessProbe timeoutSeconds 5 does not exceed health.timeout-ms 5000"),
                // config file
                Arguments.of("configmap.yaml", "    management.port=9876\n", "    management.port=9877\n",
                        "application.properties differs from config/application.properties at line"),
                Arguments.of("deployment.yaml", "              mountPath: /app/config\n              readOnly: true\n",
                        "              mountPath: /config\n              readOnly: true\n", "no read-only volume mounted at the image's CONFIG_DIR /app/config"),
                // environment and secrets
                Arguments.of("configmap.yaml", "  LOG_LEVEL: INFO\n", "  LOG_LEVEL: INFO\n  S3_PATH_STYLE: \"true\"\n",
                        "environment variable S3_PATH_STYLE is not a setting of the service"),
                Arguments.of("configmap.yaml", "  LOG_LEVEL: INFO\n", "  LOG_LEVEL: INFO\n  LABEL_STUDIO_API_KEY: change-me\n",
                        "LABEL_STUDIO_API_KEY is a secret"),
                Arguments.of("secret.yaml", "  LABEL_STUDIO_API_KEY: change-me\n", "  LABEL_STUDIO_API_KEY: 4f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c\n",
                        "Secret: LABEL_STUDIO_API_KEY holds a value"),
                Arguments.of("secret.yaml", "stringData:\n  # a Personal Access Token or a legacy token of Label Studio\n  LABEL_STUDIO_API_KEY: change-me\n",
                        "data:\n  LABEL_STUDIO_API_KEY: NGYxYzJkM2U0ZjVhNmI3YzhkOWUwZjFh\n", "Secret: LABEL_STUDIO_API_KEY holds a value"),
                Arguments.of("configmap.yaml", "  LABEL_STUDIO_PROJECT_ID: \"1\"\n", "", "required LABEL_STUDIO_PROJECT_ID is set by neither"),
                Arguments.of("deployment.yaml", "                name: transcribe-bridge-secrets\n", "                name: bridge-secrets\n",
                        "envFrom names Secret bridge-secrets, which no manifest defines"),
                Arguments.of("configmap.yaml", "  LOG_LEVEL: INFO\n", "  LOG_LEVEL: INFO\n  MANAGEMENT_PORT: \"8081\"\n",
                        "MANAGEMENT_PORT 8081 moves the management server off the probed containerPort"),
                // user, file system, grace period, memory
                Arguments.of("deployment.yaml", "        runAsUser: 10001\n", "        runAsUser: 1000\n",
                        "runAsUser 1000 / runAsNonRoot true: run as the image's user 10001"),
                Arguments.of("deployment.yaml", "        runAsNonRoot: true\n", "        runAsNonRoot: false\n", "with runAsNonRoot true"),
                Arguments.of("deployment.yaml", "            readOnlyRootFilesystem: true\n", "            readOnlyRootFilesystem: false\n",
                        "readOnlyRootFilesystem is not true"),
                Arguments.of("deployment.yaml", "        - name: tmp\n          emptyDir:\n            sizeLimit: 256Mi\n", "",
                        "no emptyDir on /tmp"),
                Arguments.of("deployment.yaml", "      terminationGracePeriodSeconds: 15\n", "      terminationGracePeriodSeconds: 5\n",
                        "terminationGracePeriodSeconds 5 must exceed camel.main.shutdown-timeout 8 s"),
                Arguments.of("deployment.yaml", "            limits:\n              memory: 768Mi\n", "            limits:\n              memory: 320Mi\n",
                        "memory limit 320Mi gives a 240 Mi heap"),
                Arguments.of("deployment.yaml", "            limits:\n              memory: 768Mi\n", "            limits:\n              cpu: \"1\"\n",
                        "no memory limit"),
                Arguments.of("deployment.yaml", "              cpu: 250m\n              memory: 768Mi\n", "              cpu: 250m\n              memory: 256Mi\n",
                        "memory request 256Mi is not the limit 768Mi"),
                Arguments.of("deployment.yaml", "      serviceAccountName: transcribe-bridge\n", "      serviceAccountName: default-bridge\n",
                        "serviceAccountName default-bridge is not defined"),
                // kustomization
                Arguments.of("kustomization.yaml", "  - secret.yaml\n", "", "kustomization.yaml does not list secret.yaml"),
                Arguments.of("kustomization.yaml", "  - secret.yaml\n", "  - secrets.yaml\n", "lists secrets.yaml, which does not exist"));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("mistakes")
    void eachCheckCatchesItsMistake(String file, String shipped, String broken, String expectedProblem) throws Exception {
        Map<String, String> files = KubernetesManifests.manifests(REPO);
        assertThat(files.get(file)).as("the shipped " + file + " has the text the test breaks").contains(shipped);
        files.put(file, files.get(file).replace(shipped, broken));
        KubernetesManifests copy = new KubernetesManifests(REPO, files, Files.readString(REPO.resolve("Dockerfile")));
        assertThat(copy.problems()).anyMatch(problem -> problem.contains(expectedProblem));
    }

    @Test
    void aDockerfileWithAnotherUserIsNoticed() throws Exception {
        String dockerfile = Files.readString(REPO.resolve("Dockerfile"))
                .replace("--uid 10001", "--uid 10002").replace("USER 10001", "USER 10002");
        assertThat(new KubernetesManifests(REPO, KubernetesManifests.manifests(REPO), dockerfile).problems())
                .anyMatch(problem -> problem.contains("run as the image's user 10002"));
    }
}
