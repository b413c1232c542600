package io.transcribebridge.transcript;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.labelstudio.LabelStudioTasks;
import io.transcribebridge.labelstudio.TaskLayout;

/**
 * Builds one Label Studio task with one prediction from a transcript, as the {@link OutputPlan} says: one TextArea
 * result for the whole file, or one region per segment ({@link RegionResults}).
 * <p>
 * The prediction {@code score} follows {@link OutputPlan.Scoring}; the figures behind it are in the task
 * {@code meta}. A transcript without words (silence) gets no score: "nothing was said" is not a low-confidence
 * transcript, and Label Studio stores a missing score as null. Its prediction has an empty {@code result} in both
 * modes, so that the editor offers the reviewer an empty input box.
 * <p>
 * When Transcribe identified the language, it is stored as {@code data.language} and appended to the
 * {@code model_version} ({@code amazon-transcribe/en-GB}); jobs with a configured language keep the model version
 * as configured.
 */
public final class TaskFactory {

    static final String RESULT_ID = "transcript";
    /** Whole-file mode lists at most this many low-confidence words in the task meta; the count covers all. */
    static final int LISTED_LOW_CONFIDENCE_WORDS = 100;

    private final ObjectMapper mapper;
    private final OutputPlan plan;
    private final String modelVersion;
    private final Segmenter segmenter;
    private final RegionResults regions;

    public TaskFactory(ObjectMapper mapper, OutputPlan plan, String modelVersion) {
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("model version must not be empty");
        }
        this.mapper = mapper;
        this.plan = plan;
        this.modelVersion = modelVersion;
        this.segmenter = new Segmenter(plan.segmentation());
        this.regions = new RegionResults(plan);
    }

    /** Whole-file output into {@code layout}: {@code OutputPlan.wholeFile(layout)}. */
    public TaskFactory(ObjectMapper mapper, TaskLayout layout, String modelVersion) {
        this(mapper, OutputPlan.wholeFile(layout), modelVersion);
    }

    public ObjectNode task(SourceObject source, String jobName, Transcript transcript) {
        Optional<String> language = transcript.identifiedLanguage();
        double audioSeconds = transcript.audioSeconds();
        List<TranscriptItem> items = transcript.items();
        ConfidenceScore confidence = ConfidenceScore.of(items, 0, items.size(), plan.scoring().lowConfidence());

        ObjectNode task = mapper.createObjectNode();
        ObjectNode data = task.putObject("data");
        data.put(plan.layout().audioVariable(), source.uri());
        data.put("source_uri", source.uri());
        data.put(LabelStudioTasks.JOB_NAME_FIELD, jobName);
        language.ifPresent(code -> data.put("language", code));

        ObjectNode meta = task.putObject("meta");
        meta.put("source_etag", source.etag());
        meta.put("words", transcript.wordCount());
        putConfidence(meta, confidence, audioSeconds);

        ObjectNode prediction = task.putArray("predictions").addObject();
        prediction.put("model_version", language.map(code -> modelVersion + "/" + code).orElse(modelVersion));
        confidence.score(plan.scoring().method(), audioSeconds)
                .ifPresent(score -> prediction.put("score", Numbers.score(score)));
        ArrayNode result = prediction.putArray("result");
        if (plan.mode() == OutputPlan.Mode.SEGMENTS) {
            Segmenter.Result segments = segmenter.segment(transcript);
            regions.write(result, transcript, segments.segments());
            meta.put("regions", segments.segments().size());
            meta.put("segments_from", segments.source().name().toLowerCase(Locale.ROOT));
        } else {
            wholeFile(result, transcript);
            putLowConfidenceWords(meta, confidence.lowConfidence());
        }
        return task;
    }

    /**
     * One TextArea result with the transcript; none when there is no text. A result with {@code text: [""]} shows as
     * an empty chip and, with {@code maxSubmissions="1"}, hides the input box; an empty result (as silence gets in
     * segment mode) leaves the box for the reviewer.
     */
    private void wholeFile(ArrayNode result, Transcript transcript) {
        if (transcript.text().isBlank()) {
            return;
        }
        ObjectNode textarea = result.addObject();
        textarea.put("id", RESULT_ID);
        textarea.put("from_name", plan.layout().fromName());
        textarea.put("to_name", plan.layout().toName());
        textarea.put("type", "textarea");
        textarea.put("origin", "prediction");
        textarea.putObject("value").putArray("text").add(transcript.text());
    }

    private void putConfidence(ObjectNode meta, ConfidenceScore confidence, double audioSeconds) {
        if (audioSeconds > 0) {
            meta.put("audio_seconds", Numbers.seconds(audioSeconds));
        }
        meta.put("score_method", plan.scoring().method().name());
        confidence.mean().ifPresent(mean -> meta.put("mean_confidence", Numbers.score(mean)));
        confidence.min().ifPresent(min -> meta.put("min_confidence", Numbers.score(min)));
        confidence.expectedErrorsPerMinute(audioSeconds)
                .ifPresent(perMinute -> meta.put("expected_errors_per_minute", Numbers.score(perMinute)));
        meta.put("low_confidence_below", plan.scoring().lowConfidence());
        meta.put("low_confidence_words", confidence.lowConfidence().size());
    }

    private static void putLowConfidenceWords(ObjectNode meta, List<TranscriptItem> words) {
        if (words.isEmpty()) {
            return;
        }
        ArrayNode listed = meta.putArray("low_confidence");
        for (TranscriptItem word : words.subList(0, Math.min(words.size(), LISTED_LOW_CONFIDENCE_WORDS))) {
            ObjectNode entry = listed.addObject();
            entry.put("word", word.content());
            entry.put("confidence", Numbers.score(word.confidence()));
            if (word.startTime() != null) {
                entry.put("start", Numbers.seconds(word.startTime()));
            }
        }
    }
}
