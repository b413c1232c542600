package io.transcribebridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.labelstudio.TaskLayout;
import io.transcribebridge.transcript.OutputPlan;
import io.transcribebridge.transcript.TaskFactory;
import io.transcribebridge.transcript.Transcript;
import io.transcribebridge.transcript.TranscriptGenerator;
import io.transcribebridge.transcript.TranscriptGenerator.Options;
import io.transcribebridge.transcript.TranscriptParser;

/**
 * How long one conversion takes, as the route does it: transcript bytes to {@link Transcript}, to the task, to the
 * JSON import body. Run with {@code bench/convert.sh [warm-up runs] [timed runs]}.
 * <p>
 * Not a unit test: timings depend on the machine (and on what else runs on it). Columns: the transcript file size;
 * the time of a whole conversion and, separately, of parsing alone; bytes allocated per conversion (from
 * {@code com.sun.management.ThreadMXBean} where the JVM has it); and the live heap a conversion needs, measured
 * after a full GC while the parsed transcript, the task tree and the JSON body are all still reachable.
 */
public final class ConversionBenchmark {

    /** About four hours of speech: the longest audio Transcribe accepts. */
    private static final int FOUR_HOURS = 40_000;
    private static final SourceObject SOURCE = new SourceObject("audio", "calls/long.wav", "etag", 1);

    private record Scenario(String name, Options options, OutputPlan plan) {
    }

    private record Row(int items, int regions, double transcriptMb, double[] millis, double[] parseMillis,
                       double allocatedMb, double liveMb) {
    }

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        ObjectMapper mapper = new ObjectMapper();
        TranscriptParser parser = new TranscriptParser(mapper);

        System.out.printf(Locale.ROOT, "transcribe-bridge conversion benchmark: %d warm-up + %d timed runs per row, "
                + "max heap %d MB, %s %s%n", warmUp, runs, Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-44s %6s %7s %7s %7s %7s %7s %9s %9s %8s%n", "scenario", "items",
                "regions", "json MB", "p50 ms", "p95 ms", "max ms", "parse p50", "alloc MB", "live MB");
        for (Scenario scenario : scenarios()) {
            Row row = run(scenario, mapper, parser, warmUp, runs);
            System.out.printf(Locale.ROOT, "%-44s %6d %7d %7.1f %7.1f %7.1f %7.1f %9.1f %9s %8.1f%n",
                    scenario.name(), row.items(), row.regions(), row.transcriptMb(), percentile(row.millis(), 50),
                    percentile(row.millis(), 95), percentile(row.millis(), 100), percentile(row.parseMillis(), 50),
                    row.allocatedMb() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", row.allocatedMb()),
                    row.liveMb());
        }
    }

    private static List<Scenario> scenarios() {
        TaskLayout layout = TaskLayout.ASR_TEMPLATE;
        OutputPlan.Segmentation segmentation = new OutputPlan.Segmentation(30, 1.5);
        OutputPlan wholeFile = OutputPlan.wholeFile(layout);
        OutputPlan speakers = new OutputPlan(OutputPlan.Mode.SEGMENTS, layout, "speaker",
                List.of("Agent", "Customer"), Map.of("spk_0", "Agent", "spk_1", "Customer", "ch_0", "Agent",
                "ch_1", "Customer"), "Agent", new OutputPlan.Scoring(OutputPlan.ScoreMethod.ERRORS_PER_MINUTE, 0.5),
                segmentation);
        Options aws = Options.aws(FOUR_HOURS, 2);
        Options older = Options.older(FOUR_HOURS, 2);
        Options channels = Options.channelsOnly(FOUR_HOURS);
        return List.of(
                new Scenario("whole file, 4 h diarized", aws, wholeFile),
                new Scenario("segments from audio_segments, 4 h diarized", aws, speakers),
                new Scenario("segments built from items, 4 h older output", older, speakers),
                new Scenario("segments, 4 h two channels, no merged items", channels, speakers),
                new Scenario("segments built from items, 1 h", older.withItems(FOUR_HOURS / 4), speakers),
                new Scenario("segments built from items, 8 h (linearity)", older.withItems(FOUR_HOURS * 2),
                        speakers));
    }

    private static Row run(Scenario scenario, ObjectMapper mapper, TranscriptParser parser, int warmUp, int runs)
            throws Exception {
        byte[] json = TranscriptGenerator.generate(42, scenario.options()).json();
        TaskFactory factory = new TaskFactory(mapper, scenario.plan(), "amazon-transcribe");
        for (int i = 0; i < warmUp; i++) {
            convert(json, mapper, parser, factory);
        }
        double[] millis = new double[runs];
        double[] parseMillis = new double[runs];
        long allocated = 0;
        for (int i = 0; i < runs; i++) {
            long bytesBefore = allocatedBytes();
            long start = System.nanoTime();
            convert(json, mapper, parser, factory);
            millis[i] = (System.nanoTime() - start) / 1e6;
            allocated += allocatedBytes() - bytesBefore;
            start = System.nanoTime();
            parser.parse(json);
            parseMillis[i] = (System.nanoTime() - start) / 1e6;
        }

        long baseline = usedAfterGc();
        Transcript transcript = parser.parse(json);
        ObjectNode task = factory.task(SOURCE, "bench-job", transcript);
        String body = mapper.writeValueAsString(mapper.createArrayNode().add(task));
        long live = usedAfterGc() - baseline;
        Reference.reachabilityFence(transcript);
        Reference.reachabilityFence(body);
        int regions = scenario.plan().mode() == OutputPlan.Mode.SEGMENTS ? task.path("meta").path("regions").asInt()
                : task.path("predictions").path(0).path("result").size();
        return new Row(transcript.items().size(), regions, json.length / 1e6, millis, parseMillis,
                allocatedBytes() < 0 ? -1 : allocated / (double) runs / (1 << 20),
                live / (double) (1 << 20));
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** What TranscriptToTaskProcessor does with the bytes read from S3. */
    private static String convert(byte[] json, ObjectMapper mapper, TranscriptParser parser, TaskFactory factory)
            throws Exception {
        Transcript transcript = parser.parse(json);
        ObjectNode task = factory.task(SOURCE, "bench-job", transcript);
        return mapper.writeValueAsString(task);
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
            && threads.isThreadAllocatedMemorySupported()) {
            return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    private static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
