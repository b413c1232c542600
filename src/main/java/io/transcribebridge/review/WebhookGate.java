package io.transcribebridge.review;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a webhook in only with {@code X-Transcribe-Bridge-Secret: <REVIEW_WEBHOOK_SECRET>}, compared in constant time;
 * anything else is answered 401 and goes no further. The header is removed from the message either way, so no later
 * step (or log line) can show it. Refusals are logged at most once a minute, with how many there were.
 */
public class WebhookGate implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookGate.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final String secret;
    private final Clock clock;
    private final Runnable refused;
    private final AtomicLong refusals = new AtomicLong();
    private volatile Instant loggedAt = Instant.MIN;

    public WebhookGate(String secret, Clock clock, Runnable refused) {
        this.secret = secret;
        this.clock = clock;
        this.refused = refused;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object header = message.getHeader(ReviewSettings.SECRET_HEADER);
        String given = header == null ? null : header.toString();
        message.removeHeader(ReviewSettings.SECRET_HEADER);
        if (given != null && isSecret(secret, given)) {
            return;
        }
        refused.run();
        long count = refusals.incrementAndGet();
        Instant now = clock.instant();
        if (now.isAfter(loggedAt.plus(LOG_EVERY))) {
            loggedAt = now;
            LOG.warn("Refused a webhook call from {}: {} {} header ({} refused since start). Label Studio's webhook "
                     + "must send the header with REVIEW_WEBHOOK_SECRET", remote(message),
                    given == null ? "no" : "a wrong", ReviewSettings.SECRET_HEADER, count);
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody("{\"detail\": \"missing or wrong " + ReviewSettings.SECRET_HEADER + " header\"}");
        exchange.setRouteStop(true);
    }

    /** Whether {@code given} is {@code secret}, compared in constant time. */
    public static boolean isSecret(String secret, String given) {
        return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a Label Studio webhook (as the API lists it) sends the secret header with {@code secret}. */
    public static boolean sendsSecret(JsonNode webhook, String secret) {
        JsonNode header = webhook.path("headers").path(ReviewSettings.SECRET_HEADER);
        return header.isTextual() && isSecret(secret, header.asText());
    }

    private static String remote(Message message) {
        Object forwarded = message.getHeader("X-Forwarded-For");
        Object remote = message.getHeader("CamelVertxPlatformHttpRemoteAddress");
        return forwarded != null ? forwarded.toString() : remote != null ? remote.toString() : "an unknown address";
    }
}
