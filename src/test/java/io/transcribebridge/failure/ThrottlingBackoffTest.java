package io.transcribebridge.failure;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottlingBackoffTest {

    private final ThrottlingBackoff backoff = new ThrottlingBackoff(Duration.ofSeconds(2), Duration.ofMinutes(2));

    @Test
    void delaysDoubleUpToTheMaximumWithJitter() {
        assertThat(backoff.nextDelay(1).toMillis()).isBetween(3_400L, 4_600L);
        assertThat(backoff.nextDelay(3).toMillis()).isBetween(13_600L, 18_400L);
        assertThat(backoff.nextDelay(6).toMillis()).isBetween(102_000L, 138_000L);
        assertThat(backoff.nextDelay(1_000).toMillis()).isBetween(102_000L, 138_000L);
    }

    @Test
    void keepsItsOwnCountSoUnlimitedRetriesDoNotUseUpTheOutageBudget() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        for (int retry = 1; retry <= 40; retry++) {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_COUNTER, 1);
            backoff.process(exchange);
        }

        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER)).isNull();
        assertThat(exchange.getProperty(ThrottlingBackoff.RETRIES, Integer.class)).isEqualTo(40);
        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isBetween(102_000L, 138_000L);
    }
}
