package io.transcribebridge.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.transcribebridge.progress.OutputLayout;
import io.transcribebridge.transcribe.JobNames;

/**
 * The cost of one intake pass over a bucket whose objects are all finished, measured in the running service: the
 * bucket is seeded with M recordings plus, for each, the completion marker (and the transcript) the service would
 * have written, in the service's default layout (output in the same bucket, under {@code transcribe-bridge/}).
 * The service runs with {@code LOG_LEVEL=DEBUG}, so {@code BucketListing} prints one line per pass (keys, LIST
 * requests, new versions, duration). S3Proxy's in-memory store reads its whole container for every LIST, so the
 * time of a LIST request made directly to it is measured too: the pass takes about that times its LIST requests.
 */
final class BucketScan {

    private static final Pattern PASS = Pattern.compile(
            "Intake pass (\\d+) over \\S+: (\\d+) keys in (\\d+) LIST requests, (\\d+) new object versions, (\\d+) ms");
    private static final Pattern LEDGER = Pattern.compile("Progress from \\S+: (\\d+) object versions imported");

    record Pass(int number, long keys, long listRequests, long newVersions, long millis) {
    }

    record Result(int objects, int keysInBucket, Duration seeding, Duration startup, long ledgerEntries,
                  List<Pass> passes, double s3ProxyMillisPerList, int transcribeCalls, ProcessSampler.Figures process) {

        Pass firstPass() {
            return passes.get(0);
        }
    }

    private BucketScan() {
    }

    static Result run(BenchSettings settings, BenchEmulators emulators, Path runDir) throws Exception {
        String bucket = emulators.newBucket("finished");
        int project = emulators.newProject("finished");
        long seedStart = System.nanoTime();
        int keys = seed(emulators, bucket, settings.scanObjects(), true, settings.scanTranscripts());
        Duration seeding = Duration.ofNanos(System.nanoTime() - seedStart);

        double millisPerList = millisPerList(emulators, bucket, "", 10);
        int transcribeBefore = emulators.transcribe.totalCalls();
        try {
            return emulators.withService(runDir, "scan", bucket, project, Map.of("LOG_LEVEL", "DEBUG"),
                    Duration.ofMinutes(10),
                    running -> {
                        running.process().awaitLog("Intake pass 1 over", Duration.ofMinutes(15));
                        ProcessSampler.Figures figures = running.sampler().finish();
                        String log = running.process().runLog();
                        List<Pass> passes = new ArrayList<>();
                        Matcher pass = PASS.matcher(log);
                        while (pass.find()) {
                            passes.add(new Pass(Integer.parseInt(pass.group(1)), Long.parseLong(pass.group(2)),
                                    Long.parseLong(pass.group(3)), Long.parseLong(pass.group(4)),
                                    Long.parseLong(pass.group(5))));
                        }
                        Matcher ledger = LEDGER.matcher(log);
                        long entries = ledger.find() ? Long.parseLong(ledger.group(1)) : -1;
                        return new Result(settings.scanObjects(), keys, seeding, running.startup(), entries, passes,
                                millisPerList, emulators.transcribe.totalCalls() - transcribeBefore,
                                figures);
                    });
        } finally {
            emulators.s3.deleteBucketDirectly(bucket); // its 100,000s of objects would crowd the driver's heap
        }
    }

    /**
     * Mean time of the first {@code requests} LIST requests (1,000 keys each) of a plain SDK listing of the keys under
     * {@code prefix}, before the service runs.
     */
    static double millisPerList(BenchEmulators emulators, String bucket, String prefix, int requests) {
        long started = System.nanoTime();
        long made = emulators.s3.client().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix).maxKeys(1000))
                .stream().limit(requests).count();
        return (System.nanoTime() - started) / 1e6 / made;
    }

    /**
     * {@code objects} finished objects in the service's default layout: for each, the completion marker the service
     * would have written, and if asked its recording and its transcript. Straight into S3Proxy's blob store (no HTTP:
     * an S3 PUT each would take minutes), 4 writers. All recordings have the same bytes, so one ETag serves every job
     * name; markers and transcripts are small but realistic. Returns the keys written.
     */
    static int seed(BenchEmulators emulators, String bucket, int objects, boolean recordings, boolean transcripts)
            throws Exception {
        OutputLayout output = new OutputLayout(bucket, "transcribe-bridge/");
        byte[] audio = "An archived call that was transcribed long ago.".getBytes(StandardCharsets.UTF_8);
        emulators.s3.put(bucket, key(0), audio);
        String etag = JobNames.normalizeEtag(emulators.s3.etag(bucket, key(0)));
        if (!recordings) {
            emulators.s3.client().deleteObject(r -> r.bucket(bucket).key(key(0)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = writer; i < objects; i += 4) {
                        String key = key(i);
                        String job = JobNames.of(bucket, key, etag);
                        if (recordings) {
                            emulators.s3.putDirectly(bucket, key, audio);
                        }
                        emulators.s3.putDirectly(bucket, output.doneKey(job), marker(bucket, key, etag, job, i));
                        if (transcripts) {
                            emulators.s3.putDirectly(bucket, output.transcriptKey(job), transcript(job));
                        }
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
        return objects * (1 + (recordings ? 1 : 0) + (transcripts ? 1 : 0));
    }

    private static String key(int i) {
        return String.format("archive/%03d/call-%06d.wav", i / 1000, i);
    }

    private static byte[] marker(String bucket, String key, String etag, String job, int task) {
        return ("{\"bucket\":\"" + bucket + "\",\"key\":\"" + key + "\",\"etag\":\"" + etag + "\",\"jobName\":\"" + job
                + "\",\"labelStudioProjectId\":1,\"taskIds\":[" + task + "],\"foundExistingTask\":false,"
                + "\"time\":\"2024-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] transcript(String job) {
        return ("{\"jobName\":\"" + job + "\",\"accountId\":\"123456789012\",\"status\":\"COMPLETED\",\"results\":"
                + "{\"transcripts\":[{\"transcript\":\"An archived call that was transcribed long ago.\"}],"
                + "\"items\":[]}}").getBytes(StandardCharsets.UTF_8);
    }
}
