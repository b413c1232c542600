package io.transcribebridge.intake;

import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.transcribebridge.progress.ProgressLedger;
import io.transcribebridge.transcribe.JobNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One intake pass over the source bucket: ListObjectsV2 pages of up to 1,000 keys, fetched lazily while the caller
 * iterates, yielding only the object versions that are new work: supported media, not the service's own output,
 * not finished ({@link ProgressLedger}) and not already queued or in flight. Nothing else is requested from S3: the
 * audio is never read, and a pass over 100,000 finished objects costs about 100 LIST requests and no more memory
 * than one page. When the output is written to the listed range of the same bucket (the default:
 * {@code transcribe-bridge/} in the source bucket), its transcripts and markers, two more keys per finished object,
 * are not paged through: they sort together, so once a page ends among them the next request starts after them.
 * <p>
 * A yielded version counts as queued until {@link #release} (called when its exchange completes, however it ends).
 */
public final class BucketListing {

    private static final Logger LOG = LoggerFactory.getLogger(BucketListing.class);
    private static final Duration LEDGER_WAIT = Duration.ofMinutes(10);
    private static final String MAX_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int pageSize;
    private final IntakeFilter filter;
    private final ProgressLedger ledger;
    private final Predicate<String> heldElsewhere;
    /** The output prefix when the service writes its output within the listed range of this bucket, else null. */
    private final String ownOutput;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Set<String> unsupportedLogged = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong listRequests = new AtomicLong();
    private final AtomicLong keysListed = new AtomicLong();
    private final AtomicLong newVersions = new AtomicLong();
    private volatile long unsupportedInLastPass;

    public BucketListing(S3Client s3, String bucket, String prefix, int pageSize, IntakeFilter filter,
                         ProgressLedger ledger) {
        this(s3, bucket, prefix, pageSize, filter, ledger, jobName -> false);
    }

    /** @param heldElsewhere versions another replica is known to work on: not new work for this one now */
    public BucketListing(S3Client s3, String bucket, String prefix, int pageSize, IntakeFilter filter,
                         ProgressLedger ledger, Predicate<String> heldElsewhere) {
        this.heldElsewhere = heldElsewhere;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.pageSize = pageSize;
        this.filter = filter;
        this.ledger = ledger;
        this.ownOutput = filter.ownOutputPrefix(bucket).filter(output -> output.startsWith(prefix)).orElse(null);
    }

    /**
     * The new object versions of one pass, listed page by page as the iterator advances. When the listing is
     * exhausted, one DEBUG line sums the pass up (keys, LIST requests, new versions, duration including the time the
     * caller spent between items, e.g. waiting for queue space).
     */
    public Iterator<SourceObject> newObjects() {
        // without the finished versions known, every one of them would look new (and cost a claim request)
        if (!ledger.awaitLoaded(LEDGER_WAIT)) {
            LOG.info("Intake pass of s3://{}/{} skipped: the finished object versions are still being read", bucket,
                    prefix);
            return Collections.emptyIterator();
        }
        long pass = passes.incrementAndGet();
        long started = System.nanoTime();
        Pages pages = new Pages();
        Iterator<S3Object> keys = pages.iterator();
        return new Iterator<>() {
            private SourceObject next;
            private long yielded;
            private boolean summarized;

            @Override
            public boolean hasNext() {
                while (next == null && keys.hasNext()) {
                    next = admit(keys.next(), pages);
                }
                if (next == null && !summarized) {
                    summarized = true;
                    unsupportedInLastPass = pages.unsupported;
                    LOG.debug("Intake pass {} over s3://{}/{}: {} keys in {} LIST requests, {} new object versions, "
                              + "{} ms", pass, bucket, prefix, pages.keyCount, pages.requests, yielded,
                            (System.nanoTime() - started) / 1_000_000);
                }
                return next != null;
            }

            @Override
            public SourceObject next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SourceObject answer = next;
                next = null;
                yielded++;
                newVersions.incrementAndGet();
                return answer;
            }
        };
    }

    /** The keys of one pass, a LIST request at a time; jumps over the service's own output at most once. */
    private final class Pages {
        private long requests;
        private long keyCount;
        private long unsupported;
        private String continuationToken;
        private String startAfter;
        private boolean jumped;
        private boolean last;

        Iterator<S3Object> iterator() {
            return Stream.generate(this::next).takeWhile(Objects::nonNull).flatMap(List::stream).iterator();
        }

        /** The next page's keys, or null after the last page. */
        private List<S3Object> next() {
            if (last) {
                return null;
            }
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                    .maxKeys(pageSize);
            if (continuationToken != null) {
                request.continuationToken(continuationToken);
            } else if (startAfter != null) {
                request.startAfter(startAfter);
            }
            ListObjectsV2Response page = s3.listObjectsV2(request.build());
            int count = page.keyCount() == null ? page.contents().size() : page.keyCount();
            requests++;
            keyCount += count;
            listRequests.incrementAndGet();
            keysListed.addAndGet(count);
            continuationToken = page.nextContinuationToken();
            startAfter = null;
            last = !Boolean.TRUE.equals(page.isTruncated());
            List<S3Object> contents = page.contents();
            if (!last && !jumped && ownOutput != null && !contents.isEmpty()
                && contents.get(contents.size() - 1).key().startsWith(ownOutput)) {
                // U+10FFFF is the greatest code point, so no key under the prefix sorts after this but those that
                // continue with it; once per pass, so an unexpected key order can never make it loop
                jumped = true;
                continuationToken = null;
                startAfter = ownOutput + MAX_CODE_POINT;
            }
            return contents;
        }
    }

    private SourceObject admit(S3Object object, Pages pages) {
        String key = object.key();
        switch (filter.classify(bucket, key)) {
            case OWN_OUTPUT:
                return null;
            case UNSUPPORTED:
                pages.unsupported++;
                logUnsupportedOnce(key);
                return null;
            default:
                break;
        }
        String etag = JobNames.normalizeEtag(object.eTag());
        String jobName = JobNames.of(bucket, key, etag);
        if (ledger.contains(jobName) || heldElsewhere.test(jobName) || !queued.add(jobName)) {
            return null;
        }
        return new SourceObject(bucket, key, etag, object.size() == null ? -1 : object.size());
    }

    private void logUnsupportedOnce(String key) {
        if (LOG.isDebugEnabled()) {
            boolean first;
            synchronized (unsupportedLogged) {
                first = unsupportedLogged.add(key);
            }
            if (first) {
                LOG.debug("Ignoring s3://{}/{}: not a format Transcribe accepts ({})", bucket, key,
                        "mp3, mp4, wav, flac, ogg, amr, webm, m4a");
            }
        }
    }

    /** The version's exchange has completed: it may be listed again (the ledger decides whether it is new work). */
    public void release(String jobName) {
        queued.remove(jobName);
    }

    public int queuedOrInFlight() {
        return queued.size();
    }

    public long passes() {
        return passes.get();
    }

    public long listRequests() {
        return listRequests.get();
    }

    public long keysListed() {
        return keysListed.get();
    }

    /** New object versions handed to the caller since start-up (queued for the pipeline). */
    public long newVersions() {
        return newVersions.get();
    }

    /** Objects the last complete pass skipped as not a format Transcribe accepts; 0 before the first pass ends. */
    public long unsupportedInLastPass() {
        return unsupportedInLastPass;
    }
}
