package io.transcribebridge.testing.labelstudio;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * In-memory database. Every method is synchronized, so one import is one transaction: all of its tasks
 * become visible at once or not at all. Ids are global sequences starting at 1, as in a fresh database.
 */
final class Store {

    private final Clock clock;
    private final Map<Integer, StoredProject> projects = new LinkedHashMap<>();
    private final Map<Integer, StoredTask> tasks = new LinkedHashMap<>();
    private int nextProjectId = 1;
    private int nextTaskId = 1;
    private int nextPredictionId = 1;

    Store(Clock clock) {
        this.clock = clock;
    }

    synchronized int createProject(String title, LabelConfig config) {
        int id = nextProjectId++;
        projects.put(id, new StoredProject(id, title, config, "", true, clock.instant()));
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
                        p.modelVersion(), clock.instant()));
                anyPrediction = true;
                lastModelVersion = p.modelVersion();
            }
            StoredTask task = new StoredTask(taskId, projectId, ++innerId, newTask.data(), newTask.meta(),
                    List.copyOf(predictions), List.copyOf(newTask.annotations()), clock.instant());
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
}
