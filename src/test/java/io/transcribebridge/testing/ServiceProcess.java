package io.transcribebridge.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service as a separate process, started the README's way: {@code java -jar
 * target/transcribe-bridge.jar} from the repository root, configured only through environment variables (inherited
 * {@code AWS_*} and {@code LABEL_STUDIO_*} variables are removed, so the developer's own settings never leak in).
 *
 * <p>{@link #start()} may be called again once the process has ended: a restart with the same environment. Every
 * run appends to one log file, each run headed by a {@code ==== run N ====} line, so the file tells the whole
 * story. Unless the environment sets {@code MANAGEMENT_PORT}, each run gets a free port of its own
 * ({@link #managementPort()}).
 */
public final class ServiceProcess implements AutoCloseable {

    public static final String JAR = "target/transcribe-bridge.jar";
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final Path logFile;
    private Process process;
    private int runs;
    private long runLogOffset;
    private int managementPort;

    public ServiceProcess(Map<String, String> environment) {
        this(environment, List.of());
    }

    /** With options for the service's JVM, e.g. {@code -Xmx256m}, placed before {@code -jar}. */
    public ServiceProcess(Map<String, String> environment, List<String> jvmOptions) {
        this(environment, jvmOptions, List.of());
    }

    /** With program arguments after the jar, e.g. {@code doctor}. */
    public ServiceProcess(Map<String, String> environment, List<String> jvmOptions, List<String> arguments) {
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
        try {
            this.logFile = Files.createTempDirectory("transcribe-bridge-service").resolve("service.log");
            Files.createFile(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates and starts the first run. */
    public static ServiceProcess start(Map<String, String> environment) {
        return new ServiceProcess(environment).start();
    }

    /** Starts a new run; the previous one must have ended. */
    public synchronized ServiceProcess start() {
        if (isAlive()) {
            throw new IllegalStateException("run " + runs + " is still alive (pid " + process.pid() + ")");
        }
        runs++;
        Map<String, String> runEnvironment = new LinkedHashMap<>(environment);
        managementPort = environment.containsKey("MANAGEMENT_PORT")
                ? Integer.parseInt(environment.get("MANAGEMENT_PORT")) : freePort();
        runEnvironment.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        try {
            runLogOffset = Files.size(logFile);
            Files.writeString(logFile, "==== run " + runs + " at " + Instant.now() + " ====\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>();
            command.add(javaBinary());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", JAR));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(new File("."))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("LABEL_STUDIO_"));
            // the SDK's default chains would ask the EC2 instance metadata service (a link-local address, not this
            // machine) for credentials and region that the environment does not give
            builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            builder.environment().putAll(runEnvironment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + JAR, e);
        }
        return this;
    }

    /** SIGTERM (a graceful stop, as {@code docker stop} sends); returns at once, see {@link #awaitExit}. */
    public synchronized void sigterm() {
        requireStarted().destroy();
    }

    /** SIGKILL: the process dies where it stands, no shutdown hook runs. Returns once it is gone. */
    public synchronized void sigkill() {
        Process current = requireStarted();
        current.destroyForcibly();
        if (!waitFor(current, KILL_WAIT)) {
            throw new IllegalStateException("pid " + current.pid() + " survived SIGKILL for " + KILL_WAIT);
        }
    }

    /** True if the current run ended within {@code timeout}. */
    public boolean awaitExit(Duration timeout) {
        return waitFor(requireStarted(), timeout);
    }

    /** Exit code of the current run, which must have ended. */
    public synchronized int exitCode() {
        return requireStarted().exitValue();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Process id of the current run. */
    public synchronized long pid() {
        return requireStarted().pid();
    }

    /** Runs started so far. */
    public synchronized int runs() {
        return runs;
    }

    public synchronized int managementPort() {
        return managementPort;
    }

    public Path logFile() {
        return logFile;
    }

    /** All runs' output so far. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current run's output so far. */
    public String runLog() {
        long offset;
        synchronized (this) {
            offset = runLogOffset;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(bytes, (int) offset, bytes.length - (int) offset, StandardCharsets.UTF_8);
    }

    /** Waits until the current run has logged {@code substring}; fails early if the process ends first. */
    public void awaitLog(String substring, Duration timeout) {
        Eventually.await(timeout, "service log line containing '" + substring + "' (log: " + logFile + ")", () -> {
            if (runLog().contains(substring)) {
                return true;
            }
            if (!isAlive()) {
                throw new AssertionError("service ended (exit code " + exitCode() + ") before logging '"
                        + substring + "'; log: " + logFile);
            }
            return false;
        });
    }

    /** Waits until {@code GET /observe/health} answers 200: the routes are running. */
    public void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Eventually.await(timeout, "service health on port " + managementPort() + " (log: " + logFile + ")", () -> {
            if (!isAlive()) {
                throw new AssertionError("service ended (exit code " + exitCode() + ") before it was healthy; log: "
                        + logFile);
            }
            return healthStatus(client) == 200;
        });
    }

    /** Status of {@code GET /observe/health}, or -1 if nothing answers. */
    public int healthStatus() {
        return status("/observe/health");
    }

    /**
     * Status of {@code GET path} on the management port, e.g. {@code /observe/health/ready}, or -1 if nothing
     * answers.
     */
    public int status(String path) {
        return status(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), path);
    }

    private int healthStatus(HttpClient client) {
        return status(client, "/observe/health");
    }

    private int status(HttpClient client, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort() + path))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Kills the current run if it is still alive. */
    @Override
    public synchronized void close() {
        if (isAlive()) {
            sigkill();
        }
    }

    private synchronized Process requireStarted() {
        if (process == null) {
            throw new IllegalStateException("not started");
        }
        return process;
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
