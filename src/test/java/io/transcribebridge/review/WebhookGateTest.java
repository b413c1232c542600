package io.transcribebridge.review;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookGateTest {

    private static final String SECRET = "gate-secret-0123456789abcdef";

    private final AtomicInteger refused = new AtomicInteger();
    private final WebhookGate gate = new WebhookGate(SECRET, Clock.systemUTC(), refused::incrementAndGet);

    private static final DefaultCamelContext CONTEXT = new DefaultCamelContext();

    static {
        // started, so message headers are case-insensitive as in the running service
        CONTEXT.start();
    }

    private Exchange call(String secret) {
        Exchange exchange = new DefaultExchange(CONTEXT);
        exchange.getMessage().setBody("{\"action\": \"ANNOTATION_CREATED\"}");
        if (secret != null) {
            exchange.getMessage().setHeader("x-transcribe-bridge-secret", secret);
        }
        gate.process(exchange);
        return exchange;
    }

    @Test
    void theRightSecretPassesAndIsRemovedFromTheMessage() {
        Exchange exchange = call(SECRET);
        assertThat(exchange.isRouteStop()).isFalse();
        assertThat(exchange.getMessage().getHeader(ReviewSettings.SECRET_HEADER)).isNull();
        assertThat(exchange.getMessage().getBody(String.class)).contains("ANNOTATION_CREATED");
        assertThat(refused).hasValue(0);
    }

    @Test
    void anyOtherValueIs401AndStopsTheRoute() {
        for (String wrong : new String[] {null, "", SECRET + "x", SECRET.substring(1), SECRET.toUpperCase()}) {
            Exchange exchange = call(wrong);
            assertThat(exchange.isRouteStop()).as("%s", wrong).isTrue();
            assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
            assertThat(exchange.getMessage().getHeader(ReviewSettings.SECRET_HEADER)).isNull();
            assertThat(exchange.getMessage().getBody(String.class)).doesNotContain(SECRET);
        }
        assertThat(refused).hasValue(5);
    }
}
