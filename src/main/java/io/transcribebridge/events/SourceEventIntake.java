package io.transcribebridge.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import io.transcribebridge.claims.Claims;
import io.transcribebridge.intake.IntakeDecision;
import io.transcribebridge.intake.IntakeFilter;
import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.progress.ProgressLedger;
import io.transcribebridge.transcribe.JobNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object versions one message of the source events queue brings, as work to queue: events for other buckets or
 * other prefixes, files Transcribe does not take, the service's own output and finished versions give nothing. Each
 * version returned is claimed already ({@link Claims#reserve}), so the message can be deleted once they are queued:
 * if this replica dies before working on them, their claims expire and another replica's sweep takes them over.
 */
public final class SourceEventIntake {

    /** What became of one event, for the meters. */
    public enum Outcome { QUEUED, IGNORED, FINISHED_OR_ELSEWHERE }

    private static final Logger LOG = LoggerFactory.getLogger(SourceEventIntake.class);

    private final ObjectCreatedEvents events;
    private final String sourceBucket;
    private final String sourcePrefix;
    private final IntakeFilter filter;
    private final ProgressLedger ledger;
    private final Claims claims;
    private final BiConsumer<Outcome, Integer> outcomes;

    public SourceEventIntake(ObjectCreatedEvents events, String sourceBucket, String sourcePrefix, IntakeFilter filter,
                             ProgressLedger ledger, Claims claims, BiConsumer<Outcome, Integer> outcomes) {
        this.events = events;
        this.sourceBucket = sourceBucket;
        this.sourcePrefix = sourcePrefix;
        this.filter = filter;
        this.ledger = ledger;
        this.claims = claims;
        this.outcomes = outcomes;
    }

    public List<SourceObject> accept(String body) {
        List<ObjectCreatedEvents.ObjectCreated> created = events.parse(body);
        if (created.isEmpty()) {
            LOG.debug("Source event without created objects (a test event, a removal, another kind of event)");
            outcomes.accept(Outcome.IGNORED, 1);
        }
        List<SourceObject> work = new ArrayList<>();
        for (ObjectCreatedEvents.ObjectCreated event : created) {
            String uri = "s3://" + event.bucket() + "/" + event.key();
            if (!event.bucket().equals(sourceBucket) || !event.key().startsWith(sourcePrefix)) {
                LOG.debug("Ignoring the event for {}: not under s3://{}/{}", uri, sourceBucket, sourcePrefix);
                outcomes.accept(Outcome.IGNORED, 1);
                continue;
            }
            IntakeDecision decision = filter.classify(event.bucket(), event.key());
            if (decision != IntakeDecision.ACCEPT) {
                LOG.debug("Ignoring the event for {}: {}", uri, decision == IntakeDecision.OWN_OUTPUT
                        ? "the service's own output" : "not a format Transcribe accepts");
                outcomes.accept(Outcome.IGNORED, 1);
                continue;
            }
            String etag = JobNames.normalizeEtag(event.etag());
            String jobName = JobNames.of(event.bucket(), event.key(), etag);
            SourceObject source = new SourceObject(event.bucket(), event.key(), etag, event.size());
            if (!ledger.contains(jobName) && claims.reserve(source, jobName)) {
                work.add(source);
                outcomes.accept(Outcome.QUEUED, 1);
            } else {
                LOG.debug("Event for {} (job {}): finished already or another replica works on it", uri, jobName);
                outcomes.accept(Outcome.FINISHED_OR_ELSEWHERE, 1);
            }
        }
        return work;
    }
}
