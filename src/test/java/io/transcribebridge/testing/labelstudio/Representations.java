package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** JSON shapes of the serializers LS uses for projects, tasks and predictions (the commonly read fields). */
final class Representations {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Representations() {
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static ObjectNode user() {
        ObjectNode user = Json.object();
        user.put("id", TokenAuthority.USER_ID);
        user.put("first_name", "");
        user.put("last_name", "");
        user.put("username", "emulator");
        user.put("email", "emulator@example.com");
        user.putNull("avatar");
        user.put("initials", "em");
        user.put("phone", "");
        user.put("active_organization", 1);
        user.putNull("allow_newsletters");
        return user;
    }

    static ObjectNode project(StoredProject project, List<StoredTask> tasks) {
        int predictionCount = tasks.stream().mapToInt(t -> t.predictions().size()).sum();
        ObjectNode node = Json.object();
        node.put("id", project.id());
        node.put("title", project.title());
        node.put("description", "");
        node.put("label_config", project.config().xml());
        node.put("expert_instruction", "");
        node.put("show_instruction", false);
        node.put("show_skip_button", true);
        node.put("enable_empty_annotation", true);
        node.put("show_annotation_history", false);
        node.put("organization", 1);
        node.put("color", "#FFFFFF");
        node.put("maximum_annotations", 1);
        node.put("is_published", false);
        node.put("model_version", project.modelVersion());
        node.put("is_draft", false);
        ObjectNode createdBy = node.putObject("created_by");
        createdBy.put("id", TokenAuthority.USER_ID);
        createdBy.put("first_name", "");
        createdBy.put("last_name", "");
        createdBy.put("email", "emulator@example.com");
        createdBy.putNull("avatar");
        node.put("created_at", timestamp(project.createdAt()));
        node.put("min_annotations_to_start_training", 0);
        node.put("start_training_on_annotation_update", false);
        node.put("show_collab_predictions", project.showCollabPredictions());
        node.put("num_tasks_with_annotations", 0);
        node.put("task_number", tasks.size());
        node.put("useful_annotation_number", 0);
        node.put("ground_truth_number", 0);
        node.put("skipped_annotations_number", 0);
        node.put("total_annotations_number", tasks.stream().mapToInt(t -> t.annotations().size()).sum());
        node.put("total_predictions_number", predictionCount);
        node.put("sampling", "Sequential sampling");
        node.put("show_ground_truth_first", false);
        node.put("show_overlap_first", false);
        node.put("overlap_cohort_percentage", 100);
        node.putNull("task_data_login");
        node.putNull("task_data_password");
        node.set("control_weights", controlWeights(project.config()));
        node.set("parsed_label_config", project.config().parsedLabelConfig());
        node.put("evaluate_predictions_automatically", false);
        node.put("config_has_control_tags", !project.config().controls().isEmpty());
        node.put("skip_queue", "REQUEUE_FOR_OTHERS");
        node.put("reveal_preannotations_interactively", false);
        node.putNull("pinned_at");
        node.put("finished_task_number", 0);
        node.put("queue_total", tasks.size());
        node.put("queue_done", 0);
        return node;
    }

    private static ObjectNode controlWeights(LabelConfig config) {
        ObjectNode weights = Json.object();
        for (LabelConfig.ControlTag control : config.controls().values()) {
            ObjectNode weight = weights.putObject(control.name());
            weight.put("type", control.tag());
            ObjectNode labels = weight.putObject("labels");
            control.labelValues().forEach(label -> labels.put(label, 1.0));
            weight.put("overall", 1.0);
        }
        return weights;
    }

    static ObjectNode prediction(StoredPrediction prediction) {
        ObjectNode node = Json.object();
        node.put("id", prediction.id());
        node.put("model_version", prediction.modelVersion());
        node.put("created_ago", "0\u00a0minutes");
        node.set("result", prediction.result().deepCopy());
        node.put("score", prediction.score());
        node.putNull("cluster");
        node.putNull("neighbors");
        node.put("mislabeling", 0.0);
        node.put("created_at", timestamp(prediction.createdAt()));
        node.put("updated_at", timestamp(prediction.createdAt()));
        node.putNull("model");
        node.putNull("model_run");
        node.put("task", prediction.taskId());
        node.put("project", prediction.projectId());
        return node;
    }

    /** {@code GET /api/projects/{id}/tasks}: TaskSimpleSerializer, predictions inline. */
    static ObjectNode projectTask(StoredTask task) {
        ObjectNode node = Json.object();
        node.put("id", task.id());
        ArrayNode predictions = node.putArray("predictions");
        task.predictions().forEach(p -> predictions.add(prediction(p)));
        ArrayNode annotations = node.putArray("annotations");
        task.annotations().forEach(a -> annotations.add(a.deepCopy()));
        node.putArray("drafts");
        commonTaskFields(node, task);
        return node;
    }

    /** {@code GET /api/tasks}: the Data Manager serializer, which lists predictions only as aggregates. */
    static ObjectNode dataManagerTask(StoredTask task) {
        ObjectNode node = Json.object();
        node.put("id", task.id());
        commonTaskFields(node, task);
        node.putArray("annotators");
        ArrayNode versions = node.putArray("predictions_model_versions");
        task.predictions().stream().map(StoredPrediction::modelVersion).filter(Objects::nonNull).distinct()
                .forEach(versions::add);
        double[] scores = task.predictions().stream().map(StoredPrediction::score).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray();
        if (scores.length == 0) {
            node.putNull("predictions_score");
        } else {
            node.put("predictions_score", Arrays.stream(scores).average().orElse(0));
        }
        node.put("annotations_results", "");
        node.put("predictions_results", "");
        node.put("annotations_ids", "");
        return node;
    }

    private static void commonTaskFields(ObjectNode node, StoredTask task) {
        node.set("data", task.data().deepCopy());
        node.set("meta", task.meta().deepCopy());
        node.put("created_at", timestamp(task.createdAt()));
        node.put("updated_at", timestamp(task.createdAt()));
        node.put("is_labeled", false);
        node.put("overlap", 1);
        node.put("inner_id", task.innerId());
        node.put("total_annotations", task.annotations().size());
        node.put("cancelled_annotations", 0);
        node.put("total_predictions", task.predictions().size());
        node.put("comment_count", 0);
        node.put("unresolved_comment_count", 0);
        node.putNull("last_comment_updated_at");
        node.put("project", task.projectId());
        node.putNull("updated_by");
        node.putNull("file_upload");
        node.putArray("comment_authors");
    }
}
