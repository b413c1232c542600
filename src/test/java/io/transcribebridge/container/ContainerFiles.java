package io.transcribebridge.container;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import io.transcribebridge.config.BridgeSettings;
import org.w3c.dom.Document;

/**
 * The container files (Dockerfile, docker-compose.yml, .env.example, the scripts they use) checked against the
 * repository for the mistakes that only show once Docker runs them: a COPY of a path that does not exist or that
 * .dockerignore hides, a jar name the pom does not produce, root, a health check whose program the image lacks,
 * the wrong port, floating image tags, variables the service does not read, missing bind-mount sources.
 * The texts are given, so a test can check a broken copy.
 */
final class ContainerFiles {

    /** Programs each base image is known to contain (eclipse-temurin's JRE images are Ubuntu with a JRE on PATH). */
    static final Map<String, Set<String>> PROGRAMS_OF_BASE_IMAGES = Map.of(
            "eclipse-temurin:17-jre", Set.of("/bin/bash", "/bin/sh", "/usr/bin/env", "java"));
    /** Variables the service reads besides its properties: the AWS SDK's standard ones and logback's. */
    static final Set<String> SERVICE_VARIABLES = Set.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_TRANSCRIBE",
            "LOG_FORMAT", "LOG_LEVEL", "LOG_LEVEL_ROOT", "CONFIG_DIR", "ROUTES_DIR", "JAVA_TOOL_OPTIONS");
    /** Variables of the Label Studio and LocalStack containers (and of our LocalStack init script). */
    static final Map<String, Set<String>> OTHER_SERVICE_VARIABLES = Map.of(
            "label-studio", Set.of("LABEL_STUDIO_USERNAME", "LABEL_STUDIO_PASSWORD", "LABEL_STUDIO_USER_TOKEN",
                    "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN", "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK"),
            "localstack", Set.of("SERVICES", "SOURCE_BUCKET", "OUTPUT_BUCKET", "DEBUG", "LOCALSTACK_AUTH_TOKEN"));
    /** Variables only the compose file itself uses (published ports). */
    static final Set<String> COMPOSE_VARIABLES = Set.of("LABEL_STUDIO_PORT");
    static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|TOKEN|API_KEY).*");
    static final Set<String> PLACEHOLDERS = Set.of("", "change-me", "test");

    private final Path repo;
    private final String dockerfile;
    private final String compose;
    private final String envExample;
    private final String dockerignore;
    private final List<String> problems = new ArrayList<>();
    /** The image's HEALTHCHECK command (exec form), null if it has none. */
    private List<String> imageHealthcheck;

    ContainerFiles(Path repo, String dockerfile, String compose, String envExample, String dockerignore) {
        this.repo = repo;
        this.dockerfile = dockerfile;
        this.compose = compose;
        this.envExample = envExample;
        this.dockerignore = dockerignore;
    }

    static ContainerFiles of(Path repo) throws IOException {
        return new ContainerFiles(repo, Files.readString(repo.resolve("Dockerfile")),
                Files.readString(repo.resolve("docker-compose.yml")), Files.readString(repo.resolve(".env.example")),
                Files.readString(repo.resolve(".dockerignore")));
    }

    /** Every problem found; empty when the files are right. */
    List<String> problems() throws Exception {
        problems.clear();
        imageHealthcheck = null;
        Properties config = new Properties();
        config.load(new StringReader(Files.readString(repo.resolve("config/application.properties"))));
        String managementPort = config.getProperty("management.port");
        Dockerfile docker = Dockerfile.parse(dockerfile);
        checkDockerfile(docker, managementPort);
        checkCompose(config, managementPort);
        checkEnvExample(config);
        return List.copyOf(problems);
    }

    private void checkDockerfile(Dockerfile docker, String managementPort) throws Exception {
        Dockerfile.Stage runtime = docker.finalStage();
        for (Dockerfile.Stage stage : docker.stages()) {
            for (Dockerfile.Copy copy : stage.copies()) {
                if (copy.fromStage() != null) {
                    checkBuildOutput(docker, copy);
                    continue;
                }
                for (String source : copy.sources()) {
                    if (!Files.exists(repo.resolve(source))) {
                        problem("COPY " + source + ": no such path in the repository");
                    } else if (ignored(source)) {
                        problem("COPY " + source + ": excluded from the build context by .dockerignore");
                    }
                }
            }
        }

        String user = runtime.last("USER");
        if (user == null || !user.matches("\\d+") || user.equals("0")) {
            problem("USER must be a numeric non-root uid, not " + user);
        } else if (runtime.instructions("RUN").stream().noneMatch(run -> run.matches(".*useradd .*--uid " + user + "\\b.*"))) {
            problem("USER " + user + " is not created (useradd --uid " + user + ") in the runtime stage");
        }

        List<String> entrypoint = execForm("ENTRYPOINT", runtime.last("ENTRYPOINT"));
        if (entrypoint != null) {
            int jar = entrypoint.indexOf("-jar");
            if (!programInImage(runtime, entrypoint.get(0))) {
                problem("ENTRYPOINT runs " + entrypoint.get(0) + ", which " + runtime.image() + " does not have");
            }
            if (jar < 0 || jar + 1 >= entrypoint.size() || runtime.copyTo(entrypoint.get(jar + 1)) == null) {
                problem("ENTRYPOINT does not run a jar the image copies: " + entrypoint);
            }
        }

        String exposed = String.valueOf(runtime.last("EXPOSE"));
        if (!List.of(exposed.split("\\s+")).contains(managementPort)) {
            problem("EXPOSE " + exposed + " does not include management.port " + managementPort);
        }
        String portEnv = runtime.env().get("MANAGEMENT_PORT");
        if (portEnv != null && !portEnv.equals(managementPort)) {
            problem("ENV MANAGEMENT_PORT=" + portEnv + " is not management.port " + managementPort);
        }

        String healthcheck = runtime.last("HEALTHCHECK");
        if (healthcheck == null) {
            problem("no HEALTHCHECK");
        } else {
            imageHealthcheck = execForm("HEALTHCHECK", healthcheck.replaceFirst("^(--\\S+\\s+)*CMD\\s+", ""));
            if (imageHealthcheck != null) {
                checkHealthcheckProgram(runtime, imageHealthcheck.get(0), managementPort);
            }
        }
    }

    private void checkHealthcheckProgram(Dockerfile.Stage runtime, String program, String managementPort)
            throws IOException {
        Dockerfile.Copy copy = runtime.copyTo(program);
        if (copy == null) {
            if (!programInImage(runtime, program)) {
                problem("HEALTHCHECK runs " + program + ", which " + runtime.image() + " does not have");
            }
            return;
        }
        Path script = repo.resolve(copy.sources().get(0));
        if (!Files.isRegularFile(script)) {
            return; // reported with the COPY
        }
        String text = Files.readString(script);
        String interpreter = text.startsWith("#!") ? text.lines().findFirst().orElseThrow().substring(2).trim() : null;
        if (interpreter == null || !programInImage(runtime, interpreter.split("\\s+")[0])) {
            problem("HEALTHCHECK script " + copy.sources().get(0) + " needs " + interpreter + ", which "
                    + runtime.image() + " does not have");
        }
        if (!Files.isExecutable(script) && !"755".equals(copy.chmod())) {
            problem("HEALTHCHECK script " + copy.sources().get(0) + " is not executable in the image");
        }
        if (!text.contains("${MANAGEMENT_PORT:-" + managementPort + "}")) {
            problem("HEALTHCHECK script " + copy.sources().get(0) + " does not default to management.port " + managementPort);
        }
    }

    private void checkBuildOutput(Dockerfile docker, Dockerfile.Copy copy) throws Exception {
        Dockerfile.Stage build = docker.stage(copy.fromStage());
        if (build == null) {
            problem("COPY --from=" + copy.fromStage() + ": no such build stage");
            return;
        }
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(repo.resolve("pom.xml").toFile());
        String finalName = pom.getElementsByTagName("finalName").item(0).getTextContent().trim();
        String target = build.last("WORKDIR") + "/target/";
        Set<String> produced = Set.of(target + finalName + ".jar", target + "lib/", target + "lib");
        for (String source : copy.sources()) {
            if (!produced.contains(source)) {
                problem("COPY --from=" + copy.fromStage() + " " + source + ": the build produces only " + produced);
            }
        }
        if (build.copies().stream().noneMatch(c -> c.sources().contains("pom.xml"))) {
            problem("the build stage does not copy pom.xml");
        }
    }

    @SuppressWarnings("unchecked")
    private void checkCompose(Properties config, String managementPort) throws IOException {
        Map<String, Object> file = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(compose);
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) file.get("services");
        Map<String, String> envDefaults = envExample();
        Matcher interpolation = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?-[^}]*)?}").matcher(compose);
        while (interpolation.find()) {
            if (interpolation.group(2) == null && !envDefaults.containsKey(interpolation.group(1))) {
                problem("docker-compose.yml uses ${" + interpolation.group(1) + "}, which .env.example does not set");
            }
        }
        Map<String, Object> bridge = null;
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            String name = service.getKey();
            Map<String, Object> definition = service.getValue();
            Object image = definition.get("image");
            if (definition.containsKey("build")) {
                bridge = definition;
                if (!Files.isRegularFile(repo.resolve(String.valueOf(definition.get("build"))).resolve("Dockerfile"))) {
                    problem(name + ": no Dockerfile in build context " + definition.get("build"));
                }
            } else if (image == null || !String.valueOf(image).matches("[^:]+:\\d+(\\.\\d+)+")) {
                problem(name + ": image " + image + " is not pinned to a version");
            }
            for (Object volume : (List<Object>) definition.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".") && !Files.exists(repo.resolve(source))) {
                    problem(name + ": bind-mount source " + source + " does not exist");
                }
                if (source.startsWith(".") && String.valueOf(volume).contains("/init/ready.d/")
                    && !Files.isExecutable(repo.resolve(source))) {
                    problem(name + ": init script " + source + " is not executable (LocalStack skips it)");
                }
            }
            Map<String, Object> environment = (Map<String, Object>) definition.getOrDefault("environment", Map.of());
            for (String variable : environment.keySet()) {
                boolean known = definition.containsKey("build") ? isServiceVariable(variable, config)
                        : OTHER_SERVICE_VARIABLES.getOrDefault(name, Set.of()).contains(variable);
                if (!known) {
                    problem(name + ": environment variable " + variable + " is not one it reads");
                }
            }
        }
        if (bridge == null) {
            problem("no service built from the Dockerfile");
            return;
        }
        if (!List.of(".env").equals(asList(bridge.get("env_file")))) {
            problem("transcribe-bridge: env_file should be .env (the copy of .env.example)");
        }
        if (!"unless-stopped".equals(bridge.get("restart")) && !"always".equals(bridge.get("restart"))) {
            problem("transcribe-bridge: no restart policy");
        }
        String port = "${MANAGEMENT_PORT:-" + managementPort + "}";
        if (asList(bridge.get("ports")).stream().noneMatch(p -> p.endsWith(":" + port))) {
            problem("transcribe-bridge: management port " + port + " is not published");
        }
        checkScalable(bridge);
        Object grace = bridge.get("stop_grace_period");
        int shutdownTimeout = Integer.parseInt(config.getProperty("camel.main.shutdown-timeout"));
        if (grace == null || !String.valueOf(grace).matches("\\d+s")
            || Integer.parseInt(String.valueOf(grace).replace("s", "")) <= shutdownTimeout) {
            problem("transcribe-bridge: stop_grace_period " + grace + " must exceed camel.main.shutdown-timeout "
                    + shutdownTimeout + " s");
        }
        Map<String, Object> healthcheck = (Map<String, Object>) bridge.get("healthcheck");
        if (healthcheck == null || imageHealthcheck != null
                                   && !asList(healthcheck.get("test")).equals(concat("CMD", imageHealthcheck))) {
            problem("transcribe-bridge: healthcheck test is not the image's HEALTHCHECK " + imageHealthcheck);
        }
    }

    /**
     * {@code docker compose up --scale transcribe-bridge=N} with nothing to edit: no container_name (one container per
     * name), and published ports on loopback with no fixed host port (a second replica could not bind it; a host port
     * range has been seen to fail the same way in Compose v2), so each replica gets a free one.
     */
    private void checkScalable(Map<String, Object> bridge) {
        if (bridge.containsKey("container_name")) {
            problem("transcribe-bridge: container_name " + bridge.get("container_name") + " allows one container, so "
                    + "--scale fails; leave it out");
        }
        for (String published : asList(bridge.get("ports"))) {
            // ip:host:container, host:container or container; ${VAR:-default} may hold a colon
            List<String> parts = List.of(published.replaceAll("\\$\\{[^}]*}", "VAR").split(":", -1));
            String hostIp = parts.size() == 3 ? parts.get(0) : "";
            String hostPort = parts.size() > 1 ? parts.get(parts.size() - 2) : "";
            if (hostPort.contains("-")) {
                problem("transcribe-bridge: " + published + " publishes a host port range: replicas have been seen to "
                        + "race for it; leave the host port empty (127.0.0.1::PORT)");
            } else if (!hostPort.isEmpty()) {
                problem("transcribe-bridge: " + published + " fixes the host port, so a second replica (--scale) cannot "
                        + "bind it; leave it empty (127.0.0.1::PORT)");
            }
            if (!hostIp.equals("127.0.0.1")) {
                problem("transcribe-bridge: " + published + " is published on all interfaces; health and metrics stay on "
                        + "127.0.0.1");
            }
        }
    }

    private void checkEnvExample(Properties config) {
        Map<String, String> env = envExample();
        Set<String> otherServices = new java.util.HashSet<>(COMPOSE_VARIABLES);
        OTHER_SERVICE_VARIABLES.values().forEach(otherServices::addAll);
        env.forEach((variable, value) -> {
            if (!isServiceVariable(variable, config) && !otherServices.contains(variable)) {
                problem(".env.example: " + variable + " is neither a setting of the service nor of another container");
            }
            if (SECRET_NAME.matcher(variable).matches() && !PLACEHOLDERS.contains(value)) {
                problem(".env.example: " + variable + " holds a value; secrets are placeholders (change-me)");
            }
        });
        for (String required : List.of("SOURCE_BUCKET", "LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY", "LABEL_STUDIO_PROJECT_ID")) {
            if (!env.containsKey(required)) {
                problem(".env.example: required " + required + " is missing");
            }
        }
    }

    /** The variables of .env.example, commented-out ones ("# NAME=value") included, with their values. */
    private Map<String, String> envExample() {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^(?:# )?([A-Z][A-Z0-9_]*)=(.*)$").matcher(envExample);
        while (line.find()) {
            env.putIfAbsent(line.group(1), line.group(2).trim());
        }
        return env;
    }

    /** A variable the service reads: the environment form of a property of config/application.properties, or known. */
    static boolean isServiceVariable(String variable, Properties config) {
        return SERVICE_VARIABLES.contains(variable) || config.stringPropertyNames().stream()
                .anyMatch(key -> BridgeSettings.environmentName(key).equals(variable));
    }

    private boolean ignored(String source) {
        String path = source.replaceAll("/+$", "");
        return dockerignore.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.replaceAll("/+$", ""))
                .anyMatch(pattern -> path.equals(pattern) || path.startsWith(pattern + "/"));
    }

    private boolean programInImage(Dockerfile.Stage stage, String program) {
        return PROGRAMS_OF_BASE_IMAGES.getOrDefault(stage.image(), Set.of()).contains(program)
               || stage.copyTo(program) != null;
    }

    private List<String> execForm(String instruction, String arguments) {
        if (arguments == null || !arguments.trim().startsWith("[")) {
            problem(instruction + " is not in exec form (JSON array): " + arguments);
            return null;
        }
        try {
            List<String> command = List.of(new ObjectMapper().readValue(arguments, String[].class));
            if (command.isEmpty()) {
                problem(instruction + " is empty");
                return null;
            }
            return command;
        } catch (IOException e) {
            problem(instruction + " is not valid JSON: " + arguments);
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? ((List<Object>) list).stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private void problem(String text) {
        problems.add(text);
    }
}
