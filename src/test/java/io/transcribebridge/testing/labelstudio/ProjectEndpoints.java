package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;

/** Project detail, update and list, plus the project's own task list. */
final class ProjectEndpoints {

    private final Store store;

    ProjectEndpoints(Store store) {
        this.store = store;
    }

    Response get(Request request) {
        StoredProject project = store.project(request.pathInt(0)).orElseThrow(Errors::notFound);
        return Response.json(200, representation(project));
    }

    ObjectNode representation(StoredProject project) {
        return Representations.project(project, store.tasks(project.id()));
    }

    /** Only title, show_collab_predictions and model_version are applied; other fields are ignored. */
    Response patch(Request request) {
        int id = request.pathInt(0);
        StoredProject project = store.project(id).orElseThrow(Errors::notFound);
        JsonNode body = RequestBodies.json(request, true).orElse(Json.object());
        if (!body.isObject()) {
            throw Errors.nonFieldError("Invalid data. Expected a dictionary, but got " + PythonRepr.typeName(body) + ".");
        }
        JsonNode modelVersion = body.get("model_version");
        if (modelVersion != null && !modelVersion.isNull()) {
            checkModelVersion(project, modelVersion.asText());
        }
        StoredProject updated = store.updateProject(id, p -> {
            StoredProject result = p;
            if (body.hasNonNull("title")) {
                result = result.withTitle(body.get("title").asText());
            }
            if (body.has("show_collab_predictions")) {
                result = result.withShowCollabPredictions(body.get("show_collab_predictions").asBoolean());
            }
            if (modelVersion != null && !modelVersion.isNull()) {
                result = result.withModelVersion(modelVersion.asText());
            }
            return result;
        });
        return Response.json(200, representation(updated));
    }

    /**
     * {@code ProjectSerializer.validate_model_version}: a change to a non-empty version must name a live ML
     * backend (there are none here) or a version that existing predictions carry.
     */
    private void checkModelVersion(StoredProject project, String requested) {
        if (!requested.equals(project.modelVersion()) && !requested.isEmpty()
                && !store.hasPredictionWithModelVersion(project.id(), requested)) {
            throw Errors.fieldError("model_version",
                    "Model version doesn't exist either as live model or as static predictions.");
        }
    }

    /** {@code GET /api/projects/}: DRF page-number pagination, 30 per page, optional {@code title} filter. */
    Response list(Request request) {
        String title = request.queryParam("title").orElse("");
        List<StoredProject> matching = store.projects().stream()
                .filter(p -> p.title().toLowerCase().contains(title.toLowerCase()))
                .sorted(Comparator.comparingInt(StoredProject::id).reversed())
                .toList();
        int page = Pages.intParam(request, "page", 1);
        int pageSize = Math.min(Pages.intParam(request, "page_size", 30), 100);
        List<StoredProject> slice = Pages.page(matching, page, pageSize)
                .orElseThrow(() -> Errors.detail(404, "Invalid page."));
        ObjectNode body = Json.object();
        body.put("count", matching.size());
        body.putNull("next");
        body.putNull("previous");
        ArrayNode results = body.putArray("results");
        slice.forEach(p -> results.add(representation(p)));
        return Response.json(200, body);
    }

    /**
     * {@code GET /api/projects/{id}/tasks}: a plain list (newest first, 50 per page) and a 404 when the page
     * is empty, including page 1 of a project without tasks.
     */
    Response tasks(Request request) {
        StoredProject project = store.project(request.pathInt(0)).orElseThrow(Errors::notFound);
        List<StoredTask> tasks = store.tasks(project.id()).stream()
                .sorted(Comparator.comparingInt(StoredTask::id).reversed())
                .toList();
        int pageSize = Pages.intParam(request, "page_size", 50);
        List<StoredTask> slice = pageSize == -1 ? tasks
                : Pages.page(tasks, Pages.intParam(request, "page", 1), pageSize).orElse(List.of());
        if (slice.isEmpty()) {
            throw Errors.notFound();
        }
        ArrayNode body = Json.array();
        slice.forEach(t -> body.add(Representations.projectTask(t)));
        return Response.json(200, body);
    }
}
