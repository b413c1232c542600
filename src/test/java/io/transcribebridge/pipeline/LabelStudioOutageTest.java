package io.transcribebridge.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import io.transcribebridge.testing.Eventually;
import io.transcribebridge.testing.FaultInjectionTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Label Studio is unreachable for several seconds while ten objects are ready to be imported, then comes back:
 * every object ends as exactly one task, nothing is recorded as failed, and while the ten imports wait for their
 * next attempt no thread waits with them.
 */
class LabelStudioOutageTest extends FaultInjectionTestSupport {

    private static final int OBJECTS = 10;
    /** How long Label Studio stays down once all ten imports are waiting: several retry intervals. */
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    /** Backoff 200 ms doubling up to 800 ms: 20 attempts ride out about 15 s, far longer than the outage. */
    @Override
    protected Properties properties() {
        Properties p = retries(super.properties(), 200, 800, 20);
        // a retried import also waits for its batch to fill: keep that short next to the retry delays
        p.setProperty("label-studio.batch-wait-ms", "200");
        return p;
    }

    @Test
    void everyObjectBecomesExactlyOneTaskOnceLabelStudioIsBack() {
        List<String> keys = IntStream.rangeClosed(1, OBJECTS).mapToObj(i -> "outage/call-" + i + ".wav").toList();
        int camelThreadsBefore = camelThreads().size();
        labelStudio.down();
        long start = System.nanoTime();
        keys.forEach(key -> s3.put(BUCKET, key, "Call " + key + " waits for Label Studio."));

        Eventually.await(SLOW, "all " + OBJECTS + " imports waiting for Label Studio",
                () -> context.getInflightRepository().size("labelstudio-import") == OBJECTS);
        int retriesWhenAllWaiting = redeliveries.at("import");
        int mostCamelThreads = 0;
        List<Integer> busyCamelThreads = new ArrayList<>();
        long outageEnds = System.nanoTime() + OUTAGE.toNanos();
        while (System.nanoTime() < outageEnds) {
            Map<Thread, StackTraceElement[]> threads = camelThreads();
            mostCamelThreads = Math.max(mostCamelThreads, threads.size());
            busyCamelThreads.add((int) threads.values().stream().filter(stack -> !idle(stack)).count());
            assertThat(threads.values()).as("threads sleeping until an import is retried")
                    .noneMatch(LabelStudioOutageTest::sleepingForARetry);
            assertThat(context.getInflightRepository().size("labelstudio-import")).isEqualTo(OBJECTS);
            sleep(Duration.ofMillis(100));
        }
        int retriesDuringOutage = redeliveries.at("import");
        assertThat(retriesDuringOutage - retriesWhenAllWaiting)
                .as("retries while Label Studio was down: several per object").isGreaterThanOrEqualTo(2 * OBJECTS);
        assertThat(tasksPerSource()).isEmpty();

        labelStudio.up();
        awaitTasks(keys);
        long recoveredMillis = (System.nanoTime() - start) / 1_000_000;
        awaitListingPasses(2);

        assertOneTaskEach(keys);
        assertThat(labelStudio.tasks(project)).hasSize(OBJECTS);
        assertThat(failureRecords()).isEmpty();
        assertThat(keys).allMatch(key -> s3.getString(BUCKET, completionMarkerKey(key)).isPresent());
        assertThat(transcribe.jobNames()).hasSize(OBJECTS);
        assertThat(transcribe.calls("StartTranscriptionJob")).isEqualTo(OBJECTS);
        // each import failed while Label Studio was down, so the retries looked their tasks up first; imports and
        // look-ups are batched, so there are fewer requests than tasks
        assertThat(labelStudio.importRequests()).isBetween(1, OBJECTS - 1);
        assertThat(lookups()).isBetween(1, OBJECTS - 1);
        // The threads of the service were idle in their pools at almost every sample: the waiting imports are timer
        // entries, not threads. A sample may still catch several retry attempts running at once (they fail fast),
        // so the typical sample is asserted, not the busiest. (The pools are bounded: Camel's default profile, 10
        // threads each.)
        Collections.sort(busyCamelThreads);
        int medianBusyCamelThreads = busyCamelThreads.get(busyCamelThreads.size() / 2);
        int mostBusyCamelThreads = busyCamelThreads.get(busyCamelThreads.size() - 1);
        assertThat(medianBusyCamelThreads).as("busy threads of the service while %d imports waited (median of %d "
                                              + "samples)", OBJECTS, busyCamelThreads.size())
                .isLessThan(OBJECTS / 2);

        report("objects", OBJECTS, "tasks", labelStudio.tasks(project).size(), "failureRecords", failureRecords().size(),
                "importRetries", redeliveries.at("import"), "retriesDuringOutage", retriesDuringOutage,
                "importRequests", labelStudio.importRequests(), "lookups", lookups(),
                "camelThreadsBefore", camelThreadsBefore, "camelThreadsWhileWaiting", mostCamelThreads,
                "busyCamelThreadsWhileWaitingMedian", medianBusyCamelThreads,
                "busyCamelThreadsWhileWaitingMax", mostBusyCamelThreads,
                "outageMs", OUTAGE.toMillis(), "uploadToLastTaskMs", recoveredMillis);
    }

    /** Threads of the service (Camel names them "Camel (<context>) thread #n - ...") with their stacks. */
    private static Map<Thread, StackTraceElement[]> camelThreads() {
        Map<Thread, StackTraceElement[]> threads = new HashMap<>(Thread.getAllStackTraces());
        threads.keySet().removeIf(t -> !t.isAlive() || !t.getName().startsWith("Camel ("));
        return threads;
    }

    /** A pool thread waiting for its next task, or a timer waiting for its next run. */
    private static boolean idle(StackTraceElement[] stack) {
        return Arrays.stream(stack).anyMatch(frame ->
                frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor") && frame.getMethodName().equals("getTask")
                || frame.getClassName().equals("java.util.TimerThread") && frame.getMethodName().equals("mainLoop"));
    }

    /** A synchronous redelivery would sleep in RedeliveryPolicy.sleep on the thread that failed. */
    private static boolean sleepingForARetry(StackTraceElement[] stack) {
        return Arrays.stream(stack).anyMatch(frame -> frame.getMethodName().equals("sleep")
                && frame.getClassName().startsWith("org.apache.camel.processor.errorhandler."));
    }
}
