package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /api/projects/{id}/import}, Community edition (synchronous), in the order of
 * {@code ImportAPI.create} / {@code sync_import}: query params, project lookup, body parsing
 * ({@code load_tasks}), strict prediction validation (runs even with commit_to_project=false), then task
 * validation, result normalisation and an all-or-nothing commit, then the TASKS_CREATED webhooks.
 */
final class ImportEndpoint {

    private final Store store;
    private final Faults faults;
    private final BooleanSupplier strictPredictionValidation;
    private final WebhookSender webhooks;

    ImportEndpoint(Store store, Faults faults, BooleanSupplier strictPredictionValidation, WebhookSender webhooks) {
        this.store = store;
        this.faults = faults;
        this.strictPredictionValidation = strictPredictionValidation;
        this.webhooks = webhooks;
    }

    Response handle(Request request) {
        try {
            return importTasks(request);
        } finally {
            // After the commit: models "LS committed, but the client gave up waiting".
            faults.sleepBeforeImportAnswer();
        }
    }

    private Response importTasks(Request request) {
        long started = System.nanoTime();
        boolean commit = RequestBodies.boolParam(request, "commit_to_project", true);
        boolean returnTaskIds = RequestBodies.boolParam(request, "return_task_ids", false);
        StoredProject project = store.project(request.pathInt(0)).orElseThrow(Errors::notFound);
        ArrayNode items = loadTasks(request);
        if (strictPredictionValidation.getAsBoolean()) {
            rejectInvalidPredictions(project.config(), items);
        }
        ObjectNode body = Json.object();
        List<StoredTask> created = List.of();
        if (commit) {
            TaskValidator.Validated validated = new TaskValidator(project.config()).validate(items);
            created = store.commit(project.id(), toNewTasks(validated, project.config()));
            emitTasksCreated(project.id(), created);
            body.put("task_count", created.size());
            body.put("annotation_count", created.stream().mapToInt(t -> t.annotations().size()).sum());
            body.put("prediction_count", created.stream().mapToInt(t -> t.predictions().size()).sum());
        } else {
            body.put("task_count", items.size());
            body.putNull("annotation_count");
            body.putNull("prediction_count");
        }
        body.put("duration", (System.nanoTime() - started) / 1e9);
        body.putArray("file_upload_ids");
        body.put("could_be_tasks_list", false);
        body.putArray("found_formats");
        body.putArray("data_columns");
        if (returnTaskIds && !created.isEmpty()) {
            ArrayNode ids = body.putArray("task_ids");
            created.forEach(t -> ids.add(t.id()));
        }
        return Response.json(201, body);
    }

    /** TASKS_CREATED, once per import, after the commit and before the answer. */
    private void emitTasksCreated(int projectId, List<StoredTask> created) {
        webhooks.emit(projectId, "TASKS_CREATED", () -> {
            ObjectNode payload = Json.object();
            ArrayNode tasks = payload.putArray("tasks");
            created.forEach(t -> tasks.add(Representations.webhookTask(t)));
            store.project(projectId).ifPresent(p ->
                    payload.set("project", Representations.project(p, store.tasks(projectId))));
            return payload;
        });
    }

    /** {@code load_tasks}: a list, or one object wrapped into a list; anything else is "no data". */
    private static ArrayNode loadTasks(Request request) {
        JsonNode body = RequestBodies.json(request, true)
                .orElseThrow(() -> Errors.nonFieldError("load_tasks: No data found in DATA or in FILES"));
        if (body.isObject()) {
            ArrayNode wrapped = Json.array();
            wrapped.add(body);
            return wrapped;
        }
        if (!body.isArray()) {
            throw Errors.nonFieldError("load_tasks: No data found in DATA or in FILES");
        }
        if (body.isEmpty()) {
            throw Errors.nonFieldError("load_tasks: No tasks added");
        }
        return (ArrayNode) body;
    }

    private static void rejectInvalidPredictions(LabelConfig config, ArrayNode items) {
        PredictionValidator validator = new PredictionValidator(config);
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode predictions = items.get(i).path("predictions");
            if (!predictions.isArray()) {
                continue;
            }
            for (int j = 0; j < predictions.size(); j++) {
                for (String error : validator.validate(predictions.get(j))) {
                    errors.add("Task " + i + ", prediction " + j + ": " + error);
                }
            }
        }
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("Prediction validation failed (" + errors.size() + " errors):\n");
            errors.forEach(e -> message.append("- ").append(e).append('\n'));
            ObjectNode validationErrors = Json.object();
            validationErrors.putArray("predictions").add(message.toString());
            throw Errors.validation(validationErrors);
        }
    }

    private static List<NewTask> toNewTasks(TaskValidator.Validated validated, LabelConfig config) {
        List<NewTask> result = new ArrayList<>();
        for (ObjectNode task : validated.tasks()) {
            List<NewTask.Prediction> predictions = new ArrayList<>();
            for (JsonNode prediction : task.path("predictions")) {
                if (prediction.isObject()) {
                    predictions.add(toPrediction(prediction, config));
                }
            }
            List<JsonNode> annotations = new ArrayList<>();
            task.path("annotations").forEach(a -> {
                if (a.isObject()) {
                    annotations.add(a);
                }
            });
            JsonNode meta = task.has("meta") ? task.get("meta") : Json.object();
            result.add(new NewTask(task.get("data"), meta, predictions, annotations));
        }
        return result;
    }

    /** {@code add_predictions}: score cast to float (null if it cannot be), model_version default "undefined". */
    private static NewTask.Prediction toPrediction(JsonNode prediction, LabelConfig config) {
        JsonNode result = PredictionResults.normalise(prediction.get("result"), config);
        JsonNode rawScore = prediction.get("score");
        Double score = rawScore == null || rawScore.isNull() ? null
                : PredictionValidator.pythonFloat(rawScore).orElse(null);
        JsonNode version = prediction.get("model_version");
        String modelVersion = version == null ? "undefined" : version.isNull() ? null : PythonRepr.str(version);
        return new NewTask.Prediction(result, score, modelVersion);
    }
}
