package io.transcribebridge.claims;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.intake.TrackedObject;
import io.transcribebridge.labelstudio.ImportBatcher;
import io.transcribebridge.progress.OutputLayout;
import io.transcribebridge.progress.ProgressLedger;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Which replica works on which object version. Before a replica starts (or adopts) the Transcribe job of a version
 * it claims it: {@code {OUTPUT_PREFIX}claims/<job>.json} written with {@code If-None-Match: *}, so of several
 * replicas that found the same version exactly one wins. The claim holds for a lease ({@code CLAIMS_LEASE_MS}) and
 * is renewed every third of it while the replica works ({@link #renewAll}); a claim left to expire (its replica was
 * killed) or released (its replica stopped) is taken over with {@code If-Match} on the ETag read, again by exactly
 * one replica, which then looks the task up in Label Studio before importing (the dead replica may have imported).
 * Before importing, the holder renews the claim once more ({@link #fence}): a replica that lost its claim while it
 * waited can never import behind the back of the one that took over. Once the completion marker or failure record
 * is written the claim is deleted ({@link #finish}); the claims that exist are the work in flight across all
 * replicas, which {@link #sweep} looks through for work to take over.
 * <p>
 * A claim won is checked against the completion marker and failure record before any work (a version finished by
 * another replica after this one listed it). Without conditional writes in the S3 store (the doctor tests it at
 * start-up) every claim is won: one replica is then still exactly once, several are not.
 */
public final class Claims extends ServiceSupport {

    /** What {@link #claim} found. */
    public enum Outcome {
        /** Claimed, nobody had: start the job. */
        NEW,
        /** Claimed from a replica whose claim expired or was released: adopt the job, look the task up first. */
        TAKEN_OVER,
        /** Another replica holds it. */
        HELD_ELSEWHERE,
        /** Already finished (completion marker or failure record): nothing to do. */
        FINISHED,
        /** This replica already works on it (e.g. found by the listing while a sweep queued it). */
        ALREADY_HERE
    }

    /** Exchange property: this exchange holds the claim of its object version. */
    public static final String CLAIMED = "claimed";

    private static final Logger LOG = LoggerFactory.getLogger(Claims.class);
    private static final String JOB_PREFIX = "tb-";

    /** A claim this replica holds. {@code active}: an exchange works on it; else it waits in the queue. */
    private static final class Held {
        final String jobName;
        ClaimRecord record;
        String etag;
        boolean active;
        boolean takenOver;

        Held(String jobName) {
            this.jobName = jobName;
        }
    }

    private final ConditionalStore store;
    private final OutputLayout layout;
    private final ProgressLedger ledger;
    private final ClaimSettings settings;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Consumer<Outcome> outcomes;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    /**
     * Versions another replica held, until when: listing passes leave them alone meanwhile (no request). Kept for a
     * lease after that: a version another replica worked on is most likely finished by it, so its markers are read
     * before it is claimed again (a claim written and deleted for nothing would be work for every replica).
     */
    private final Map<String, Instant> elsewhere = new ConcurrentHashMap<>();

    public Claims(ConditionalStore store, OutputLayout layout, ProgressLedger ledger, ClaimSettings settings,
                  ObjectMapper mapper, Clock clock, Consumer<Outcome> outcomes) {
        this.store = store;
        this.layout = layout;
        this.ledger = ledger;
        this.settings = settings;
        this.mapper = mapper;
        this.clock = clock;
        this.outcomes = outcomes;
    }

    /**
     * The object pipeline's step: claims the exchange's object version (or takes over a claim reserved for it) and
     * sets {@value #CLAIMED}; with a claim taken over, the import looks the task up first. A claim the exchange
     * still holds when it ends (it stopped without finishing) is released, so that any replica may take it.
     */
    public void acquire(Exchange exchange) {
        SourceObject source = exchange.getProperty(TrackedObject.SOURCE, SourceObject.class);
        String jobName = exchange.getProperty(TrackedObject.JOB_NAME, String.class);
        Outcome outcome = claim(source, jobName, true);
        boolean claimed = outcome == Outcome.NEW || outcome == Outcome.TAKEN_OVER;
        exchange.setProperty(CLAIMED, claimed);
        exchange.setProperty(ImportBatcher.MAY_EXIST, outcome == Outcome.TAKEN_OVER);
        if (claimed) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    release(jobName);
                }
            });
        } else {
            LOG.debug("Not working on {} (job {}): {}", source, jobName, outcome);
        }
    }

    /**
     * For work that arrives by event or is taken over by a sweep: claims the version before it is queued, so that
     * the message that brought it may be deleted. True if the caller should queue it.
     */
    public boolean reserve(SourceObject source, String jobName) {
        Outcome outcome = claim(source, jobName, false);
        return outcome == Outcome.NEW || outcome == Outcome.TAKEN_OVER;
    }

    Outcome claim(SourceObject source, String jobName, boolean activate) {
        Held mine = new Held(jobName);
        Held existing = held.putIfAbsent(jobName, mine);
        if (existing != null) {
            synchronized (existing) {
                if (activate && !existing.active && existing.etag != null) {
                    existing.active = true;
                    return count(existing.takenOver ? Outcome.TAKEN_OVER : Outcome.NEW);
                }
            }
            return count(Outcome.ALREADY_HERE);
        }
        boolean won = false;
        try {
            synchronized (mine) {
                if (elsewhere.remove(jobName) != null && finishedAlready(jobName)) {
                    return count(Outcome.FINISHED);
                }
                Outcome outcome = claimRemotely(mine, source);
                if (outcome == Outcome.NEW || outcome == Outcome.TAKEN_OVER) {
                    mine.active = activate;
                    won = true;
                }
                return count(outcome);
            }
        } finally {
            if (!won) {
                held.remove(jobName, mine);
            }
        }
    }

    private Outcome claimRemotely(Held mine, SourceObject source) {
        String key = layout.claimKey(mine.jobName);
        ClaimRecord record = new ClaimRecord(mine.jobName, source, settings.replicaId(), expiry());
        String body = record.toJson(mapper);
        Optional<String> etag = store.create(key, body);
        String previousOwner = null;
        if (etag.isEmpty()) {
            Optional<ConditionalStore.Stored> current = store.read(key);
            Optional<ClaimRecord> previous = current.flatMap(stored -> parse(stored.body()));
            if (current.isEmpty()) {
                // finished and deleted since: a new claim
                etag = store.create(key, body);
            } else if (previous.isPresent() && !previous.get().expiredAt(clock.instant())) {
                elsewhere.put(mine.jobName, previous.get().expiresAt());
                return Outcome.HELD_ELSEWHERE;
            } else {
                etag = store.replace(key, body, current.get().etag());
                mine.takenOver = etag.isPresent();
                previousOwner = previous.map(ClaimRecord::owner).orElse("unreadable claim");
            }
            if (etag.isEmpty()) {
                return Outcome.HELD_ELSEWHERE;
            }
        }
        mine.record = record;
        mine.etag = etag.get();
        if (finishedAlready(mine.jobName)) {
            deleteQuietly(key);
            return Outcome.FINISHED;
        }
        if (mine.takenOver) {
            LOG.info("Took over job {} for {}: the claim of {} had expired or was released", mine.jobName, source,
                    previousOwner);
        }
        return mine.takenOver ? Outcome.TAKEN_OVER : Outcome.NEW;
    }

    /** The version's completion marker or failure record exists (the ledger learns which). */
    private boolean finishedAlready(String jobName) {
        if (store.exists(layout.doneKey(jobName))) {
            ledger.markDone(jobName);
            return true;
        }
        if (store.exists(layout.failedKey(jobName))) {
            ledger.markFailed(jobName);
            return true;
        }
        return false;
    }

    private Optional<ClaimRecord> parse(String body) {
        try {
            return Optional.of(ClaimRecord.parse(mapper, body));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Instant expiry() {
        return clock.instant().plus(settings.lease());
    }

    /**
     * Renews the claim right before the import: afterwards nobody can take it over for a whole lease, longer than
     * an import may take. Throws {@link ClaimLostException} if another replica took it over meanwhile; S3 errors
     * propagate (the caller's retry runs it again).
     */
    public void fence(String jobName) {
        Held mine = held.get(jobName);
        if (mine == null) {
            throw new ClaimLostException(jobName);
        }
        synchronized (mine) {
            if (!renew(mine)) {
                throw new ClaimLostException(jobName);
            }
        }
    }

    /**
     * For the failure record: true if another replica took the claim over (it records the outcome, not this one).
     * An S3 error answers false: a record written twice is better than none.
     */
    public boolean lostBeforeRecord(String jobName) {
        try {
            fence(jobName);
            return false;
        } catch (ClaimLostException e) {
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    /**
     * Another replica held the version's claim when this one last tried, and its lease has not run out since: a
     * listing pass skips it without asking S3. Once the lease ends it is claimed again, markers first.
     */
    public boolean knownHeldElsewhere(String jobName) {
        Instant until = elsewhere.get(jobName);
        return until != null && until.isAfter(clock.instant());
    }

    /** Another replica holds a live claim on the job (one S3 read). */
    public boolean heldElsewhere(String jobName) {
        if (held.containsKey(jobName)) {
            return false;
        }
        return store.read(layout.claimKey(jobName)).flatMap(stored -> parse(stored.body()))
                .filter(record -> !record.expiredAt(clock.instant())).isPresent();
    }

    /** True while this replica holds the claim (as far as it knows; {@link #fence} asks S3). */
    public boolean holds(String jobName) {
        return held.containsKey(jobName);
    }

    /** Renews every claim held; a claim found taken over is dropped (its exchange stops at its next fence). */
    public void renewAll() {
        for (Held mine : List.copyOf(held.values())) {
            synchronized (mine) {
                if (mine.etag == null || held.get(mine.jobName) != mine) {
                    continue;
                }
                try {
                    if (!renew(mine)) {
                        LOG.warn("The claim of job {} was taken over by another replica; this replica stops working "
                                 + "on {}", mine.jobName, mine.record.source());
                    }
                } catch (SdkException e) {
                    LOG.debug("Could not renew the claim of job {} ({}); trying again at the next renewal",
                            mine.jobName, e.getMessage());
                }
            }
        }
    }

    private boolean renew(Held mine) {
        ClaimRecord renewed = mine.record.until(expiry());
        Optional<String> etag = store.replace(layout.claimKey(mine.jobName), renewed.toJson(mapper), mine.etag);
        if (etag.isEmpty()) {
            held.remove(mine.jobName, mine);
            count(Outcome.HELD_ELSEWHERE);
            return false;
        }
        mine.record = renewed;
        mine.etag = etag.get();
        return true;
    }

    /** The completion marker or failure record is written: the claim is no longer needed. */
    public void finish(String jobName) {
        Held mine = held.remove(jobName);
        if (mine != null) {
            synchronized (mine) {
                deleteQuietly(layout.claimKey(jobName));
            }
        }
    }

    /**
     * Gives the claim up without finishing (the exchange stopped: shutdown, an error left for a later pass), by
     * letting it expire now, so any replica can take it over at once. It stays in place: it is the only record of
     * work that arrived by event.
     */
    public void release(String jobName) {
        Held mine = held.remove(jobName);
        if (mine == null) {
            return;
        }
        synchronized (mine) {
            if (mine.etag == null) {
                return;
            }
            try {
                store.replace(layout.claimKey(jobName), mine.record.until(clock.instant()).toJson(mapper), mine.etag);
            } catch (SdkException e) {
                LOG.debug("Could not release the claim of job {} ({}); it expires by itself", jobName,
                        e.getMessage());
            }
        }
    }

    /**
     * The claims of other replicas that expired or were released, each taken over and returned as work to queue.
     * Only claims not written for longer than half a lease are read (a live claim is renewed every third of one).
     */
    public List<SourceObject> sweep() {
        Instant now = clock.instant();
        elsewhere.values().removeIf(until -> until.plus(settings.lease()).isBefore(now));
        Instant stale = now.minus(settings.lease().dividedBy(2));
        List<SourceObject> takenOver = new ArrayList<>();
        for (ConditionalStore.Listed listed : store.list(layout.claimsPrefix())) {
            String name = listed.key().substring(layout.claimsPrefix().length());
            if (!name.startsWith(JOB_PREFIX) || !name.endsWith(".json") || listed.lastModified().isAfter(stale)) {
                continue;
            }
            String jobName = name.substring(0, name.length() - ".json".length());
            if (held.containsKey(jobName)) {
                continue;
            }
            store.read(listed.key()).flatMap(stored -> parse(stored.body()))
                    .filter(record -> record.expiredAt(clock.instant()) && jobName.equals(record.jobName()))
                    .filter(record -> reserve(record.source(), jobName))
                    .ifPresent(record -> takenOver.add(record.source()));
        }
        return takenOver;
    }

    /** Claims held now (queued or in flight). */
    public int held() {
        return held.size();
    }

    private void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (SdkException e) {
            LOG.warn("Could not delete the claim s3://{}/{} ({}); a later sweep finds it finished and deletes it",
                    layout.bucket(), key, e.getMessage());
        }
    }

    private Outcome count(Outcome outcome) {
        outcomes.accept(outcome);
        return outcome;
    }

    /** A graceful stop: every claim held is released, so the other replicas take the work over at once. */
    @Override
    protected void doStop() {
        List<String> jobs = List.copyOf(held.keySet());
        jobs.forEach(this::release);
        if (!jobs.isEmpty()) {
            LOG.info("Released {} claim(s) for the other replicas", jobs.size());
        }
    }
}
