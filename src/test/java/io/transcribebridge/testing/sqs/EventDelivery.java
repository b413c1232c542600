package io.transcribebridge.testing.sqs;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How an AWS service's events reach an SQS queue in the emulators (S3 event notifications, EventBridge rules with an
 * SQS target): asynchronously, in order, from a thread of its own, and with the faults AWS allows itself: events lost
 * (EventBridge and S3 deliver best effort / at least once), delivered twice, or late. The knobs can change at any time;
 * the counts let a test assert what was actually delivered.
 */
public final class EventDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final ScheduledExecutorService sender;
    /** Seeded, so a run that drops a fraction of events drops the same ones again. */
    private final Random random = new Random(42);
    private final AtomicInteger dropNext = new AtomicInteger();
    private volatile double dropFraction;
    private volatile boolean duplicate;
    private volatile Duration delay = Duration.ZERO;
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger duplicated = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean closed;

    public EventDelivery(SqsClient sqs, String queueUrl, String threadName) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.sender = executor;
    }

    public String queueUrl() {
        return queueUrl;
    }

    /** The next {@code count} events are lost (not sent at all). */
    public EventDelivery dropNextEvents(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        dropNext.set(count);
        return this;
    }

    /** From now on that fraction of events (0 to 1, seeded so repeatable) is lost. */
    public EventDelivery dropEvents(double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be within 0..1, was " + fraction);
        }
        dropFraction = fraction;
        return this;
    }

    /** Every event (that is not dropped) arrives twice: at-least-once delivery at its worst. */
    public EventDelivery duplicateEvents(boolean on) {
        duplicate = on;
        return this;
    }

    /** Each event is sent that much later than it happened. */
    public EventDelivery delayEvents(Duration by) {
        if (by == null || by.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, was " + by);
        }
        delay = by;
        return this;
    }

    /**
     * Hands over one event, subject to the faults: it is sent (after the delay, once or twice) or dropped. Returns
     * at once; the message is sent from the delivery's own thread. Once closed, a delivery ignores events, as a deleted
     * notification configuration or EventBridge rule would.
     */
    public void publish(String body) {
        if (closed) {
            return;
        }
        published.incrementAndGet();
        if (dropNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 || dropFraction > 0 && nextDouble() < dropFraction) {
            dropped.incrementAndGet();
            return;
        }
        int copies = duplicate ? 2 : 1;
        if (copies > 1) {
            duplicated.incrementAndGet();
        }
        for (int i = 0; i < copies; i++) {
            schedule(body, delay);
        }
    }

    /** Sends a message no fault applies to (e.g. S3's s3:TestEvent when a configuration is saved). */
    public void publishReliably(String body) {
        if (!closed) {
            schedule(body, Duration.ZERO);
        }
    }

    /** Events handed to {@link #publish}, whatever became of them. */
    public int published() {
        return published.get();
    }

    /** Messages SQS accepted (a duplicated event counts twice, {@link #publishReliably} ones count too). */
    public int sent() {
        return sent.get();
    }

    public int dropped() {
        return dropped.get();
    }

    /** Events sent twice. */
    public int duplicated() {
        return duplicated.get();
    }

    /** Messages SQS did not accept (logged as warnings), e.g. because the queue was deleted. */
    public int failed() {
        return failed.get();
    }

    /** Waits until every message handed over so far (delays included) has been sent or has failed. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops delivering: events handed over later are ignored, and sends not yet made are abandoned. */
    @Override
    public void close() {
        closed = true;
        sender.shutdownNow();
    }

    private synchronized double nextDouble() {
        return random.nextDouble();
    }

    private void schedule(String body, Duration after) {
        pending.incrementAndGet();
        try {
            sender.schedule(() -> send(body), after.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            pending.decrementAndGet(); // closed meanwhile
        }
    }

    private void send(String body) {
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
            sent.incrementAndGet();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            if (!closed) {
                LOG.warn("Event for {} not delivered: {}", queueUrl, e.toString());
            }
        } finally {
            pending.decrementAndGet();
        }
    }
}
