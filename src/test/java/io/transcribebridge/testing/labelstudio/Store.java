package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * In-memory database. Every method is synchronized, so one import is one transaction: all of its tasks
 * become visible at once or not at all. Ids are global sequences starting at 1, as in a fresh database.
 * Timestamps have microsecond precision (as PostgreSQL/Django keep them) and strictly increase from one write to
 * the next, even within the same microsecond, so that "updated later" is always well defined.
 */
final class Store {

    private final Clock clock;
    private final Map<Integer, StoredProject> projects = new LinkedHashMap<>();
    private final Map<Integer, StoredTask> tasks = new LinkedHashMap<>();
    private final Map<Integer, StoredWebhook> webhooks = new LinkedHashMap<>();
    private Instant lastStamp = Instant.EPOCH;
    private int nextProjectId = 1;
    private int nextTaskId = 1;
    private int nextPredictionId = 1;
    private int nextAnnotationId = 1;
    private int nextWebhookId = 1;

    Store(Clock clock) {
        this.clock = clock;
    }

    synchronized int createProject(String title, LabelConfig config) {
        int id = nextProjectId++;
        projects.put(id, new StoredProject(id, title, config, "", true, stamp()));
        return id;
    }

    synchronized Optional<StoredProject> project(int id) {
        return Optional.ofNullable(projects.get(id));
    }

    synchronized List<StoredProject> projects() {
        return List.copyOf(projects.values());
    }

    synchronized StoredProject updateProject(int id, UnaryOperator<StoredProject> change) {
        StoredProject updated = change.apply(projects.get(id));
        projects.put(id, updated);
        return updated;
    }

    synchronized List<StoredTask> tasks(int projectId) {
        return tasks.values().stream().filter(t -> t.projectId() == projectId).toList();
    }

    synchronized List<StoredPrediction> predictions() {
        return tasks.values().stream().flatMap(t -> t.predictions().stream()).toList();
    }

    synchronized boolean hasPredictionWithModelVersion(int projectId, String modelVersion) {
        return tasks(projectId).stream()
                .flatMap(t -> t.predictions().stream())
                .anyMatch(p -> modelVersion.equals(p.modelVersion()));
    }

    /**
     * Like {@code BaseTaskSerializerBulk.create}: bulk-creates the tasks, then their predictions, then sets the
     * project's model_version to the LAST prediction's version if the project had none.
     */
    synchronized List<StoredTask> commit(int projectId, List<NewTask> newTasks) {
        int innerId = tasks(projectId).stream().mapToInt(StoredTask::innerId).max().orElse(0);
        List<StoredTask> created = new ArrayList<>();
        boolean anyPrediction = false;
        String lastModelVersion = null;
        for (NewTask newTask : newTasks) {
            int taskId = nextTaskId++;
            List<StoredPrediction> predictions = new ArrayList<>();
            for (NewTask.Prediction p : newTask.predictions()) {
                predictions.add(new StoredPrediction(nextPredictionId++, taskId, projectId, p.result(), p.score(),
                        p.modelVersion(), stamp()));
                anyPrediction = true;
                lastModelVersion = p.modelVersion();
            }
            Instant now = stamp();
            List<StoredAnnotation> annotations = new ArrayList<>();
            for (JsonNode a : newTask.annotations()) {
                JsonNode result = a.has("result") ? a.get("result") : Json.array();
                JsonNode leadTime = a.get("lead_time");
                annotations.add(new StoredAnnotation(nextAnnotationId++, taskId, projectId, result,
                        a.path("was_cancelled").asBoolean(false), a.path("ground_truth").asBoolean(false),
                        leadTime != null && leadTime.isNumber() ? leadTime.asDouble() : null, Json.object(),
                        TokenAuthority.USER_ID, now, now, "imported"));
            }
            StoredTask task = new StoredTask(taskId, projectId, ++innerId, newTask.data(), newTask.meta(),
                    List.copyOf(predictions), List.copyOf(annotations), now, now);
            tasks.put(taskId, task);
            created.add(task);
        }
        StoredProject project = projects.get(projectId);
        if (anyPrediction && lastModelVersion != null
                && (project.modelVersion() == null || project.modelVersion().isEmpty())) {
            projects.put(projectId, project.withModelVersion(lastModelVersion));
        }
        return created;
    }

    synchronized Optional<StoredTask> task(int id) {
        return Optional.ofNullable(tasks.get(id));
    }

    synchronized Optional<StoredAnnotation> annotation(int id) {
        return tasks.values().stream().flatMap(t -> t.annotations().stream()).filter(a -> a.id() == id).findFirst();
    }

    /**
     * Adds an annotation to the task and returns it; {@code prediction} is computed from the project and task as
     * they are at this moment (inside the transaction).
     */
    synchronized StoredAnnotation createAnnotation(int taskId, JsonNode result, boolean wasCancelled,
                                                   boolean groundTruth, Double leadTime,
                                                   Function<StoredTask, JsonNode> prediction) {
        StoredTask task = tasks.get(taskId);
        Instant now = stamp();
        StoredAnnotation created = new StoredAnnotation(nextAnnotationId++, taskId, task.projectId(), result,
                wasCancelled, groundTruth, leadTime, prediction.apply(task), TokenAuthority.USER_ID, now, now,
                null);
        List<StoredAnnotation> annotations = new ArrayList<>(task.annotations());
        annotations.add(created);
        tasks.put(taskId, task.withAnnotations(annotations, now));
        return created;
    }

    /**
     * Replaces annotation {@code id} by {@code change} applied with a fresh timestamp; when the new version is
     * ground truth and {@code exclusiveGroundTruth}, the task's other annotations lose the flag.
     */
    synchronized StoredAnnotation updateAnnotation(int id, boolean exclusiveGroundTruth,
                                                   BiFunction<StoredAnnotation, Instant,
                                                           StoredAnnotation> change) {
        StoredAnnotation current = annotation(id).orElseThrow();
        StoredTask task = tasks.get(current.taskId());
        Instant now = stamp();
        StoredAnnotation updated = change.apply(current, now);
        List<StoredAnnotation> annotations = new ArrayList<>();
        for (StoredAnnotation a : task.annotations()) {
            if (a.id() == id) {
                annotations.add(updated);
            } else if (exclusiveGroundTruth && updated.groundTruth() && a.groundTruth()) {
                annotations.add(a.withGroundTruth(false));
            } else {
                annotations.add(a);
            }
        }
        tasks.put(task.id(), task.withAnnotations(annotations, now));
        return updated;
    }

    synchronized Optional<StoredAnnotation> deleteAnnotation(int id) {
        Optional<StoredAnnotation> existing = annotation(id);
        existing.ifPresent(a -> {
            StoredTask task = tasks.get(a.taskId());
            tasks.put(task.id(), task.withAnnotations(
                    task.annotations().stream().filter(x -> x.id() != id).toList(), stamp()));
        });
        return existing;
    }

    synchronized StoredWebhook createWebhook(Function<Instant, StoredWebhook> fields) {
        StoredWebhook draft = fields.apply(stamp());
        StoredWebhook webhook = new StoredWebhook(nextWebhookId++, draft.project(), draft.url(), draft.sendPayload(),
                draft.sendForAllActions(), draft.headers(), draft.isActive(), draft.actions(), draft.createdAt(),
                draft.updatedAt());
        webhooks.put(webhook.id(), webhook);
        return webhook;
    }

    synchronized Optional<StoredWebhook> webhook(int id) {
        return Optional.ofNullable(webhooks.get(id));
    }

    synchronized List<StoredWebhook> webhooks() {
        return List.copyOf(webhooks.values());
    }

    synchronized StoredWebhook updateWebhook(int id, BiFunction<StoredWebhook, Instant,
            StoredWebhook> change) {
        StoredWebhook updated = change.apply(webhooks.get(id), stamp());
        webhooks.put(id, updated);
        return updated;
    }

    synchronized boolean deleteWebhook(int id) {
        return webhooks.remove(id) != null;
    }

    /** Now, at microsecond precision, and always after the previous stamp. */
    private Instant stamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!now.isAfter(lastStamp)) {
            now = lastStamp.plus(1, ChronoUnit.MICROS);
        }
        lastStamp = now;
        return now;
    }
}
