package io.transcribebridge.progress;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Which object versions are finished, keyed by job name: a completion marker under {@code {OUTPUT_PREFIX}done/}
 * (written by the publish route after a successful import, by whichever replica) or a failure record under
 * {@code {OUTPUT_PREFIX}failed/}. The output bucket is the only durable store; this is a cache of it that lets a
 * listing pass skip finished objects without a request per object.
 * <p>
 * Start-up does not wait for it: both prefixes are listed in the background (one LIST request per 1,000 finished
 * objects), so a replica over a million finished objects is ready in seconds; listing passes wait until it is
 * loaded ({@link #awaitLoaded}). Completed jobs are kept as 64-bit fingerprints ({@link Fingerprints}, ~16 bytes
 * each), failed ones by name (they are few, and replay needs the names). A version this cache does not know is not
 * necessarily new work: the object's claim ({@code claims.Claims}) decides, and looks at the markers itself.
 * <p>
 * Camel's idempotent consumer calls {@link #add} when an exchange completes; that commits nothing, because an
 * exchange may complete without finishing its object (another replica holds its claim). The routes call
 * {@link #markDone} and {@link #markFailed} once a marker or record is durably written. Deleting a failure record
 * re-drives its object: see {@link #rescanFailures()}.
 */
public final class ProgressLedger extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLedger.class);
    private static final String SUFFIX = ".json";
    private static final Duration LOAD_RETRY = Duration.ofSeconds(5);

    private final S3Client s3;
    private final OutputLayout layout;
    private final Fingerprints done = new Fingerprints();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final AtomicLong loadRequests = new AtomicLong();
    private volatile CountDownLatch loaded = new CountDownLatch(1);
    private volatile Thread loader;

    public ProgressLedger(S3Client s3, OutputLayout layout) {
        this.s3 = s3;
        this.layout = layout;
    }

    @Override
    protected void doStart() {
        CountDownLatch latch = new CountDownLatch(1);
        loaded = latch;
        Thread thread = new Thread(() -> load(latch), "ProgressLedger load");
        thread.setDaemon(true);
        loader = thread;
        thread.start();
    }

    @Override
    protected void doStop() {
        Thread thread = loader;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void load(CountDownLatch latch) {
        long started = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                list(layout.donePrefix(), done::add, loadRequests);
                list(layout.failedPrefix(), failed::add, loadRequests);
                LOG.info("Progress from s3://{}/{}: {} object versions imported, {} with a failure record "
                         + "({} LIST requests, {} ms)", layout.bucket(), layout.prefix(), done.size(), failed.size(),
                        loadRequests.get(), (System.nanoTime() - started) / 1_000_000);
                latch.countDown();
                return;
            } catch (SdkException e) {
                LOG.warn("Cannot read the progress in s3://{}/{} yet ({}); trying again in {} s", layout.bucket(),
                        layout.prefix(), e.getMessage(), LOAD_RETRY.toSeconds());
                try {
                    Thread.sleep(LOAD_RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Waits until the markers in the bucket at start-up are known; false if that took longer than {@code max}. */
    public boolean awaitLoaded(Duration max) {
        try {
            return loaded.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    /** LIST requests the start-up load has made so far. */
    public long loadRequests() {
        return loadRequests.get();
    }

    /** Known to be finished: imported, or failed with a record. */
    @Override
    public boolean contains(String jobName) {
        return failed.contains(jobName) || done.contains(jobName);
    }

    /** The idempotent consumer's commit: nothing to do, see the class comment. */
    @Override
    public boolean add(String jobName) {
        return true;
    }

    /** Called once the completion marker of {@code jobName} is durably written (or found). */
    public void markDone(String jobName) {
        done.add(jobName);
    }

    /** Called once the failure record of {@code jobName} is durably written (or found). */
    public void markFailed(String jobName) {
        failed.add(jobName);
    }

    /**
     * Forgets every failed object whose failure record has been deleted, so the next listing pass of the source
     * bucket processes it again. Records written while this runs are kept: only names known before the listing
     * started can be forgotten.
     *
     * @return the job names that will be re-driven
     */
    public List<String> rescanFailures() {
        if (!isLoaded()) {
            return List.of();
        }
        Set<String> before = new HashSet<>(failed);
        Set<String> listed = new HashSet<>();
        list(layout.failedPrefix(), listed::add, new AtomicLong());
        before.removeAll(listed);
        failed.removeAll(before);
        before.forEach(job -> LOG.info("Failure record of job {} was removed; its object will be processed again",
                job));
        return List.copyOf(before);
    }

    private void list(String prefix, Consumer<String> jobNames, AtomicLong requests) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(layout.bucket()).prefix(prefix).build();
        s3.listObjectsV2Paginator(request).forEach(page -> {
            requests.incrementAndGet();
            for (S3Object object : page.contents()) {
                String name = object.key().substring(prefix.length());
                if (name.endsWith(SUFFIX) && name.indexOf('/') < 0) {
                    jobNames.accept(name.substring(0, name.length() - SUFFIX.length()));
                }
            }
        });
    }

    @Override
    public boolean remove(String jobName) {
        // fingerprints cannot be removed; nothing calls this (removeOnFailure is off)
        return failed.remove(jobName);
    }

    @Override
    public boolean confirm(String jobName) {
        return true;
    }

    @Override
    public void clear() {
        done.clear();
        failed.clear();
    }
}
