package io.transcribebridge.claims;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.transcribebridge.config.BridgeSettings;
import io.transcribebridge.config.ConfigurationException;
import io.transcribebridge.progress.OutputLayout;
import io.transcribebridge.progress.ProgressLedger;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.services.s3.S3Client;

/** Binds {@code claims} (used by the routes) and its meters; derives {@code claims.renew-interval-ms}. */
public final class ClaimsWiring {

    private ClaimsWiring() {
    }

    public static Claims bind(CamelContext context, S3Client s3, OutputLayout output, ProgressLedger ledger,
                              ObjectMapper mapper, Clock clock, MeterRegistry meters) throws Exception {
        var properties = context.getPropertiesComponent();
        ClaimSettings settings = ClaimSettings.load(properties::resolveProperty);
        BridgeSettings bridge = context.getRegistry().lookupByNameAndType("bridgeSettings", BridgeSettings.class);
        settings.problemWith(bridge.labelStudioTimeout(), bridge.labelStudioBatchWait()).ifPresent(problem -> {
            throw new ConfigurationException(List.of(problem));
        });
        properties.addInitialProperty("claims.renew-interval-ms", Long.toString(settings.renewInterval().toMillis()));
        Map<Claims.Outcome, Counter> counters = new EnumMap<>(Claims.Outcome.class);
        for (Claims.Outcome outcome : Claims.Outcome.values()) {
            counters.put(outcome, Counter.builder("transcribe.bridge.claims")
                    .description("Claim attempts on object versions, by outcome: new, taken-over (from a replica "
                                 + "that died or stopped), held-elsewhere, finished, already-here")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .register(meters));
        }
        Claims claims = new Claims(new ConditionalStore(s3, output.bucket()), output, ledger, settings, mapper, clock,
                outcome -> counters.get(outcome).increment());
        context.addService(claims);
        context.getRegistry().bind("claims", claims);
        return claims;
    }
}
