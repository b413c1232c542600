package io.transcribebridge.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The object pipeline's consumer stops taking objects at the cap and takes the next one as soon as a slot frees. */
class InFlightCapTest {

    @Test
    void suspendsAtTheCapAndResumesAsSoonAsOneObjectCompletes() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("seda:objects").routeId("object-pipeline").log("${body}");
                }
            });
            context.start();
            Route route = context.getRoute("object-pipeline");
            Exchange exchange = new DefaultExchange(context);
            InFlightCap cap = new InFlightCap(20);

            for (int i = 0; i < 19; i++) {
                cap.onExchangeBegin(route, exchange);
            }
            assertThat(suspended(route)).as("19 of 20 in flight").isFalse();
            cap.onExchangeBegin(route, exchange);
            assertThat(suspended(route)).as("20 of 20 in flight").isTrue();

            cap.onExchangeDone(route, exchange);
            assertThat(cap.inFlight()).isEqualTo(19);
            assertThat(suspended(route)).as("one slot free").isFalse();

            cap.onExchangeBegin(route, exchange);
            assertThat(suspended(route)).as("full again").isTrue();
        }
    }

    private static boolean suspended(Route route) {
        return ((ServiceSupport) route.getConsumer()).isSuspended();
    }
}
