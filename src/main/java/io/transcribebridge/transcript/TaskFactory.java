package io.transcribebridge.transcript;

import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.labelstudio.LabelStudioTasks;
import io.transcribebridge.labelstudio.TaskLayout;

/**
 * Builds one Label Studio task with one prediction from a transcript (whole-file mode: a single TextArea result).
 * <p>
 * {@code score} is the mean confidence of the spoken words. A transcript without words (silence) gets no score:
 * "nothing was said" is not a low-confidence transcript, and Label Studio stores a missing score as null.
 */
public final class TaskFactory {

    static final String RESULT_ID = "transcript";

    private final ObjectMapper mapper;
    private final TaskLayout layout;
    private final String modelVersion;

    public TaskFactory(ObjectMapper mapper, TaskLayout layout, String modelVersion) {
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("model version must not be empty");
        }
        this.mapper = mapper;
        this.layout = layout;
        this.modelVersion = modelVersion;
    }

    public ObjectNode task(SourceObject source, String jobName, Transcript transcript) {
        ObjectNode task = mapper.createObjectNode();
        ObjectNode data = task.putObject("data");
        data.put(layout.audioVariable(), source.uri());
        data.put("source_uri", source.uri());
        data.put(LabelStudioTasks.JOB_NAME_FIELD, jobName);
        ObjectNode meta = task.putObject("meta");
        meta.put("source_etag", source.etag());
        meta.put("words", transcript.wordCount());

        ObjectNode prediction = task.putArray("predictions").addObject();
        prediction.put("model_version", modelVersion);
        OptionalDouble score = transcript.meanConfidence();
        if (score.isPresent()) {
            prediction.put("score", round(score.getAsDouble()));
        }
        ObjectNode result = prediction.putArray("result").addObject();
        result.put("id", RESULT_ID);
        result.put("from_name", layout.fromName());
        result.put("to_name", layout.toName());
        result.put("type", "textarea");
        result.put("origin", "prediction");
        result.putObject("value").putArray("text").add(transcript.text());
        return task;
    }

    private static double round(double value) {
        return Math.round(value * 10_000d) / 10_000d;
    }
}
