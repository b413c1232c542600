package io.transcribebridge.transcribe;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.transcribebridge.intake.TrackedObject;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The wait of the {@code poll-until-done} loop when Transcribe's job events arrive by queue
 * ({@code TRANSCRIBE_EVENTS_QUEUE_URL}): the exchange parks here without a thread until the job's state change event
 * is {@link #deliver delivered}, or, because events are best effort, until its fallback poll is due. Without events
 * it lets every exchange through at once and the loop's delayer does the waiting, as before.
 */
public final class JobWaiter extends AsyncProcessorSupport {

    /** What a delivered event found. */
    public enum Delivery {
        /** An exchange waited for it and continues now. */
        WOKEN,
        /** This replica works on the job but does not wait yet: its next wait ends at once. */
        NOTED,
        /** Nobody here works on the job. */
        NOT_HERE
    }

    /** Exchange property: the job existed already (adopted, e.g. taken over from a replica that died). */
    public static final String ADOPTED = "jobAdopted";

    private record Parked(Exchange exchange, AsyncCallback callback, ScheduledFuture<?> timer) {
    }

    private final boolean enabled;
    private final Duration fallbackPoll;
    private final ScheduledExecutorService scheduler;
    private final Executor continuations;
    private final Predicate<String> worksOn;
    private final Map<String, Parked> parked = new HashMap<>();
    private final Set<String> noted = new HashSet<>();
    private boolean stopping;

    /**
     * @param continuations where a woken exchange continues (its poll, the transcript, the conversion), so the
     *                      event consumer goes on with the next event at once
     * @param worksOn       whether this replica works on a job (holds its claim), so an event that comes before its
     *                      wait is kept for it
     */
    public JobWaiter(boolean enabled, Duration fallbackPoll, ScheduledExecutorService scheduler,
                     Executor continuations, Predicate<String> worksOn) {
        this.enabled = enabled;
        this.fallbackPoll = fallbackPoll;
        this.scheduler = scheduler;
        this.continuations = continuations;
        this.worksOn = worksOn;
    }

    public static JobWaiter disabled() {
        return new JobWaiter(false, Duration.ZERO, null, Runnable::run, job -> false);
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String jobName = exchange.getProperty(TrackedObject.JOB_NAME, String.class);
        // an adopted job may have ended long ago, its event gone with the replica that started it: ask at once
        boolean adoptedFirstPoll = Boolean.TRUE.equals(exchange.getProperty(ADOPTED, Boolean.class))
                                   && exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class) == 0;
        synchronized (this) {
            if (!enabled || stopping || adoptedFirstPoll || noted.remove(jobName)) {
                callback.done(true);
                return true;
            }
            ScheduledFuture<?> timer = scheduler.schedule(() -> wake(jobName, Runnable::run), fallbackPoll.toMillis(),
                    TimeUnit.MILLISECONDS);
            parked.put(jobName, new Parked(exchange, callback, timer));
        }
        return false;
    }

    /** The job's state change event arrived. */
    public Delivery deliver(String jobName) {
        synchronized (this) {
            if (!parked.containsKey(jobName)) {
                if (worksOn.test(jobName)) {
                    noted.add(jobName);
                    return Delivery.NOTED;
                }
                return Delivery.NOT_HERE;
            }
        }
        return wake(jobName, continuations) ? Delivery.WOKEN : Delivery.NOTED;
    }

    private boolean wake(String jobName, Executor on) {
        Parked waiting;
        synchronized (this) {
            waiting = parked.remove(jobName);
        }
        if (waiting == null) {
            return false;
        }
        waiting.timer().cancel(false);
        on.execute(() -> waiting.callback().done(false));
        return true;
    }

    /** The exchange left the wait loop: an event noted for it is of no use any more. */
    public synchronized void forget(String jobName) {
        noted.remove(jobName);
    }

    /** The service stops: every waiting exchange continues, so the loop ends (it breaks on shutdown). */
    public void wakeAll() {
        List<String> jobs;
        synchronized (this) {
            stopping = true;
            jobs = List.copyOf(parked.keySet());
        }
        jobs.forEach(job -> wake(job, Runnable::run));
    }

    public synchronized int waiting() {
        return parked.size();
    }
}
