package io.transcribebridge.labelstudio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Finds the task an object version already became. Label Studio's import is not idempotent, so after any
 * ambiguous outcome (a timeout or a crash after the request was sent) the service asks the Data Manager for tasks
 * whose {@code data.transcribe_job} is the job name ({@code GET /api/tasks/?project=&query=}) before importing.
 */
public final class LabelStudioTasks {

    /** Task data key holding the job name; the job name identifies the object version (bucket, key, ETag). */
    public static final String JOB_NAME_FIELD = "transcribe_job";

    private final ObjectMapper mapper;
    private final int projectId;

    public LabelStudioTasks(ObjectMapper mapper, int projectId) {
        this.mapper = mapper;
        this.projectId = projectId;
    }

    /** The query string of the Data Manager task list, filtered on the job name; already URL-encoded. */
    public String query(String jobName) {
        ObjectNode filters = mapper.createObjectNode();
        ObjectNode filter = filters.putObject("filters").put("conjunction", "and").putArray("items").addObject();
        filter.put("filter", "filter:tasks:data." + JOB_NAME_FIELD);
        filter.put("operator", "equal");
        filter.put("type", "String");
        filter.put("value", jobName);
        return "project=" + projectId + "&page_size=10&fields=all&query="
               + URLEncoder.encode(filters.toString(), StandardCharsets.UTF_8);
    }

    /**
     * The tasks of the answer that really carry the job name (an older server that ignores the filter returns
     * other tasks too), or {@code null} when there are none.
     */
    public ImportResult existing(String body, String jobName) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("Label Studio's task list answered with a body that is not JSON");
        }
        JsonNode tasks = json.isArray() ? json : json.path("tasks");
        List<Long> ids = new ArrayList<>();
        for (JsonNode task : tasks) {
            if (jobName.equals(task.path("data").path(JOB_NAME_FIELD).asText(null))) {
                ids.add(task.path("id").asLong());
            }
        }
        return ids.isEmpty() ? null : new ImportResult(ids.size(), ids, null);
    }
}
