package io.transcribebridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the service JVM from outside, as an operator could: every 200 ms its resident memory and OS thread count
 * ({@code /proc/<pid>/status}) and the machine's load average; at the end the JVM's own counters ({@code jcmd
 * PerfCounter.print}: peak live Java threads, heap in use) and a thread dump grouped by pool, and from the GC log
 * ({@code -Xlog:gc}) the heap in use before each collection, i.e. its peaks.
 */
final class ProcessSampler implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 200;
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final long pid;
    private final Path gcLog;
    private final Thread thread;
    private volatile boolean running = true;
    private long peakRssKb;
    private int peakOsThreads;
    private double loadBefore = Load.oneMinute();
    private double peakLoad = loadBefore;
    private long cpuTicksAtStart = -1;
    private long cpuTicksLast = -1;

    /** What was seen; heap figures in MiB. */
    record Figures(long peakRssKb, int peakOsThreads, long peakLiveThreads, long liveThreadsAtEnd,
                   double peakHeapMb, double heapAtEndMb, double heapMaxMb, int gcPauses, double cpuSeconds,
                   double loadBefore, double peakLoad, Map<String, Integer> threadsByPool) {
    }

    ProcessSampler(long pid, Path gcLog) {
        this.pid = pid;
        this.gcLog = gcLog;
        this.thread = new Thread(this::sampleLoop, "bench-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sampleLoop() {
        while (running) {
            sample();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("\\D", "")));
                } else if (line.startsWith("Threads:")) {
                    peakOsThreads = Math.max(peakOsThreads, Integer.parseInt(line.replaceAll("\\D", "")));
                }
            }
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst(".*\\) ", "")
                    .split(" ");
            // after "pid (comm) ": field 3 is state, so utime (14) and stime (15) are at 11 and 12
            long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
            if (cpuTicksAtStart < 0) {
                cpuTicksAtStart = ticks;
            }
            cpuTicksLast = ticks;
        } catch (IOException | RuntimeException e) {
            // the process is gone: keep what was seen
        }
        peakLoad = Math.max(peakLoad, Load.oneMinute());
    }

    /** Stops sampling and reads the JVM's counters; call while the service still runs. */
    Figures finish() {
        running = false;
        thread.interrupt();
        sample();
        Map<String, String> counters = jcmdCounters();
        long livePeak = number(counters, "java.threads.livePeak");
        long liveNow = number(counters, "java.threads.live");
        double heapNow = 0;
        for (Map.Entry<String, String> counter : counters.entrySet()) {
            if (counter.getKey().matches("sun\\.gc\\.generation\\.\\d\\.space\\.\\d\\.used")) {
                heapNow += Long.parseLong(counter.getValue()) / 1048576.0;
            }
        }
        double peakHeap = heapNow;
        double heapMax = 0;
        int pauses = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_PAUSE.matcher(line);
                if (m.find()) {
                    pauses++;
                    peakHeap = Math.max(peakHeap, megabytes(m.group(1), m.group(2)));
                    heapMax = Math.max(heapMax, megabytes(m.group(5), m.group(6)));
                }
            }
        } catch (IOException e) {
            // no GC log: the counters alone
        }
        synchronized (this) {
            return new Figures(peakRssKb, peakOsThreads, livePeak, liveNow, peakHeap, heapNow, heapMax, pauses,
                    (cpuTicksLast - cpuTicksAtStart) / (double) CLOCK_TICKS_PER_SECOND, loadBefore, peakLoad,
                    threadsByPool());
        }
    }

    private Map<String, String> jcmdCounters() {
        Map<String, String> counters = new TreeMap<>();
        for (String line : jcmd("PerfCounter.print")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                counters.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("\"", ""));
            }
        }
        return counters;
    }

    /** Live threads by name with the numbers taken out ("Camel (camel-1) thread #12 - Delay" -> "... #N - Delay"). */
    private Map<String, Integer> threadsByPool() {
        Map<String, Integer> pools = new TreeMap<>();
        for (String line : jcmd("Thread.print")) {
            if (line.startsWith("\"")) {
                String name = line.substring(1, line.indexOf('"', 1)).replaceAll("\\d+", "N");
                pools.merge(name, 1, Integer::sum);
            }
        }
        return pools;
    }

    private List<String> jcmd(String command) {
        try {
            Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true)
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            process.waitFor(30, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static long number(Map<String, String> counters, String name) {
        String value = counters.get(name);
        return value == null ? -1 : Long.parseLong(value);
    }

    private static double megabytes(String value, String unit) {
        double number = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> number / 1024;
            case "G" -> number * 1024;
            default -> number;
        };
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /** The machine's 1-minute load average. */
    static final class Load {
        private Load() {
        }

        static double oneMinute() {
            try {
                return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
