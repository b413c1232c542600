package io.transcribebridge.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The files of one reviewed task: {@code reviewed/<job>.json} is the record (what was reviewed, against which
 * prediction, the accuracy, the corrections and the caption cues), and {@code .txt}, {@code .srt} and {@code .vtt}
 * are rendered from it alone, so any replica can re-render them from whatever JSON is current.
 */
public final class Deliverables {

    /** The four files of one reviewed task. */
    public record Files(ObjectNode json, String txt, String srt, String vtt) {
    }

    private Deliverables() {
    }

    /**
     * The JSON record of {@code review} (which has an annotation and a prediction).
     *
     * @param words           whole-file projects: the transcript's timed words, to time the captions; may be empty
     * @param defaultLanguage the language of tasks without {@code data.language} (the configured one)
     */
    public static ObjectNode record(ObjectMapper mapper, TaskReview review, List<TimedWord> words,
                                    String defaultLanguage) {
        TaskReview.Annotation annotation = review.annotation().orElseThrow();
        Transcription reference = annotation.transcription();
        TaskReview.Prediction prediction = review.prediction().orElse(new TaskReview.Prediction("", null,
                new Transcription(reference.segments(), "", List.of())));
        Transcription hypothesis = prediction.transcription();
        AccuracyMeter.Measurement measured = AccuracyMeter.measure(reference.text(), hypothesis.text());

        ObjectNode json = mapper.createObjectNode();
        json.put("sourceUri", review.sourceUri());
        json.put("jobName", review.jobName());
        json.put("taskId", review.taskId());
        json.put("annotationId", annotation.id());
        json.put("annotationUpdatedAt", annotation.updatedAtText());
        json.put("groundTruth", annotation.groundTruth());
        json.put("modelVersion", prediction.modelVersion());
        if (prediction.score() == null) {
            json.putNull("score");
        } else {
            json.put("score", prediction.score());
        }
        json.put("language", review.language().orElse(defaultLanguage));
        json.put("text", reference.segments() ? String.join("\n", reference.regions().stream()
                .map(Transcription.Region::text).filter(text -> !text.isEmpty()).toList()) : reference.wholeText());
        ArrayNode segments = json.putArray("segments");
        for (Transcription.Region region : reference.regions()) {
            ObjectNode segment = segments.addObject();
            segment.put("start", millis(region.start()));
            segment.put("end", millis(region.end()));
            if (region.label() == null) {
                segment.putNull("label");
            } else {
                segment.put("label", region.label());
            }
            segment.put("text", region.text());
        }
        json.set("accuracy", accuracy(mapper, measured.accuracy()));
        if (reference.segments()) {
            Map<String, Accuracy> byLabel = new TreeMap<>();
            List<String> labels = new ArrayList<>(reference.labels());
            hypothesis.labels().stream().filter(label -> !labels.contains(label)).forEach(labels::add);
            for (String label : labels) {
                byLabel.put(label, AccuracyMeter.measure(reference.textOf(label), hypothesis.textOf(label))
                        .accuracy());
            }
            ObjectNode perLabel = json.putObject("accuracyByLabel");
            byLabel.forEach((label, accuracy) -> perLabel.set(label, accuracy(mapper, accuracy)));
        } else {
            json.putObject("accuracyByLabel");
        }
        ArrayNode corrections = json.putArray("corrections");
        for (Correction correction : measured.corrections()) {
            corrections.addObject().put("from", correction.from()).put("to", correction.to())
                    .put("count", correction.count());
        }
        ObjectNode captions = json.putObject("captions");
        List<Cue> cues;
        if (reference.segments()) {
            captions.put("method", "regions");
            cues = reference.regions().stream().filter(region -> !region.text().isEmpty())
                    .map(region -> new Cue(region.start(), region.end(), region.label(), region.text())).toList();
        } else {
            double seconds = review.audioSeconds().orElseGet(() -> words.isEmpty() ? 0.0
                    : words.get(words.size() - 1).end());
            CueBuilder.Subtitles built = CueBuilder.build(words, reference.wholeText(), seconds, measured);
            captions.put("method", built.method() == CueBuilder.Method.ALIGNED ? "aligned" : "whole-file");
            cues = built.cues();
        }
        ArrayNode cueArray = captions.putArray("cues");
        for (Cue cue : cues) {
            ObjectNode node = cueArray.addObject();
            node.put("start", millis(cue.start()));
            node.put("end", millis(cue.end()));
            if (cue.label() != null) {
                node.put("label", cue.label());
            }
            node.put("text", cue.text());
        }
        return json;
    }

    /** The text and the captions, rendered from a JSON record. */
    public static Files render(ObjectNode json) {
        List<Cue> cues = new ArrayList<>();
        json.path("captions").path("cues").forEach(cue -> cues.add(new Cue(cue.path("start").asDouble(),
                cue.path("end").asDouble(), cue.hasNonNull("label") ? cue.path("label").asText() : null,
                cue.path("text").asText(""))));
        return new Files(json, text(json), SubtitleWriter.srt(cues), SubtitleWriter.vtt(cues));
    }

    /** Whole file: the reviewed text; segments: one line per region, {@code Label: text}. */
    static String text(JsonNode json) {
        JsonNode segments = json.path("segments");
        if (segments.isEmpty()) {
            String text = json.path("text").asText("");
            return text.isEmpty() ? "" : text + "\n";
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode segment : segments) {
            String line = segment.path("text").asText("");
            if (line.isEmpty()) {
                continue;
            }
            if (segment.hasNonNull("label")) {
                text.append(segment.path("label").asText()).append(": ");
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }

    static ObjectNode accuracy(ObjectMapper mapper, Accuracy accuracy) {
        return mapper.createObjectNode()
                .put("wer", rate(accuracy.wer()))
                .put("cer", rate(accuracy.cer()))
                .put("referenceWords", accuracy.referenceWords())
                .put("substitutions", accuracy.substitutions())
                .put("deletions", accuracy.deletions())
                .put("insertions", accuracy.insertions());
    }

    static Accuracy accuracy(JsonNode json) {
        return new Accuracy(json.path("wer").asDouble(), json.path("cer").asDouble(),
                json.path("referenceWords").asInt(), json.path("substitutions").asInt(),
                json.path("deletions").asInt(), json.path("insertions").asInt());
    }

    /** What the report and the vocabulary need of a JSON record. */
    public static ReviewedFile reviewedFile(JsonNode json) {
        List<Correction> corrections = new ArrayList<>();
        json.path("corrections").forEach(c -> corrections.add(new Correction(c.path("from").asText(),
                c.path("to").asText(), c.path("count").asInt())));
        Map<String, Accuracy> byLabel = new TreeMap<>();
        json.path("accuracyByLabel").fields().forEachRemaining(e -> byLabel.put(e.getKey(), accuracy(e.getValue())));
        return new ReviewedFile(json.path("jobName").asText(), json.path("modelVersion").asText(""),
                json.path("language").asText(""), json.path("score").isNumber() ? json.path("score").asDouble() : null,
                accuracy(json.path("accuracy")), corrections, byLabel, json.path("text").asText(""));
    }

    private static double millis(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }

    private static double rate(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}
