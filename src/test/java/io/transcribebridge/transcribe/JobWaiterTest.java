package io.transcribebridge.transcribe;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.transcribebridge.intake.TrackedObject;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The event-driven wait of the poll loop: parked without a thread until the event, or the fallback poll. */
class JobWaiterTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private Exchange exchangeOf(String job) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(TrackedObject.JOB_NAME, job);
        return exchange;
    }

    private JobWaiter waiter(Duration fallback, Set<String> worksOn) {
        return new JobWaiter(true, fallback, scheduler, Runnable::run, worksOn::contains);
    }

    @Test
    void anEventWakesTheWaitingExchangeAtOnce() throws Exception {
        JobWaiter waiter = waiter(Duration.ofMinutes(10), Set.of("tb-a"));
        CountDownLatch woken = new CountDownLatch(1);

        boolean sync = waiter.process(exchangeOf("tb-a"), doneSync -> woken.countDown());

        assertThat(sync).as("parked: continues asynchronously").isFalse();
        assertThat(waiter.waiting()).isEqualTo(1);
        assertThat(waiter.deliver("tb-a")).isEqualTo(JobWaiter.Delivery.WOKEN);
        assertThat(woken.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(waiter.waiting()).isZero();
    }

    @Test
    void anEventBeforeTheWaitEndsTheNextWaitAtOnceIfThisReplicaWorksOnTheJob() {
        JobWaiter waiter = waiter(Duration.ofMinutes(10), Set.of("tb-mine"));

        assertThat(waiter.deliver("tb-mine")).isEqualTo(JobWaiter.Delivery.NOTED);
        assertThat(waiter.deliver("tb-other")).isEqualTo(JobWaiter.Delivery.NOT_HERE);
        assertThat(waiter.process(exchangeOf("tb-mine"), doneSync -> { })).as("no wait").isTrue();
        assertThat(waiter.process(exchangeOf("tb-mine"), doneSync -> { })).as("the event was used up").isFalse();
    }

    @Test
    void anAdoptedJobIsAskedForAtOnceTheFirstTime() {
        JobWaiter waiter = waiter(Duration.ofMinutes(10), Set.of());
        Exchange adopted = exchangeOf("tb-adopted");
        adopted.setProperty(JobWaiter.ADOPTED, true);

        assertThat(waiter.process(adopted, doneSync -> { })).as("first wait: none").isTrue();
        adopted.setProperty(Exchange.LOOP_INDEX, 1);
        assertThat(waiter.process(adopted, doneSync -> { })).as("later waits: for the event").isFalse();
    }

    @Test
    void withoutAnEventTheFallbackPollEndsTheWait() throws Exception {
        JobWaiter waiter = waiter(Duration.ofMillis(100), Set.of());
        CountDownLatch woken = new CountDownLatch(1);

        waiter.process(exchangeOf("tb-lost-event"), doneSync -> woken.countDown());

        assertThat(woken.await(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void stoppingWakesEveryWaitAndNoneParksAfterwards() throws Exception {
        JobWaiter waiter = waiter(Duration.ofMinutes(10), Set.of());
        CountDownLatch woken = new CountDownLatch(2);
        waiter.process(exchangeOf("tb-1"), doneSync -> woken.countDown());
        waiter.process(exchangeOf("tb-2"), doneSync -> woken.countDown());

        waiter.wakeAll();

        assertThat(woken.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(waiter.process(exchangeOf("tb-3"), doneSync -> { })).isTrue();
    }

    @Test
    void withoutEventsEveryExchangePassesAndTheDelayerWaits() {
        JobWaiter waiter = JobWaiter.disabled();

        assertThat(waiter.process(exchangeOf("tb-x"), doneSync -> { })).isTrue();
        assertThat(waiter.deliver("tb-x")).isEqualTo(JobWaiter.Delivery.NOT_HERE);
    }
}
