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
        node.put("num_tasks_with_annotations", (int) tasks.stream().filter(t -> t.totalAnnotations() > 0).count());
        node.put("task_number", tasks.size());
        node.put("useful_annotation_number", 0);
        node.put("ground_truth_number", (int) tasks.stream().flatMap(t -> t.annotations().stream())
                .filter(StoredAnnotation::groundTruth).count());
        node.put("skipped_annotations_number", tasks.stream().mapToInt(StoredTask::cancelledAnnotations).sum());
        node.put("total_annotations_number", tasks.stream().mapToInt(StoredTask::totalAnnotations).sum());
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
        int finished = (int) tasks.stream().filter(StoredTask::isLabeled).count();
        node.put("finished_task_number", finished);
        node.put("queue_total", tasks.size());
        node.put("queue_done", finished);
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
        task.annotations().forEach(a -> annotations.add(annotation(a)));
        node.putArray("drafts");
        commonTaskFields(node, task);
        return node;
    }

    /** {@code GET /api/tasks/{id}/}: annotations (cancelled ones too) and predictions inline. */
    static ObjectNode taskDetail(StoredTask task) {
        return projectTask(task);
    }

    /** The webhook task serializer: every model field, no predictions, no annotations. */
    static ObjectNode webhookTask(StoredTask task) {
        ObjectNode node = Json.object();
        node.put("id", task.id());
        commonTaskFields(node, task);
        return node;
    }

    /**
     * The API's AnnotationSerializer: model fields except {@code prediction} and {@code result_count}, plus
     * {@code created_username} and {@code created_ago}.
     */
    static ObjectNode annotation(StoredAnnotation annotation) {
        ObjectNode node = Json.object();
        node.put("id", annotation.id());
        node.put("created_username", " emulator@example.com, " + annotation.completedBy());
        node.put("created_ago", "0\u00a0minutes");
        node.put("completed_by", annotation.completedBy());
        annotationModelFields(node, annotation);
        return node;
    }

    /** The webhook annotation serializer: every model field, {@code prediction} included. */
    static ObjectNode webhookAnnotation(StoredAnnotation annotation) {
        ObjectNode node = Json.object();
        node.put("id", annotation.id());
        annotationModelFields(node, annotation);
        node.set("prediction", annotation.prediction().deepCopy());
        node.put("result_count", annotation.result() != null && annotation.result().isArray()
                ? annotation.result().size() : 0);
        node.put("completed_by", annotation.completedBy());
        return node;
    }

    private static void annotationModelFields(ObjectNode node, StoredAnnotation annotation) {
        node.set("result", annotation.result() == null ? null : annotation.result().deepCopy());
        node.put("was_cancelled", annotation.wasCancelled());
        node.put("ground_truth", annotation.groundTruth());
        node.put("created_at", timestamp(annotation.createdAt()));
        node.put("updated_at", timestamp(annotation.updatedAt()));
        node.putNull("draft_created_at");
        node.put("lead_time", annotation.leadTime());
        node.putNull("import_id");
        node.put("last_action", annotation.lastAction());
        node.put("task", annotation.taskId());
        node.put("project", annotation.projectId());
        node.put("updated_by", annotation.completedBy());
        node.putNull("parent_prediction");
        node.putNull("parent_annotation");
        node.putNull("last_created_by");
    }

    static ObjectNode webhook(StoredWebhook webhook) {
        ObjectNode node = Json.object();
        node.put("id", webhook.id());
        node.put("organization", 1);
        node.put("project", webhook.project());
        node.put("url", webhook.url());
        node.put("send_payload", webhook.sendPayload());
        node.put("send_for_all_actions", webhook.sendForAllActions());
        ObjectNode headers = node.putObject("headers");
        webhook.headers().forEach(headers::put);
        node.put("is_active", webhook.isActive());
        ArrayNode actions = node.putArray("actions");
        webhook.actions().forEach(actions::add);
        node.put("created_at", timestamp(webhook.createdAt()));
        node.put("updated_at", timestamp(webhook.updatedAt()));
        return node;
    }

    /** {@code GET /api/tasks}: the Data Manager serializer, which lists predictions only as aggregates. */
    static ObjectNode dataManagerTask(StoredTask task) {
        return dataManagerTask(task, false);
    }

    /** With {@code allFields} ({@code fields=all}) the annotations (cancelled too) and predictions are inline. */
    static ObjectNode dataManagerTask(StoredTask task, boolean allFields) {
        ObjectNode node = Json.object();
        node.put("id", task.id());
        if (allFields) {
            ArrayNode annotations = node.putArray("annotations");
            task.annotations().forEach(a -> annotations.add(annotation(a)));
            ArrayNode predictions = node.putArray("predictions");
            task.predictions().forEach(p -> predictions.add(prediction(p)));
            node.putArray("drafts");
        }
        commonTaskFields(node, task);
        ArrayNode annotators = node.putArray("annotators");
        task.annotations().stream().map(StoredAnnotation::completedBy).distinct().forEach(annotators::add);
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
        node.put("completed_at", task.annotations().stream().filter(a -> !a.wasCancelled())
                .map(StoredAnnotation::createdAt).max(Instant::compareTo).map(Representations::timestamp).orElse(null));
        node.put("annotations_results", "");
        node.put("predictions_results", "");
        node.put("annotations_ids", String.join(", ",
                task.annotations().stream().map(a -> Integer.toString(a.id())).toList()));
        return node;
    }

    private static void commonTaskFields(ObjectNode node, StoredTask task) {
        node.set("data", task.data().deepCopy());
        node.set("meta", task.meta().deepCopy());
        node.put("created_at", timestamp(task.createdAt()));
        node.put("updated_at", timestamp(task.updatedAt()));
        node.put("is_labeled", task.isLabeled());
        node.put("overlap", 1);
        node.put("inner_id", task.innerId());
        node.put("total_annotations", task.totalAnnotations());
        node.put("cancelled_annotations", task.cancelledAnnotations());
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
