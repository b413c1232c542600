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

    /**
     * The query string of the Data Manager task list for the batch's tasks that may exist already: an {@code or} of
     * one filter per job name; already URL-encoded.
     */
    public String lookupQuery(ImportBatch batch) {
        List<String> jobNames = batch.mayExist();
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

    /**
     * Records in the batch the tasks of the answer that really carry one of its job names (an older server that
     * ignores the filter returns other tasks too).
     */
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
