package io.transcribebridge.labelstudio;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answer of {@code POST /api/projects/{id}/import}: Community edition imports synchronously and, with
 * {@code return_task_ids=true}, lists the created task ids; Enterprise queues the import and returns its id.
 */
public record ImportResult(int taskCount, List<Long> taskIds, Long importId) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ImportResult {
        taskIds = List.copyOf(taskIds);
    }

    public static ImportResult parse(String body) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("Label Studio import answered with a body that is not JSON");
        }
        List<Long> ids = new ArrayList<>();
        json.path("task_ids").forEach(id -> ids.add(id.asLong()));
        Long importId = json.path("import").canConvertToLong() ? json.path("import").asLong() : null;
        return new ImportResult(json.path("task_count").asInt(ids.size()), ids, importId);
    }

    /** For the log line: the task id(s), or the queued import id. */
    @Override
    public String toString() {
        if (!taskIds.isEmpty()) {
            return taskIds.size() == 1 ? "task " + taskIds.get(0) : "tasks " + taskIds;
        }
        if (importId != null) {
            return "queued import " + importId;
        }
        return taskCount + " task(s)";
    }
}
