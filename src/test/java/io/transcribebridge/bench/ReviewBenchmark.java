package io.transcribebridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.labelstudio.LabelStudioAuth;
import io.transcribebridge.labelstudio.TaskLayout;
import io.transcribebridge.progress.OutputLayout;
import io.transcribebridge.review.AccuracyMeter;
import io.transcribebridge.review.CueBuilder;
import io.transcribebridge.review.Deliverables;
import io.transcribebridge.review.ReviewApi;
import io.transcribebridge.review.ReviewEvents;
import io.transcribebridge.review.ReviewInbox;
import io.transcribebridge.review.ReviewSettler;
import io.transcribebridge.review.ReviewStore;
import io.transcribebridge.review.TaskReview;
import io.transcribebridge.review.TimedWord;
import io.transcribebridge.review.TranscriptWords;
import io.transcribebridge.review.Transcription;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.transcript.OutputPlan;
import io.transcribebridge.transcript.TaskFactory;
import io.transcribebridge.transcript.Transcript;
import io.transcribebridge.transcript.TranscriptGenerator;
import io.transcribebridge.transcript.TranscriptParser;

/**
 * How long the service takes to handle one review of a 4-hour transcript, through its real review path: an accepted
 * {@code ANNOTATION_UPDATED} webhook, handed to {@link ReviewEvents#handle} as the review route does. That reads the
 * task back from Label Studio ({@code GET /api/tasks/{id}/}), reads the existing record and (whole file) the
 * Transcribe transcript from S3, measures WER/CER and the corrections, builds the captions, writes
 * {@code reviewed/<job>.json} conditionally, its {@code .txt/.srt/.vtt} and the annotation index, and deletes the inbox
 * object. Run with {@code bench/review.sh [warm-up runs] [timed runs]}.
 * <p>
 * Set-up per scenario (untimed): a generated transcript of 40,000 items (words and punctuation, about 4 h, two
 * speakers, as {@link ConversionBenchmark}) in {@code transcripts/<job>.json}; a Label Studio project (emulator) with
 * the shipped label config; the task as the service imports it ({@link TaskFactory}, posted to the import API); a
 * reviewer's annotation with about 10 % of the prediction's words changed ({@link ReviewedText}). Before each run
 * the annotation is updated to the other of two reviewed versions and the event is put in the inbox, so every run
 * rewrites the record (none is "unchanged").
 * <p>
 * Columns: reference words (of the reviewed text) and regions; p50/max of the whole {@code handle()}; then, measured
 * separately in this thread on the same review (not inside the handle): {@code AccuracyMeter.measure} of the whole
 * text, {@code CueBuilder.build} (whole file; segments take their cues from the regions), {@code Deliverables.record}
 * (the record: the measure, per-label measures for segments and the cues) and {@code Deliverables.render}
 * (.txt/.srt/.vtt from the record), each as many times as the timed runs after one untimed call; the sizes of the
 * written .json and .srt; the WER in the written record; the outcomes of the handled runs (warm-up ones included); and the
 * outcome and time of one more handle() of the same event with the annotation unchanged (a redelivery), not in p50.
 * <p>
 * Not a unit test. S3 (S3Proxy) and Label Studio (emulator) run in this JVM on loopback: their work and memory are in
 * the figures, so the heap is not the service's alone, and the handle time includes their side of each request.
 */
public final class ReviewBenchmark {

    /** About four hours of speech: the longest audio Transcribe accepts. */
    private static final int FOUR_HOURS = 40_000;
    private static final double EDITED_SHARE = 0.10;
    private static final String BUCKET = "bench-review";
    private static final OutputLayout OUTPUT = new OutputLayout(BUCKET, "transcribe-bridge/");
    private static final SourceObject SOURCE = new SourceObject("audio", "calls/long.wav", "etag", 1);
    private static final String LANGUAGE = "en-US";

    private record Scenario(String name, String job, String config, OutputPlan plan) {
    }

    private record Row(int words, int regions, double[] handle, double[] measure, double[] cues, double[] record,
                       double[] render, long jsonBytes, long srtBytes, double wer,
                       Map<ReviewSettler.Outcome, Integer> outcomes, String again) {
    }

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (warmUp < 0 || runs < 1) {
            throw new IllegalArgumentException("usage: ReviewBenchmark [warm-up runs >= 0] [timed runs >= 1]");
        }
        ObjectMapper mapper = new ObjectMapper();
        System.out.printf(Locale.ROOT, "transcribe-bridge review benchmark: %d warm-up + %d timed runs per scenario, "
                + "max heap %d MB (shared with the S3 and Label Studio emulators), %s %s%n", warmUp, runs,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        List<String[]> rows = new ArrayList<>();
        try (EmbeddedS3 s3 = EmbeddedS3.start(); LabelStudioEmulator labelStudio = LabelStudioEmulator.start()) {
            s3.createBucket(BUCKET);
            for (Scenario scenario : scenarios()) {
                Row row = run(scenario, s3, labelStudio, mapper, warmUp, runs);
                rows.add(new String[] {scenario.name(), Integer.toString(row.words()), Integer.toString(row.regions()),
                    ms(percentile(row.handle(), 50)), ms(percentile(row.handle(), 100)),
                    ms(percentile(row.measure(), 50)),
                    row.cues() == null ? "-" : ms(percentile(row.cues(), 50)), ms(percentile(row.record(), 50)),
                    ms(percentile(row.render(), 50)), kb(row.jsonBytes()), kb(row.srtBytes()),
                    String.format(Locale.ROOT, "%.4f", row.wer()), row.outcomes().toString(), row.again()});
            }
        }
        System.out.printf(Locale.ROOT, "%-30s %6s %7s %10s %10s | %10s %9s %10s %10s | %8s %7s %7s  %-16s %s%n",
                "scenario", "words", "regions", "handle p50", "handle max", "measure", "cues", "record", "render",
                "json KB", "srt KB", "wer", "outcomes", "same event again");
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, "%-30s %6s %7s %10s %10s | %10s %9s %10s %10s | %8s %7s %7s  %-16s %s%n",
                    (Object[]) r);
        }
        System.out.println("times in ms; measure, cues, record and render are p50s of separate in-process runs.");
    }

    private static List<Scenario> scenarios() {
        TaskLayout layout = TaskLayout.ASR_TEMPLATE;
        OutputPlan wholeFile = OutputPlan.wholeFile(layout);
        // what ProjectIntrospection plans for segments-speakers.xml with LABEL_STUDIO_SPEAKER_LABELS=spk_0=Agent,
        // spk_1=Customer and LABEL_STUDIO_DEFAULT_LABEL=Other (the config's suggested settings), default scoring
        OutputPlan speakers = new OutputPlan(OutputPlan.Mode.SEGMENTS, layout, "speaker",
                List.of("Agent", "Customer", "Other"), Map.of("spk_0", "Agent", "spk_1", "Customer"), "Other",
                new OutputPlan.Scoring(OutputPlan.ScoreMethod.MEAN, 0.5), new OutputPlan.Segmentation(30, 1.5));
        return List.of(
                new Scenario("whole file, 4 h", "bench-review-whole-file", "whole-file.xml", wholeFile),
                new Scenario("segments with speakers, 4 h", "bench-review-segments", "segments-speakers.xml",
                        speakers));
    }

    private static Row run(Scenario scenario, EmbeddedS3 s3, LabelStudioEmulator labelStudio, ObjectMapper mapper,
                           int warmUp, int runs) throws Exception {
        // ---- the scenario, as the service leaves it after the import (untimed)
        TranscriptGenerator.Generated generated = TranscriptGenerator.generate(42,
                TranscriptGenerator.Options.aws(FOUR_HOURS, 2));
        Transcript transcript = new TranscriptParser(mapper).parse(generated.json());
        s3.put(BUCKET, OUTPUT.transcriptKey(scenario.job()), generated.json());
        ObjectNode task = new TaskFactory(mapper, scenario.plan(), "amazon-transcribe").task(SOURCE, scenario.job(),
                transcript);
        int projectId = labelStudio.createProject("bench " + scenario.name(),
                Files.readString(Path.of("config/labelstudio", scenario.config())));
        int taskId = importTask(labelStudio, projectId, mapper, task);
        JsonNode prediction = labelStudio.tasks(projectId).get(0).predictions().get(0).path("result");
        boolean segments = scenario.plan().mode() == OutputPlan.Mode.SEGMENTS;
        ArrayNode[] versions = new ArrayNode[2];
        for (int v = 0; v < 2; v++) {
            Random random = new Random(1_000 + v);
            versions[v] = segments
                    ? ReviewedText.segments(prediction, scenario.plan().labelsName(), "transcription",
                            scenario.plan().defaultLabel(), random, EDITED_SHARE)
                    : ReviewedText.wholeFile(prediction, random, EDITED_SHARE);
        }
        JsonNode annotation = labelStudio.submitAnnotation(taskId, versions[0]);
        int annotationId = annotation.path("id").asInt();

        // ---- the service's objects, wired as ReviewWiring does
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60)).build();
        ReviewStore store = new ReviewStore(s3.client(), OUTPUT);
        LabelStudioAuth auth = new LabelStudioAuth(labelStudio.url(), labelStudio.legacyToken(), http, mapper,
                Clock.systemUTC(), Duration.ofSeconds(60));
        ReviewApi api = new ReviewApi(labelStudio.url(), projectId, auth, http, mapper, Duration.ofSeconds(60));
        TranscriptWords words = new TranscriptWords(store, new TranscriptParser(mapper));
        Map<ReviewSettler.Outcome, Integer> outcomes = new EnumMap<>(ReviewSettler.Outcome.class);
        ReviewSettler settler = new ReviewSettler(store, words, mapper, LANGUAGE,
                settled -> outcomes.merge(settled.outcome(), 1, Integer::sum));
        List<String> failures = new ArrayList<>();
        ReviewEvents events = new ReviewEvents(api, settler, store, mapper, failures::add);

        // ---- the webhook Label Studio posts on Update (as accepted by ReviewInbox)
        ObjectNode event = mapper.createObjectNode();
        event.put("action", "ANNOTATION_UPDATED");
        event.putObject("project").put("id", projectId);
        ObjectNode eventTask = event.putObject("task");
        eventTask.put("id", taskId);
        eventTask.set("data", labelStudio.tasks(projectId).get(0).data());
        event.putObject("annotation").put("id", annotationId).put("task", taskId);
        String eventBody = mapper.writeValueAsString(event);

        double[] handle = new double[runs];
        for (int run = -warmUp; run < runs; run++) {
            int i = run + warmUp;
            labelStudio.updateAnnotation(annotationId, versions[(i + 1) % 2]);
            String inboxKey = OUTPUT.reviewInboxPrefix() + "bench-" + scenario.job() + "-" + i + ".json";
            store.put(inboxKey, eventBody, "application/json");
            ReviewInbox.Accepted accepted = new ReviewInbox.Accepted(inboxKey, mapper.readTree(eventBody));
            long start = System.nanoTime();
            events.handle(accepted);
            double millis = (System.nanoTime() - start) / 1e6;
            if (!failures.isEmpty()) {
                throw new IllegalStateException(scenario.name() + ": the event was not settled (see the log)");
            }
            if (run >= 0) {
                handle[run] = millis;
            }
        }
        int settledRuns = outcomes.getOrDefault(ReviewSettler.Outcome.WRITTEN, 0)
                          + outcomes.getOrDefault(ReviewSettler.Outcome.REWRITTEN, 0);
        if (settledRuns != warmUp + runs) {
            throw new IllegalStateException(scenario.name() + ": not every run wrote the record: " + outcomes);
        }

        // ---- the parts, separately, on the review as handle() last read it
        TaskReview review = TaskReview.of(api.task(taskId).orElseThrow()).orElseThrow();
        Transcription reference = review.annotation().orElseThrow().transcription();
        Transcription hypothesis = review.prediction().orElseThrow().transcription();
        List<TimedWord> timed = segments ? List.of() : words.of(scenario.job());
        double seconds = review.audioSeconds().orElseGet(() -> timed.isEmpty() ? 0.0 : timed.get(timed.size() - 1)
                .end());
        double[] measure = time(runs, () -> AccuracyMeter.measure(reference.text(), hypothesis.text()));
        double[] cues = segments ? null : time(runs, () -> CueBuilder.build(timed, reference.wholeText(),
                seconds));
        double[] record = time(runs, () -> Deliverables.record(mapper, review, timed, LANGUAGE));
        ObjectNode built = Deliverables.record(mapper, review, timed, LANGUAGE);
        double[] render = time(runs, () -> Deliverables.render(built));

        // ---- what was written
        byte[] json = s3.get(BUCKET, OUTPUT.reviewedKey(scenario.job(), ".json")).orElseThrow(() ->
                new IllegalStateException(scenario.name() + ": no reviewed record"));
        byte[] srt = s3.get(BUCKET, OUTPUT.reviewedKey(scenario.job(), ".srt")).orElseThrow(() ->
                new IllegalStateException(scenario.name() + ": no .srt"));
        JsonNode written = mapper.readTree(json);
        // numbers compared by value: the record is built with long ids, read back they are ints
        if (!written.equals(ReviewBenchmark::sameValue, built)) {
            throw new IllegalStateException(scenario.name() + ": the written record is not the one of the last review");
        }
        if (store.get(OUTPUT.reviewInboxPrefix() + "bench-" + scenario.job() + "-" + (warmUp + runs - 1) + ".json")
                .isPresent()) {
            throw new IllegalStateException(scenario.name() + ": the inbox event was not deleted");
        }
        // the same event once more, the annotation unchanged (a redelivery, or the reconciliation sweep): untimed,
        // only its outcome is reported
        Map<ReviewSettler.Outcome, Integer> timedOutcomes = new EnumMap<>(outcomes);
        String againKey = OUTPUT.reviewInboxPrefix() + "bench-" + scenario.job() + "-again.json";
        store.put(againKey, eventBody, "application/json");
        long againStart = System.nanoTime();
        events.handle(new ReviewInbox.Accepted(againKey, mapper.readTree(eventBody)));
        double againMillis = (System.nanoTime() - againStart) / 1e6;
        String again = outcomes.entrySet().stream()
                .filter(e -> !e.getValue().equals(timedOutcomes.get(e.getKey()))).map(e -> e.getKey().name())
                .findFirst().orElse(failures.isEmpty() ? "?" : "FAILED") + String.format(Locale.ROOT, " %.0f ms",
                        againMillis);
        int regions = segments ? written.path("segments").size() : 0;
        return new Row(written.path("accuracy").path("referenceWords").asInt(), regions, handle, measure, cues, record,
                render, json.length, srt.length, written.path("accuracy").path("wer").asDouble(), timedOutcomes, again);
    }

    /** {@code POST /api/projects/{id}/import?return_task_ids=true} with the task, as the service imports it. */
    private static int importTask(LabelStudioEmulator labelStudio, int projectId, ObjectMapper mapper, ObjectNode task)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(labelStudio.url() + "/api/projects/" + projectId
                        + "/import?return_task_ids=true"))
                .header("Authorization", "Token " + labelStudio.legacyToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(mapper.createArrayNode()
                        .add(task)), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("the import answered " + response.statusCode() + ": " + response.body());
        }
        return mapper.readTree(response.body()).path("task_ids").path(0).asInt();
    }

    private static int sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    private interface Work {
        Object run() throws Exception;
    }

    /** {@code runs} timings after one untimed call (the handle() runs before have warmed the same code up). */
    private static double[] time(int runs, Work work) throws Exception {
        work.run();
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Object result = work.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
            java.lang.ref.Reference.reachabilityFence(result);
        }
        return millis;
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / 1024.0);
    }

    private static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
