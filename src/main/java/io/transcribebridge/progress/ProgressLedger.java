package io.transcribebridge.progress;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Which object versions are finished, keyed by job name. The output bucket is the only durable store: a
 * completion marker under {@code {OUTPUT_PREFIX}done/} (written by the publish route after a successful import)
 * or a failure record under {@code {OUTPUT_PREFIX}failed/}. At start-up both prefixes are listed (one LIST request
 * per 1,000 finished objects); afterwards the sets live in memory.
 * <p>
 * {@link #add} is what Camel's idempotent consumer calls when an exchange completes; it only updates memory,
 * because the marker was already written by the route. Deleting a failure record re-drives its object: see
 * {@link #rescanFailures()}.
 */
public final class ProgressLedger extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLedger.class);
    private static final String SUFFIX = ".json";

    private final S3Client s3;
    private final OutputLayout layout;
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    public ProgressLedger(S3Client s3, OutputLayout layout) {
        this.s3 = s3;
        this.layout = layout;
    }

    @Override
    protected void doStart() {
        done.addAll(list(layout.donePrefix()));
        failed.addAll(list(layout.failedPrefix()));
        LOG.info("Progress from s3://{}/{}: {} object versions imported, {} with a failure record",
                layout.bucket(), layout.prefix(), done.size(), failed.size());
    }

    /** Finished: imported, or failed with a record. */
    @Override
    public boolean contains(String jobName) {
        return done.contains(jobName) || failed.contains(jobName);
    }

    /**
     * The idempotent consumer's commit after an exchange that did not fail: the completion marker is already
     * written, unless the exchange ended in a failure record without an exception (Transcribe job FAILED, wait
     * limit reached). Such a version stays failed only, so deleting its record re-drives it.
     */
    @Override
    public boolean add(String jobName) {
        return !failed.contains(jobName) && done.add(jobName);
    }

    /** Called once the failure record of {@code jobName} is durably written. */
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
        Set<String> before = new HashSet<>(failed);
        before.removeAll(list(layout.failedPrefix()));
        failed.removeAll(before);
        before.forEach(job -> LOG.info("Failure record of job {} was removed; its object will be processed again",
                job));
        return List.copyOf(before);
    }

    private Set<String> list(String prefix) {
        Set<String> jobNames = new HashSet<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(layout.bucket()).prefix(prefix).build();
        for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
            String name = object.key().substring(prefix.length());
            if (name.endsWith(SUFFIX) && name.indexOf('/') < 0) {
                jobNames.add(name.substring(0, name.length() - SUFFIX.length()));
            }
        }
        return jobNames;
    }

    @Override
    public boolean remove(String jobName) {
        return done.remove(jobName) | failed.remove(jobName);
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
