package io.transcribebridge.testing.transcribe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.transcribebridge.testing.sqs.EventDelivery;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The "Transcribe Job State Change" events EventBridge delivers to an SQS target when a job moves to COMPLETED or
 * FAILED. Job status in the emulator is a function of its clock, evaluated when asked; this class adds the one thing
 * that happens on its own: a thread that wakes when the next job's completion time is reached on that clock (and
 * again whenever the clock is moved forward), writes the job's transcript as Transcribe would have by then, and hands
 * the event to the {@link EventDelivery}.
 */
final class JobStateEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobStateEvents.class);
    /** Upper bound on one wait, so a clock that moves without a {@link #clockMoved} call is noticed too. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Clock clock;
    private final EmulatorSettings settings;
    private final ObjectMapper json;
    private final Consumer<TranscriptionJob> beforeEvent;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<TranscriptionJob> pending = new PriorityQueue<>(
            Comparator.comparing(TranscriptionJob::completionTime).thenComparingLong(TranscriptionJob::sequence));
    /** The jobs in {@link #pending}, so a job is never queued twice. */
    private final Set<TranscriptionJob> queued = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile EventDelivery delivery;
    private Thread thread;
    private boolean closed;

    /** {@code beforeEvent} runs for each finished job before its event is sent (writes its transcript). */
    JobStateEvents(Clock clock, EmulatorSettings settings, ObjectMapper json, Consumer<TranscriptionJob> beforeEvent) {
        this.clock = clock;
        this.settings = settings;
        this.json = json;
        this.beforeEvent = beforeEvent;
    }

    /** A new job: its event is due at its completion time. Only remembered while events are published. */
    void jobStarted(TranscriptionJob job) {
        if (delivery == null) {
            return;
        }
        lock.lock();
        try {
            enqueue(job);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The emulator's clock jumped forward: jobs may have finished. */
    void clockMoved() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * From now on events go to this queue (replacing an earlier target): for jobs that finish from now on, including
     * jobs already running, as for an EventBridge rule created now. {@code running} lists the jobs not yet finished.
     */
    EventDelivery publishTo(SqsClient sqs, String queueUrl, Supplier<List<TranscriptionJob>> running) {
        EventDelivery next = new EventDelivery(sqs, queueUrl, "transcribe-events");
        EventDelivery previous;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            previous = delivery;
            // set before listing the running jobs: a job started meanwhile is listed or reported by jobStarted
            delivery = next;
            pending.clear();
            queued.clear();
            running.get().forEach(this::enqueue);
            if (thread == null) {
                thread = new Thread(this::run, "transcribe-emulator-events");
                thread.setDaemon(true);
                thread.start();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (previous != null) {
            previous.close();
        }
        return next;
    }

    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            running = thread;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        EventDelivery last = delivery;
        if (last != null) {
            last.close();
        }
    }

    /** Under the lock. */
    private void enqueue(TranscriptionJob job) {
        if (queued.add(job)) {
            pending.add(job);
        }
    }

    private void run() {
        while (true) {
            List<TranscriptionJob> due = new ArrayList<>();
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                Instant now = clock.instant();
                while (!pending.isEmpty() && !pending.peek().completionTime().isAfter(now)) {
                    TranscriptionJob job = pending.poll();
                    queued.remove(job);
                    due.add(job);
                }
                if (due.isEmpty()) {
                    long wait = pending.isEmpty() ? MAX_WAIT_NANOS
                            : Math.min(MAX_WAIT_NANOS, Duration.between(now, pending.peek().completionTime()).toNanos());
                    changed.awaitNanos(Math.max(wait, 1));
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            due.forEach(this::emit);
        }
    }

    private void emit(TranscriptionJob job) {
        try {
            beforeEvent.accept(job);
        } catch (RuntimeException e) {
            LOG.warn("Transcript of {} not written before its event: {}", job.name(), e.toString());
        }
        EventDelivery target = delivery;
        if (target != null) {
            target.publish(event(job));
        }
    }

    private String event(TranscriptionJob job) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Transcribe Job State Change");
        event.put("source", "aws.transcribe");
        event.put("account", TranscriptionJobs.ACCOUNT_ID);
        event.put("time", job.completionTime().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", settings.region());
        event.putArray("resources");
        ObjectNode detail = event.putObject("detail");
        detail.put("TranscriptionJobName", job.name());
        detail.put("TranscriptionJobStatus", job.outcome().status());
        if (job.outcome().failureReason() != null) {
            detail.put("FailureReason", job.outcome().failureReason());
        }
        return event.toString();
    }
}
