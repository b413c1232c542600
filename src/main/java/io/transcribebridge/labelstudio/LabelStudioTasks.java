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
        return query(List.of(jobName));
    }

    /** The look-up of the batch's tasks that may exist already. */
    public String lookupQuery(ImportBatch batch) {
        return query(batch.mayExist());
    }

    /** The same for several jobs at once ({@code or} of one filter per job). */
    String query(List<String> jobNames) {
        ObjectNode filters = mapper.createObjectNode();
        var items = filters.putObject("filters").put("conjunction", "or").putArray("items");
        for (String jobName : jobNames) {
            ObjectNode filter = items.addObject();
            filter.put("filter", "filter:tasks:data." + JOB_NAME_FIELD);
            filter.put("operator", "equal");
            filter.put("type", "String");
            filter.put("value", jobName);
        }
        return "project=" + projectId + "&page_size=" + Math.max(10, 2 * jobNames.size()) + "&fields=all&query="
               + URLEncoder.encode(filters.toString(), StandardCharsets.UTF_8);
    }

    /** Records in the batch the tasks the answer holds for its jobs. */
    public ImportBatch recordExisting(ImportBatch batch, String body) {
        JsonNode tasks = tasks(body);
        for (String jobName : batch.mayExist()) {
            List<Long> ids = idsFor(tasks, jobName);
            if (!ids.isEmpty()) {
                batch.foundExisting(jobName, ids);
            }
        }
        return batch;
    }

    /**
     * The tasks of the answer that really carry the job name (an older server that ignores the filter returns
     * other tasks too), or {@code null} when there are none.
     */
    public ImportResult existing(String body, String jobName) {
        List<Long> ids = idsFor(tasks(body), jobName);
        return ids.isEmpty() ? null : new ImportResult(ids.size(), ids, null);
    }

    private JsonNode tasks(String body) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("Label Studio's task list answered with a body that is not JSON");
        }
        return json.isArray() ? json : json.path("tasks");
    }

    private static List<Long> idsFor(JsonNode tasks, String jobName) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode task : tasks) {
            if (jobName.equals(task.path("data").path(JOB_NAME_FIELD).asText(null))) {
                ids.add(task.path("id").asLong());
            }
        }
        return ids;
    }
}
