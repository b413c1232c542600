package io.transcribebridge.progress;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.labelstudio.ImportResult;

/**
 * The JSON bodies of completion markers and failure records: both name the object version and its job, so an
 * operator can tell from either which recording it was.
 */
public final class ProgressRecords {

    private final ObjectMapper mapper;
    private final OutputLayout layout;
    private final int projectId;
    private final Clock clock;

    public ProgressRecords(ObjectMapper mapper, OutputLayout layout, int projectId, Clock clock) {
        this.mapper = mapper;
        this.layout = layout;
        this.projectId = projectId;
        this.clock = clock;
    }

    public String doneKey(String jobName) {
        return layout.doneKey(jobName);
    }

    public String failedKey(String jobName) {
        return layout.failedKey(jobName);
    }

    /** Completion marker: which Label Studio task(s) the version became, and whether they already existed. */
    public String done(SourceObject source, String jobName, ImportResult result, boolean foundExisting) {
        ObjectNode record = objectVersion(source, jobName);
        record.put("labelStudioProject", projectId);
        var ids = record.putArray("taskIds");
        result.taskIds().forEach(ids::add);
        record.put("foundExistingTask", foundExisting);
        return record.toPrettyString();
    }

    public String failed(SourceObject source, String jobName, String stage, String reason) {
        ObjectNode record = objectVersion(source, jobName);
        record.put("stage", stage);
        record.put("reason", reason);
        return record.toPrettyString();
    }

    private ObjectNode objectVersion(SourceObject source, String jobName) {
        ObjectNode record = mapper.createObjectNode();
        record.put("bucket", source.bucket());
        record.put("key", source.key());
        record.put("etag", source.etag());
        record.put("sourceUri", source.uri());
        record.put("jobName", jobName);
        record.put("time", clock.instant().toString());
        return record;
    }
}
