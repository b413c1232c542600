package io.transcribebridge.review;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.labelstudio.LabelStudioTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles what one accepted webhook is about, then forgets it (deletes it from the inbox). The event says only
 * which task changed: its state is read back from Label Studio ({@code GET /api/tasks/{id}/}), so an event that
 * arrives late or twice settles the current review, never the one it describes. {@code ANNOTATIONS_DELETED}
 * carries annotation ids only: the index written with each record names their task. When Label Studio cannot be
 * asked, the event stays in the inbox and the next reconciliation sweep settles the task.
 */
public class ReviewEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewEvents.class);

    private final ReviewApi api;
    private final ReviewSettler settler;
    private final ReviewStore store;
    private final ObjectMapper mapper;
    private final Consumer<String> failures;

    public ReviewEvents(ReviewApi api, ReviewSettler settler, ReviewStore store, ObjectMapper mapper,
                        Consumer<String> failures) {
        this.api = api;
        this.settler = settler;
        this.store = store;
        this.mapper = mapper;
        this.failures = failures;
    }

    public void handle(ReviewInbox.Accepted accepted) {
        try {
            settle(accepted.event());
            store.delete(accepted.key());
        } catch (IOException | RuntimeException e) {
            failures.accept(accepted.event().path("action").asText(""));
            LOG.warn("Review event {} ({}) not settled yet: {}; it stays in s3://{}/{} and the reconciliation sweep "
                     + "settles its task", accepted.event().path("action").asText(), describe(accepted.event()),
                    e.getMessage(), store.output().bucket(), accepted.key());
        }
    }

    void settle(JsonNode event) throws IOException {
        String action = event.path("action").asText("");
        if (action.equals("ANNOTATIONS_DELETED")) {
            Map<Long, String> tasks = new LinkedHashMap<>();
            for (JsonNode annotation : event.path("annotations")) {
                long id = annotation.path("id").asLong();
                String indexKey = store.output().reviewIndexKey(id);
                Optional<String> index = store.get(indexKey);
                if (index.isPresent()) {
                    JsonNode entry = mapper.readTree(index.get());
                    tasks.put(entry.path("taskId").asLong(), entry.path("jobName").asText(""));
                    store.delete(indexKey);
                }
            }
            for (Map.Entry<Long, String> task : tasks.entrySet()) {
                settleTask(task.getKey(), task.getValue());
            }
            return;
        }
        long taskId = event.path("task").path("id").asLong(event.path("annotation").path("task").asLong(-1));
        settleTask(taskId, event.path("task").path("data").path(LabelStudioTasks.JOB_NAME_FIELD).asText(""));
    }

    private void settleTask(long taskId, String jobName) throws IOException {
        Optional<JsonNode> task = api.task(taskId);
        if (task.isEmpty()) {
            if (!jobName.isEmpty()) {
                settler.removeTask(jobName);
            }
            return;
        }
        Optional<TaskReview> review = TaskReview.of(task.get());
        if (review.isPresent()) {
            settler.settle(review.get());
        }
    }

    private static String describe(JsonNode event) {
        if (event.has("annotations")) {
            return "annotations " + event.path("annotations").findValuesAsText("id");
        }
        return "task " + event.path("task").path("id").asText(event.path("annotation").path("task").asText("?"))
               + ", annotation " + event.path("annotation").path("id").asText("?");
    }
}
