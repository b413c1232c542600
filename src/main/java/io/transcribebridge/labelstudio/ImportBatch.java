package io.transcribebridge.labelstudio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks of several object versions imported with one request. Built by {@link ImportBatcher}; the
 * {@code labelstudio-import-batch} route looks up the ones that may exist already, posts the rest and records which
 * task each job became.
 */
public final class ImportBatch {

    /** One object version: its job name, its task (a JSON object) and whether it may be in Label Studio already. */
    public record Item(String jobName, String task, boolean mayExist) {
    }

    private final List<Item> items;
    private final Map<String, List<Long>> existing = new HashMap<>();
    private final Map<String, ImportResult> imported = new LinkedHashMap<>();

    public ImportBatch(List<Item> items) {
        this.items = List.copyOf(items);
    }

    public List<Item> items() {
        return items;
    }

    public int size() {
        return items.size();
    }

    /** Jobs whose earlier import may have gone through (adopted after a restart, or a failed attempt). */
    public List<String> mayExist() {
        return items.stream().filter(Item::mayExist).map(Item::jobName).toList();
    }

    public boolean needsLookup() {
        return items.stream().anyMatch(Item::mayExist);
    }

    void foundExisting(String jobName, List<Long> taskIds) {
        existing.put(jobName, List.copyOf(taskIds));
    }

    /** The items to post: every one not found by the look-up, in batch order. */
    public List<Item> toImport() {
        return items.stream().filter(item -> !existing.containsKey(item.jobName())).toList();
    }

    public boolean hasPayload() {
        return !toImport().isEmpty();
    }

    /** The import body: a JSON array of the tasks to post. */
    public String payload() {
        StringBuilder json = new StringBuilder(1024).append('[');
        for (Item item : toImport()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(item.task());
        }
        return json.append(']').toString();
    }

    /**
     * Label Studio creates the tasks of one request in order and returns their ids in that order
     * ({@code return_task_ids=true}). Without ids (an asynchronous Enterprise import) every job gets the import id.
     */
    public void imported(ImportResult result) {
        List<Item> posted = toImport();
        List<Long> ids = result.taskIds();
        if (!ids.isEmpty() && ids.size() != posted.size()) {
            throw new IllegalStateException("Label Studio created " + ids.size() + " tasks for " + posted.size()
                                            + " posted");
        }
        for (int i = 0; i < posted.size(); i++) {
            ImportResult one = ids.isEmpty()
                    ? new ImportResult(1, List.of(), result.importId())
                    : new ImportResult(1, List.of(ids.get(i)), null);
            imported.put(posted.get(i).jobName(), one);
        }
    }

    /** The import answer, recorded in the batch. */
    public static ImportBatch recordImport(ImportBatch batch, String body) {
        batch.imported(ImportResult.parse(body));
        return batch;
    }

    /** What the job became: its imported or found task(s). */
    public ImportResult result(String jobName) {
        List<Long> found = existing.get(jobName);
        if (found != null) {
            return new ImportResult(found.size(), found, null);
        }
        ImportResult result = imported.get(jobName);
        if (result == null) {
            throw new IllegalStateException("job " + jobName + " is not in this batch");
        }
        return result;
    }

    public boolean foundExisting(String jobName) {
        return existing.containsKey(jobName);
    }

    /** For the log: "12 tasks (2 found)". */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(items.size() + (items.size() == 1 ? " task" : " tasks"));
        if (!existing.isEmpty()) {
            parts.add(existing.size() + " found");
        }
        return String.join(", ", parts);
    }
}
