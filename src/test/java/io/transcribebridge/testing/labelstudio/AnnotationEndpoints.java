package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The annotation API of the editor (TaskAnnotationsAPI, AnnotationAPI) and the task detail. Each change is
 * stored first, then the webhooks fire synchronously, then the caller gets its answer: as in LS, a slow
 * receiver delays the save by up to {@link WebhookSender#TIMEOUT} per webhook. The emulator's Java hooks call
 * {@link #create}, {@link #update} and {@link #delete}, so they go the same way.
 */
final class AnnotationEndpoints {

    static final String CREATED = "ANNOTATION_CREATED";
    static final String UPDATED = "ANNOTATION_UPDATED";
    static final String DELETED = "ANNOTATIONS_DELETED";

    private final Store store;
    private final WebhookSender webhooks;

    AnnotationEndpoints(Store store, WebhookSender webhooks) {
        this.store = store;
        this.webhooks = webhooks;
    }

    // ---- HTTP

    /** {@code GET /api/tasks/{id}/}: annotations (cancelled ones too) and predictions inline. */
    Response task(Request request) {
        StoredTask task = store.task(request.pathInt(0)).orElseThrow(Errors::notFound);
        return Response.json(200, Representations.taskDetail(task));
    }

    /** {@code GET /api/tasks/{id}/annotations/}: a plain list WITHOUT the cancelled annotations. */
    Response listForTask(Request request) {
        StoredTask task = store.task(request.pathInt(0)).orElseThrow(Errors::notFound);
        ArrayNode body = Json.array();
        task.annotations().stream().filter(a -> !a.wasCancelled())
                .forEach(a -> body.add(Representations.annotation(a)));
        return Response.json(200, body);
    }

    /** {@code POST /api/tasks/{id}/annotations/}; {@code ?was_cancelled=1} skips like the body field does. */
    Response createForTask(Request request) {
        int taskId = request.pathInt(0);
        store.task(taskId).orElseThrow(Errors::notFound);
        ObjectNode body = objectBody(request);
        if (RequestBodies.boolParam(request, "was_cancelled", false)) {
            body.put("was_cancelled", true);
        }
        return Response.json(201, Representations.annotation(create(taskId, body)));
    }

    Response get(Request request) {
        return Response.json(200, Representations.annotation(existing(request.pathInt(0))));
    }

    /** PATCH and PUT: both apply the fields that are present. */
    Response patch(Request request) {
        int id = request.pathInt(0);
        existing(id);
        return Response.json(200, Representations.annotation(update(id, objectBody(request))));
    }

    Response deleteOne(Request request) {
        int id = request.pathInt(0);
        existing(id);
        delete(id);
        return Response.empty(204);
    }

    // ---- the code path shared with the Java hooks

    /** Creates an annotation from an editor body {@code {result, was_cancelled?, ground_truth?, lead_time?}}. */
    StoredAnnotation create(int taskId, JsonNode body) {
        StoredTask task = store.task(taskId).orElseThrow(Errors::notFound);
        StoredProject project = store.project(task.projectId()).orElseThrow(Errors::notFound);
        ObjectNode errors = Json.object();
        JsonNode result = body.has("result") ? body.get("result") : Json.array();
        resultError(result, project.config()).ifPresent(e -> errors.putArray("result").add(e));
        boolean cancelled = RequestBodies.bool(body, "was_cancelled", false, errors);
        boolean groundTruth = RequestBodies.bool(body, "ground_truth", false, errors);
        Double leadTime = leadTime(body, null, errors);
        if (!errors.isEmpty()) {
            throw Errors.validation(errors);
        }
        StoredAnnotation created = store.createAnnotation(taskId, result.deepCopy(), cancelled, groundTruth,
                leadTime, t -> predictionSnapshot(t));
        emit(CREATED, created);
        return created;
    }

    /**
     * Applies {@code result}, {@code was_cancelled}, {@code ground_truth} and {@code lead_time} when present;
     * {@code ground_truth: true} takes the flag away from the task's other annotations. Always a new updated_at.
     */
    StoredAnnotation update(int id, JsonNode body) {
        StoredAnnotation current = store.annotation(id).orElseThrow(Errors::notFound);
        StoredProject project = store.project(current.projectId()).orElseThrow(Errors::notFound);
        ObjectNode errors = Json.object();
        JsonNode result = body.has("result") ? body.get("result") : current.result();
        if (body.has("result")) {
            resultError(result, project.config()).ifPresent(e -> errors.putArray("result").add(e));
        }
        boolean cancelled = RequestBodies.bool(body, "was_cancelled", current.wasCancelled(), errors);
        boolean groundTruth = RequestBodies.bool(body, "ground_truth", current.groundTruth(), errors);
        Double leadTime = leadTime(body, current.leadTime(), errors);
        if (!errors.isEmpty()) {
            throw Errors.validation(errors);
        }
        JsonNode newResult = result == null ? null : result.deepCopy();
        StoredAnnotation updated = store.updateAnnotation(id, body.path("ground_truth").asBoolean(false),
                (a, now) -> a.updated(newResult, cancelled, groundTruth, leadTime, now));
        emit(UPDATED, updated);
        return updated;
    }

    void delete(int id) {
        StoredAnnotation deleted = store.deleteAnnotation(id).orElseThrow(Errors::notFound);
        webhooks.emit(deleted.projectId(), DELETED, () -> {
            ObjectNode payload = Json.object();
            payload.putArray("annotations").addObject().put("id", deleted.id());
            store.project(deleted.projectId()).ifPresent(p ->
                    payload.set("project", Representations.project(p, store.tasks(p.id()))));
            return payload;
        });
    }

    private void emit(String action, StoredAnnotation annotation) {
        webhooks.emit(annotation.projectId(), action, () -> {
            ObjectNode payload = Json.object();
            payload.set("annotation", Representations.webhookAnnotation(annotation));
            store.task(annotation.taskId()).ifPresent(t -> payload.set("task", Representations.webhookTask(t)));
            store.project(annotation.projectId()).ifPresent(p ->
                    payload.set("project", Representations.project(p, store.tasks(p.id()))));
            return payload;
        });
    }

    /** Called inside the store's transaction: the task's prediction of the project's current model_version. */
    private JsonNode predictionSnapshot(StoredTask task) {
        String modelVersion = store.project(task.projectId()).map(StoredProject::modelVersion).orElse(null);
        return task.predictions().stream()
                .filter(p -> modelVersion != null && modelVersion.equals(p.modelVersion()))
                .findFirst()
                .<JsonNode>map(Representations::prediction)
                .orElseGet(Json::object);
    }

    private StoredAnnotation existing(int id) {
        return store.annotation(id).orElseThrow(Errors::notFound);
    }

    private static ObjectNode objectBody(Request request) {
        JsonNode body = RequestBodies.json(request, true).orElse(Json.object());
        if (!body.isObject()) {
            throw Errors.nonFieldError("Invalid data. Expected a dictionary, but got " + PythonRepr.typeName(body) + ".");
        }
        return (ObjectNode) body;
    }

    /**
     * Loose check (LS 1.7.4 itself validates annotation results hardly at all): a list of objects whose
     * {@code from_name} is a control tag and {@code to_name} an object tag of the label config.
     */
    static Optional<String> resultError(JsonNode result, LabelConfig config) {
        if (result == null || result.isNull()) {
            return Optional.empty();
        }
        if (!result.isArray()) {
            return Optional.of("Expected a list of items but got type \"" + PythonRepr.typeName(result) + "\".");
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            JsonNode item = result.get(i);
            if (!item.isObject()) {
                problems.add("result[" + i + "] is not an object");
                continue;
            }
            String fromName = item.path("from_name").asText("");
            String toName = item.path("to_name").asText("");
            if (!config.controls().containsKey(fromName)) {
                problems.add("result[" + i + "]: from_name '" + fromName + "' is not a control tag of the label config");
            }
            if (!config.objects().containsKey(toName)) {
                problems.add("result[" + i + "]: to_name '" + toName + "' is not an object tag of the label config");
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static Double leadTime(JsonNode body, Double fallback, ObjectNode errors) {
        JsonNode value = body.get("lead_time");
        if (value == null) {
            return fallback;
        }
        if (value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        errors.putArray("lead_time").add("A valid number is required.");
        return fallback;
    }
}
