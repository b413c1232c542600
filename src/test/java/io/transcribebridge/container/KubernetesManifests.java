package io.transcribebridge.container;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Kubernetes manifests of deploy/kubernetes checked for the mistakes that only show on a cluster: a rollout that
 * drops replicas, probes on the wrong path or port, a config file that is not the repository's, variables the
 * service does not read, real secrets in git, another user than the image's, a grace period shorter than the
 * service's shutdown, a memory limit the heap does not fit in, a file kustomize does not apply. The texts are given
 * (file name to text), so a test can check a broken copy.
 */
final class KubernetesManifests {

    static final Path DIRECTORY = Path.of("deploy/kubernetes");
    /** The heap the benchmark runs in (-Xmx256m) and the container memory the README asks for. */
    static final long MIN_HEAP_MI = 256;
    static final long MIN_MEMORY_MI = 512;
    private static final Pattern QUANTITY = Pattern.compile("(\\d+)(Mi|Gi|M|G)");

    private final Path repo;
    private final Map<String, String> files;
    private final String dockerfile;
    private final List<String> problems = new ArrayList<>();
    /** Every object of every manifest, by "Kind/name". */
    private final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();

    KubernetesManifests(Path repo, Map<String, String> files, String dockerfile) {
        this.repo = repo;
        this.files = files;
        this.dockerfile = dockerfile;
    }

    static KubernetesManifests of(Path repo) throws IOException {
        return new KubernetesManifests(repo, manifests(repo), Files.readString(repo.resolve("Dockerfile")));
    }

    /** The YAML files of deploy/kubernetes: file name to text. */
    static Map<String, String> manifests(Path repo) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(repo.resolve(DIRECTORY))) {
            for (Path file : listing.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }

    /** Every problem found; empty when the manifests are right. */
    List<String> problems() throws IOException {
        problems.clear();
        objects.clear();
        String configFile = Files.readString(repo.resolve("config/application.properties"));
        Properties config = new Properties();
        config.load(new StringReader(configFile));
        Dockerfile.Stage image = Dockerfile.parse(dockerfile).finalStage();
        checkKustomization();
        Map<String, Object> deployment = objects.get("Deployment/transcribe-bridge");
        if (deployment == null) {
            problem("no Deployment transcribe-bridge");
            return List.copyOf(problems);
        }
        checkRollout(map(deployment.get("spec")));
        Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        List<Object> containers = list(pod.get("containers"));
        if (containers.size() != 1) {
            problem("the pod should run one container, not " + containers.size());
            return List.copyOf(problems);
        }
        Map<String, Object> container = map(containers.get(0));
        checkProbes(container, config);
        checkConfigFile(pod, container, configFile, image);
        checkEnvironment(pod, container, config);
        checkSecurity(pod, container, image);
        checkResources(container, image);
        Object grace = pod.get("terminationGracePeriodSeconds");
        int shutdownTimeout = Integer.parseInt(config.getProperty("camel.main.shutdown-timeout"));
        if (!(grace instanceof Integer seconds) || seconds <= shutdownTimeout) {
            problem("terminationGracePeriodSeconds " + grace + " must exceed camel.main.shutdown-timeout " + shutdownTimeout
                    + " s (SIGKILL would cut the graceful stop; the default is 30)");
        }
        return List.copyOf(problems);
    }

    private void checkKustomization() {
        List<String> listed = new ArrayList<>();
        files.forEach((name, text) -> {
            List<Object> documents = new ArrayList<>();
            try {
                new Load(LoadSettings.builder().build()).loadAllFromString(text).forEach(documents::add);
            } catch (RuntimeException e) {
                problem(name + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
                return;
            }
            for (Object document : documents) {
                Map<String, Object> object = map(document);
                if (name.equals("kustomization.yaml")) {
                    list(object.get("resources")).forEach(resource -> listed.add(String.valueOf(resource)));
                } else if (object.get("kind") != null) {
                    objects.put(object.get("kind") + "/" + map(object.get("metadata")).get("name"), object);
                }
            }
        });
        for (String name : files.keySet()) {
            if (!name.equals("kustomization.yaml") && !listed.contains(name)) {
                problem("kustomization.yaml does not list " + name + ", so kubectl apply -k leaves it out");
            }
        }
        for (String resource : listed) {
            if (!files.containsKey(resource)) {
                problem("kustomization.yaml lists " + resource + ", which does not exist");
            }
        }
    }

    private void checkRollout(Map<String, Object> spec) {
        if (!Integer.valueOf(2).equals(spec.get("replicas"))) {
            problem("replicas " + spec.get("replicas") + ", not 2 (one replica is no high availability)");
        }
        Map<String, Object> strategy = map(spec.get("strategy"));
        Map<String, Object> rolling = map(strategy.get("rollingUpdate"));
        if (!"RollingUpdate".equals(strategy.get("type")) || !List.of("0", "0%").contains(String.valueOf(rolling.get("maxUnavailable")))) {
            problem("strategy " + strategy + ": a RollingUpdate with maxUnavailable 0 keeps every replica working during a rollout");
        }
        if (List.of("0", "0%", "null").contains(String.valueOf(rolling.get("maxSurge")))) {
            problem("maxSurge " + rolling.get("maxSurge") + ": with maxUnavailable 0 a rollout needs a surge pod to progress");
        }
    }

    private void checkProbes(Map<String, Object> container, Properties config) {
        String managementPort = config.getProperty("management.port");
        Map<String, String> namedPorts = new LinkedHashMap<>();
        for (Object port : list(container.get("ports"))) {
            namedPorts.put(String.valueOf(map(port).get("name")), String.valueOf(map(port).get("containerPort")));
        }
        if (!namedPorts.containsValue(managementPort)) {
            problem("containerPort " + namedPorts.values() + " is not management.port " + managementPort);
        }
        Map<String, String> paths = Map.of("startupProbe", "/observe/health/live", "livenessProbe", "/observe/health/live",
                "readinessProbe", "/observe/health/ready");
        paths.forEach((probe, path) -> {
            Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
            String port = String.valueOf(httpGet.get("port"));
            port = namedPorts.getOrDefault(port, port);
            if (!path.equals(httpGet.get("path")) || !managementPort.equals(port)) {
                problem(probe + " asks " + httpGet.get("path") + " on port " + port + ", not " + path + " on management.port "
                        + managementPort);
            }
        });
        Map<String, Object> startup = map(container.get("startupProbe"));
        int startupSeconds = number(startup.getOrDefault("periodSeconds", 10)) * number(startup.getOrDefault("failureThreshold", 3));
        if (startupSeconds < 60) {
            problem("startupProbe allows " + startupSeconds + " s, less than the image's 60-s start period");
        }
        int readinessTimeout = number(map(container.get("readinessProbe")).getOrDefault("timeoutSeconds", 1));
        long healthTimeout = Long.parseLong(config.getProperty("health.timeout-ms"));
        if (readinessTimeout * 1000L <= healthTimeout) {
            problem("readinessProbe timeoutSeconds " + readinessTimeout + " does not exceed health.timeout-ms " + healthTimeout
                    + ": a slow dependency check would time the probe out instead of answering 503");
        }
    }

    private void checkConfigFile(Map<String, Object> pod, Map<String, Object> container, String configFile,
                                 Dockerfile.Stage image) {
        String configDir = image.env().get("CONFIG_DIR");
        Map<String, Object> mount = list(container.get("volumeMounts")).stream().map(KubernetesManifests::map)
                .filter(m -> String.valueOf(m.get("mountPath")).equals(configDir)).findFirst().orElse(null);
        if (mount == null || !Boolean.TRUE.equals(mount.get("readOnly"))) {
            problem("no read-only volume mounted at the image's CONFIG_DIR " + configDir);
            return;
        }
        String configMap = list(pod.get("volumes")).stream().map(KubernetesManifests::map)
                .filter(v -> v.get("name").equals(mount.get("name")))
                .map(v -> String.valueOf(map(v.get("configMap")).get("name"))).findFirst().orElse(null);
        Object shipped = map(map(objects.get("ConfigMap/" + configMap)).get("data")).get("application.properties");
        if (shipped == null) {
            problem("the volume at " + configDir + " is not a ConfigMap with application.properties (ConfigMap " + configMap + ")");
        } else if (!configFile.equals(shipped)) {
            problem("ConfigMap " + configMap + ": application.properties differs from config/application.properties "
                    + firstDifference(configFile, String.valueOf(shipped)) + "; paste the file again");
        }
    }

    private void checkEnvironment(Map<String, Object> pod, Map<String, Object> container, Properties config) {
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (Object source : list(container.get("envFrom"))) {
            Map<String, Object> from = map(source);
            if (from.containsKey("configMapRef")) {
                Map<String, Object> configMap = envFrom("ConfigMap", from.get("configMapRef"));
                map(configMap.get("data")).forEach((k, v) -> settings.put(k, String.valueOf(v)));
            }
            if (from.containsKey("secretRef")) {
                Map<String, Object> secret = envFrom("Secret", from.get("secretRef"));
                map(secret.get("stringData")).forEach((k, v) -> secrets.put(k, String.valueOf(v)));
                map(secret.get("data")).forEach((k, v) -> secrets.put(k,
                        new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)));
            }
        }
        for (Object variable : list(container.get("env"))) {
            settings.put(String.valueOf(map(variable).get("name")), String.valueOf(map(variable).get("value")));
        }
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(secrets);
        all.forEach((variable, value) -> {
            if (!ContainerFiles.isServiceVariable(variable, config)) {
                problem("environment variable " + variable + " is not a setting of the service");
            }
        });
        settings.forEach((variable, value) -> {
            if (ContainerFiles.SECRET_NAME.matcher(variable).matches()) {
                problem(variable + " is a secret: it belongs in the Secret, not in a ConfigMap or the pod spec");
            }
        });
        secrets.forEach((variable, value) -> {
            if (!ContainerFiles.PLACEHOLDERS.contains(value)) {
                problem("Secret: " + variable + " holds a value; secrets in git are placeholders (change-me)");
            }
        });
        for (String required : List.of("SOURCE_BUCKET", "LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY", "LABEL_STUDIO_PROJECT_ID")) {
            if (!all.containsKey(required)) {
                problem("required " + required + " is set by neither the ConfigMap nor the Secret");
            }
        }
        String port = settings.get("MANAGEMENT_PORT");
        if (port != null && !port.equals(config.getProperty("management.port"))) {
            problem("MANAGEMENT_PORT " + port + " moves the management server off the probed containerPort");
        }
        String account = String.valueOf(pod.get("serviceAccountName"));
        if (!objects.containsKey("ServiceAccount/" + account)) {
            problem("serviceAccountName " + account + " is not defined by a manifest");
        }
    }

    /** The ConfigMap or Secret an envFrom reference names (empty, with a problem, if no manifest defines it). */
    private Map<String, Object> envFrom(String kind, Object reference) {
        String name = String.valueOf(map(reference).get("name"));
        Map<String, Object> object = objects.get(kind + "/" + name);
        if (object == null) {
            problem("envFrom names " + kind + " " + name + ", which no manifest defines");
        }
        return map(object);
    }

    private void checkSecurity(Map<String, Object> pod, Map<String, Object> container, Dockerfile.Stage image) {
        Map<String, Object> podSecurity = map(pod.get("securityContext"));
        Map<String, Object> security = map(container.get("securityContext"));
        Object user = security.getOrDefault("runAsUser", podSecurity.get("runAsUser"));
        Object nonRoot = security.getOrDefault("runAsNonRoot", podSecurity.get("runAsNonRoot"));
        String imageUser = image.last("USER");
        if (!String.valueOf(user).equals(imageUser) || !Boolean.TRUE.equals(nonRoot)) {
            problem("runAsUser " + user + " / runAsNonRoot " + nonRoot + ": run as the image's user " + imageUser
                    + " with runAsNonRoot true");
        }
        if (!Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
            problem("readOnlyRootFilesystem is not true (the service keeps no state in the container)");
        }
        String tmpVolume = list(container.get("volumeMounts")).stream().map(KubernetesManifests::map)
                .filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> String.valueOf(m.get("name"))).findFirst().orElse("");
        boolean tmpIsEmptyDir = list(pod.get("volumes")).stream().map(KubernetesManifests::map)
                .anyMatch(v -> tmpVolume.equals(v.get("name")) && v.containsKey("emptyDir"));
        if (!tmpIsEmptyDir) {
            problem("no emptyDir on /tmp: the JVM needs a writable /tmp under a read-only root file system");
        }
        if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
            problem("allowPrivilegeEscalation is not false");
        }
    }

    private void checkResources(Map<String, Object> container, Dockerfile.Stage image) {
        Map<String, Object> resources = map(container.get("resources"));
        Object limit = map(resources.get("limits")).get("memory");
        Matcher percentage = Pattern.compile("MaxRAMPercentage=(\\d+)").matcher(String.valueOf(image.env().get("JAVA_TOOL_OPTIONS")));
        if (limit == null) {
            problem("no memory limit: the heap (MaxRAMPercentage) would follow the node's memory");
            return;
        }
        long mebibytes = mebibytes(String.valueOf(limit));
        long heap = percentage.find() ? mebibytes * Integer.parseInt(percentage.group(1)) / 100 : 0;
        if (mebibytes < MIN_MEMORY_MI || heap < MIN_HEAP_MI) {
            problem("memory limit " + limit + " gives a " + heap + " Mi heap; at least " + MIN_MEMORY_MI + " Mi and a "
                    + MIN_HEAP_MI + " Mi heap");
        }
        if (!limit.equals(map(resources.get("requests")).get("memory"))) {
            problem("memory request " + map(resources.get("requests")).get("memory") + " is not the limit " + limit
                    + ": a node short of memory would evict or kill the pod first");
        }
    }

    private static long mebibytes(String quantity) {
        Matcher matcher = QUANTITY.matcher(quantity);
        if (!matcher.matches()) {
            return 0;
        }
        long value = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "Gi" -> value * 1024;
            case "G" -> value * 1_000_000_000L / (1024 * 1024);
            case "M" -> value * 1_000_000L / (1024 * 1024);
            default -> value;
        };
    }

    private static String firstDifference(String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> have = actual.lines().toList();
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            String a = i < want.size() ? want.get(i) : "(end of file)";
            String b = i < have.size() ? have.get(i) : "(end of file)";
            if (!a.equals(b)) {
                return "at line " + (i + 1) + ": the file has '" + a + "', the ConfigMap '" + b + "'";
            }
        }
        return "in its line ends";
    }

    private static int number(Object value) {
        return Integer.parseInt(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private void problem(String text) {
        problems.add(text);
    }
}
