package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The Data Manager task list and the predictions list. */
final class TaskEndpoints {

    private final Store store;

    TaskEndpoints(Store store) {
        this.store = store;
    }

    /**
     * {@code GET /api/tasks?project=&query=&page=&page_size=&fields=}: oldest first, 100 per page. With
     * {@code fields=all} each task carries its annotations (cancelled ones too) and predictions; otherwise
     * only the counters.
     */
    Response dataManagerTasks(Request request) {
        int projectId = request.queryParam("project").flatMap(TaskEndpoints::parseInt).orElseThrow(Errors::notFound);
        store.project(projectId).orElseThrow(Errors::notFound);
        Predicate<StoredTask> filter = request.queryParam("query").map(TaskFilter::parse).orElse(t -> true);
        List<StoredTask> matching = store.tasks(projectId).stream().filter(filter).toList();
        int page = Pages.intParam(request, "page", 1);
        int pageSize = Pages.intParam(request, "page_size", 100);
        List<StoredTask> slice = Pages.page(matching, page, pageSize)
                .orElseThrow(() -> Errors.detail(404, "Invalid page."));
        ObjectNode body = Json.object();
        body.put("total_annotations", matching.stream().mapToInt(t -> t.totalAnnotations()).sum());
        body.put("total_predictions", matching.stream().mapToInt(t -> t.predictions().size()).sum());
        body.put("total", matching.size());
        ArrayNode tasks = body.putArray("tasks");
        boolean allFields = request.queryParam("fields").map("all"::equals).orElse(false);
        slice.forEach(t -> tasks.add(Representations.dataManagerTask(t, allFields)));
        return Response.json(200, body);
    }

    /** {@code GET /api/predictions?task=&project=}: an unpaginated list. */
    Response predictions(Request request) {
        Optional<Integer> task = request.queryParam("task").flatMap(TaskEndpoints::parseInt);
        Optional<Integer> project = request.queryParam("project").flatMap(TaskEndpoints::parseInt);
        ArrayNode body = Json.array();
        store.predictions().stream()
                .filter(p -> task.map(id -> id == p.taskId()).orElse(true))
                .filter(p -> project.map(id -> id == p.projectId()).orElse(true))
                .forEach(p -> body.add(Representations.prediction(p)));
        return Response.json(200, body);
    }

    Response prediction(Request request) {
        int id = request.pathInt(0);
        return store.predictions().stream().filter(p -> p.id() == id).findFirst()
                .map(p -> Response.json(200, Representations.prediction(p)))
                .orElseThrow(Errors::notFound);
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
