package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Label Studio Community (OSS) as seen over its REST API, for tests: projects, the synchronous import endpoint
 * with LS's validation, legacy tokens and PATs (JWT refresh + access tokens), the Data Manager task list,
 * annotations, webhooks (delivered synchronously, 1 s timeout, no retry, as LS 1.7.4 does) and fault injection. Listens on 127.0.0.1; all state is in memory. See {@code label-studio.md} in
 * shared/reference for the contract this follows.
 */
public final class LabelStudioEmulator implements AutoCloseable {

    private static final String IMPORT_PATH = "/api/projects/(\\d+)/import";

    private final Store store;
    private final TokenAuthority tokens;
    private final Faults faults = new Faults();
    private final RequestLog log = new RequestLog();
    private final AtomicBoolean strictPredictionValidation = new AtomicBoolean(true);
    private final WebhookSender webhooks;
    private final AnnotationEndpoints annotations;
    private final ExecutorService executor;
    private final Router router;
    private final int port;
    private HttpServer server;

    private LabelStudioEmulator(int requestedPort) {
        Clock clock = Clock.systemUTC();
        this.store = new Store(clock);
        this.tokens = new TokenAuthority(clock);
        this.webhooks = new WebhookSender(store);
        this.annotations = new AnnotationEndpoints(store, webhooks);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        this.router = routes();
        this.server = bind(requestedPort);
        this.port = server.getAddress().getPort();
    }

    /** Starts on a free port. */
    public static LabelStudioEmulator start() {
        return start(0);
    }

    public static LabelStudioEmulator start(int port) {
        return new LabelStudioEmulator(port);
    }

    /** e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    // ---- projects and stored data

    public int createProject(String title, String labelConfigXml) {
        return store.createProject(title, LabelConfig.parse(labelConfigXml));
    }

    /** The body {@code GET /api/projects/{id}/} would return. */
    public Optional<JsonNode> project(int projectId) {
        return store.project(projectId).map(p -> Representations.project(p, store.tasks(p.id())));
    }

    /** How many tasks the project holds, without copying them. */
    public int taskCount(int projectId) {
        return store.tasks(projectId).size();
    }

    public List<Task> tasks(int projectId) {
        return store.tasks(projectId).stream()
                .map(t -> new Task(t.id(), t.projectId(), t.data().deepCopy(),
                        t.predictions().stream().map(p -> (JsonNode) Representations.prediction(p)).toList(),
                        t.meta().deepCopy(), t.createdAt()))
                .toList();
    }

    // ---- annotations, made the way the editor makes them (same code path as the API, so webhooks fire)

    /**
     * A reviewer submits an annotation of {@code result} (a JSON list, see {@link EditorResults}) on the task, as
     * {@code POST /api/tasks/{id}/annotations/} would; returns the annotation as the API answers it. The
     * project's webhooks are called before this returns.
     *
     * @throws IllegalArgumentException when the API would answer with an error (unknown task, bad result)
     */
    public JsonNode submitAnnotation(int taskId, JsonNode result) {
        return submitAnnotation(taskId, result, false);
    }

    /** As {@link #submitAnnotation(int, JsonNode)}; {@code groundTruth} as the body field (not exclusive on POST). */
    public JsonNode submitAnnotation(int taskId, JsonNode result, boolean groundTruth) {
        ObjectNode body = Json.object();
        body.set("result", result);
        body.put("ground_truth", groundTruth);
        body.put("lead_time", 12.5);
        return hook(() -> Representations.annotation(annotations.create(taskId, body)));
    }

    /** The reviewer presses Skip: a cancelled annotation with an empty result (fires ANNOTATION_CREATED). */
    public JsonNode skipTask(int taskId) {
        ObjectNode body = Json.object();
        body.putArray("result");
        body.put("was_cancelled", true);
        return hook(() -> Representations.annotation(annotations.create(taskId, body)));
    }

    /** The reviewer changes an annotation's result and presses Update (fires ANNOTATION_UPDATED). */
    public JsonNode updateAnnotation(int annotationId, JsonNode result) {
        ObjectNode body = Json.object();
        body.set("result", result);
        return patchAnnotation(annotationId, body);
    }

    /**
     * {@code PATCH /api/annotations/{id}/} with any of {@code result, was_cancelled, ground_truth, lead_time};
     * {@code ground_truth: true} clears the flag on the task's other annotations.
     */
    public JsonNode patchAnnotation(int annotationId, JsonNode patch) {
        return hook(() -> Representations.annotation(annotations.update(annotationId, patch)));
    }

    /** {@code DELETE /api/annotations/{id}/} (fires ANNOTATIONS_DELETED with only the id). */
    public void deleteAnnotation(int annotationId) {
        hook(() -> {
            annotations.delete(annotationId);
            return null;
        });
    }

    /** The task's annotations as {@code GET /api/tasks/{id}/} shows them: cancelled ones included, oldest first. */
    public List<JsonNode> annotations(int taskId) {
        return store.task(taskId).orElseThrow(() -> new IllegalArgumentException("no task " + taskId))
                .annotations().stream().map(a -> (JsonNode) Representations.annotation(a)).toList();
    }

    // ---- webhooks

    /** Every registered webhook (all projects and organization-level ones), as the API shows them. */
    public List<JsonNode> webhooks() {
        return store.webhooks().stream().map(w -> (JsonNode) Representations.webhook(w)).toList();
    }

    /** The webhooks registered for the project ({@code GET /api/webhooks/?project=ID}). */
    public List<JsonNode> webhooks(int projectId) {
        return store.webhooks().stream().filter(w -> w.project() != null && w.project() == projectId)
                .map(w -> (JsonNode) Representations.webhook(w)).toList();
    }

    /**
     * The next {@code count} webhook deliveries are lost: not sent, recorded with {@code dropped}. Replaces any
     * earlier count.
     */
    public void dropNextWebhookDeliveries(int count) {
        webhooks.dropNext(count);
    }

    /** Every delivery of {@code action} (e.g. {@code ANNOTATION_UPDATED}) is lost until {@link #deliverAllWebhooks()}. */
    public void dropWebhookDeliveries(String action) {
        webhooks.dropAction(action, true);
    }

    /** Ends all dropping set up by {@link #dropNextWebhookDeliveries} and {@link #dropWebhookDeliveries}. */
    public void deliverAllWebhooks() {
        webhooks.deliverAll();
    }

    /** Every delivery attempt so far, in order, dropped ones included. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    public List<WebhookDelivery> webhookDeliveries(String action) {
        return webhooks.deliveries().stream().filter(d -> d.action().equals(action)).toList();
    }

    public void clearWebhookDeliveries() {
        webhooks.clearDeliveries();
    }

    // ---- credentials and the organisation's JWT settings

    /** The user's legacy token: 40 lowercase hex characters. */
    public String legacyToken() {
        return tokens.legacyToken();
    }

    /** Issues a new PAT: a JWT refresh token valid for 200 years. */
    public String personalAccessToken() {
        return tokens.issuePersonalAccessToken();
    }

    /** Lifetime of access tokens minted by refresh; 5 minutes by default (simplejwt's default). */
    public void accessTokenTtl(Duration ttl) {
        tokens.accessTokenTtl(ttl);
    }

    /**
     * Makes every access token minted so far invalid (401 on use) while the PATs stay valid: the situation a
     * client meets when an access token dies before its {@code exp}, e.g. after a server secret rotation.
     */
    public void invalidateIssuedAccessTokens() {
        tokens.invalidateIssuedAccessTokens();
    }

    /** Every access token minted by {@code /api/token/refresh/} so far: secrets a client must never reveal. */
    public List<String> issuedAccessTokens() {
        return tokens.issuedAccessTokens();
    }

    /** Blacklists a PAT. Access tokens already minted from it keep working until they expire, as in LS. */
    public void revoke(String pat) {
        tokens.revoke(pat);
    }

    public void legacyTokensEnabled(boolean enabled) {
        tokens.legacyTokensEnabled(enabled);
    }

    public void apiTokensEnabled(boolean enabled) {
        tokens.apiTokensEnabled(enabled);
    }

    /** On (default): LS with {@code fflag_feat_utc_210_prediction_validation_15082025} on. */
    public void strictPredictionValidation(boolean enabled) {
        strictPredictionValidation.set(enabled);
    }

    // ---- fault injection

    /**
     * The next {@code count} import requests fail with {@code httpStatus} before any processing (nothing is
     * stored). 502, 503, 504 and 413 answer with nginx's HTML page; 429 with a 1 s {@code Retry-After}; other
     * statuses with the LS error envelope. Replaces any earlier plan.
     */
    public void failNextImports(int count, int httpStatus) {
        faults.failNextImports(count, httpStatus, Duration.ofSeconds(1));
    }

    /** As {@link #failNextImports(int, int)}, with the {@code Retry-After} (whole seconds) used for 429. */
    public void failNextImports(int count, int httpStatus, Duration retryAfter) {
        faults.failNextImports(count, httpStatus, retryAfter);
    }

    /** Sleep before answering each import. The tasks are committed BEFORE the sleep. */
    public void importDelay(Duration delay) {
        faults.importDelay(delay);
    }

    /** Stops listening: new connections are refused and open ones are closed. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port, with all state kept. */
    public synchronized void up() {
        if (server == null) {
            server = bind(port);
        }
    }

    // ---- observation (no headers or bodies are kept: they carry secrets)

    public int totalRequests() {
        return log.count(r -> true);
    }

    /** Requests whose raw path fully matches {@code pathRegex}, e.g. {@code "/api/projects/\\d+/import"}. */
    public int requests(String pathRegex) {
        return log.countPath(pathRegex);
    }

    /** POSTs to {@code /api/projects/{id}/import} (exact path), counted on arrival. */
    public int importRequests() {
        return log.count(r -> r.method().equals("POST") && r.path().matches(IMPORT_PATH));
    }

    public int refreshRequests() {
        return log.countPath("/api/token/refresh/?");
    }

    public int unauthorizedResponses() {
        return log.count(r -> r.status() == 401);
    }

    public List<RecordedRequest> requestLog() {
        return log.snapshot();
    }

    @Override
    public synchronized void close() {
        down();
        executor.shutdownNow();
    }

    private Router routes() {
        ImportEndpoint imports = new ImportEndpoint(store, faults, strictPredictionValidation::get, webhooks);
        WebhookEndpoints webhookEndpoints = new WebhookEndpoints(store);
        ProjectEndpoints projects = new ProjectEndpoints(store);
        TaskEndpoints taskEndpoints = new TaskEndpoints(store);
        AccountEndpoints account = new AccountEndpoints(tokens);
        return new Router(tokens, log)
                .publicRoute("GET", "/health", account::health)
                .publicRoute("GET", "/api/version/?", account::version)
                .publicRoute("POST", "/api/token/refresh/?", account::refresh)
                .authenticatedRoute("GET", "/api/current-user/whoami/?", account::whoami)
                .authenticatedRoute("GET", "/api/projects/?", projects::list)
                .authenticatedRoute("GET", "/api/projects/(\\d+)/?", projects::get)
                .authenticatedRoute("PATCH", "/api/projects/(\\d+)/?", projects::patch)
                .authenticatedRoute("POST", IMPORT_PATH, faults::nextImportFault, imports::handle)
                .authenticatedRoute("GET", "/api/projects/(\\d+)/tasks/?", projects::tasks)
                .authenticatedRoute("GET", "/api/tasks/?", taskEndpoints::dataManagerTasks)
                .authenticatedRoute("GET", "/api/predictions/?", taskEndpoints::predictions)
                .authenticatedRoute("GET", "/api/predictions/(\\d+)/?", taskEndpoints::prediction)
                .authenticatedRoute("GET", "/api/tasks/(\\d+)/?", annotations::task)
                .authenticatedRoute("GET", "/api/tasks/(\\d+)/annotations/?", annotations::listForTask)
                .authenticatedRoute("POST", "/api/tasks/(\\d+)/annotations/?", annotations::createForTask)
                .authenticatedRoute("GET", "/api/annotations/(\\d+)/?", annotations::get)
                .authenticatedRoute("PATCH", "/api/annotations/(\\d+)/?", annotations::patch)
                .authenticatedRoute("PUT", "/api/annotations/(\\d+)/?", annotations::patch)
                .authenticatedRoute("DELETE", "/api/annotations/(\\d+)/?", annotations::deleteOne)
                .authenticatedRoute("GET", "/api/webhooks/?", webhookEndpoints::list)
                .authenticatedRoute("POST", "/api/webhooks/?", webhookEndpoints::create)
                .authenticatedRoute("GET", "/api/webhooks/info/?", webhookEndpoints::info)
                .authenticatedRoute("GET", "/api/webhooks/(\\d+)/?", webhookEndpoints::get)
                .authenticatedRoute("PATCH", "/api/webhooks/(\\d+)/?", webhookEndpoints::update)
                .authenticatedRoute("PUT", "/api/webhooks/(\\d+)/?", webhookEndpoints::update)
                .authenticatedRoute("DELETE", "/api/webhooks/(\\d+)/?", webhookEndpoints::delete);
    }

    /** Runs a Java hook; an API error becomes an IllegalArgumentException carrying the status and body. */
    private static <T> T hook(Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiError e) {
            throw new IllegalArgumentException("HTTP " + e.response().status() + ": "
                    + new String(e.response().body(), StandardCharsets.UTF_8), e);
        }
    }

    private HttpServer bind(int bindPort) {
        try {
            HttpServer httpServer = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), bindPort), 0);
            httpServer.createContext("/", router);
            httpServer.setExecutor(executor);
            httpServer.start();
            return httpServer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + bindPort, e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "label-studio-emulator-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
