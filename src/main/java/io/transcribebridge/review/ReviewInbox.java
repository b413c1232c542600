package io.transcribebridge.review;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.labelstudio.LabelStudioTasks;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a webhook durably before answering: Label Studio posts each event once, inside the reviewer's save, with a
 * 1 s timeout and no retry, so the event is written to {@code review-inbox/} (one small PUT) and settled afterwards.
 * The message body becomes the {@link Accepted} event (null when there is nothing to do) and the HTTP answer is left
 * in the exchange property {@code reviewAnswer}. Events of other projects, of tasks this service did not create, and
 * actions it did not ask for are answered 200 and dropped.
 */
public class ReviewInbox implements Processor {

    /** An event written to the inbox, to be settled. */
    public record Accepted(String key, JsonNode event) {
    }

    /** What became of a webhook call; the metric's label. */
    public enum Outcome {
        ACCEPTED, IGNORED, MALFORMED, UNAUTHORIZED, NOT_STORED
    }

    public static final Set<String> ACTIONS = Set.of("ANNOTATION_CREATED", "ANNOTATION_UPDATED",
            "ANNOTATIONS_DELETED");
    private static final Logger LOG = LoggerFactory.getLogger(ReviewInbox.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ReviewStore store;
    private final ObjectMapper mapper;
    private final int projectId;
    private final Clock clock;
    private final Consumer<Outcome> outcomes;

    public ReviewInbox(ReviewStore store, ObjectMapper mapper, int projectId, Clock clock, Consumer<Outcome> outcomes) {
        this.store = store;
        this.mapper = mapper;
        this.projectId = projectId;
        this.clock = clock;
        this.outcomes = outcomes;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String body = message.getBody(String.class);
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(null);
        JsonNode event;
        try {
            event = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (IOException e) {
            event = null;
        }
        if (event == null || !event.isObject() || !event.path("action").isTextual()) {
            answer(exchange, 400, Outcome.MALFORMED, "not a Label Studio webhook: a JSON object with an action");
            return;
        }
        String action = event.path("action").asText();
        String ignored = ignoredBecause(event, action);
        if (ignored != null) {
            answer(exchange, 200, Outcome.IGNORED, ignored);
            return;
        }
        String key = store.output().reviewInboxPrefix() + STAMP.format(clock.instant()) + "-" + UUID.randomUUID()
                     + ".json";
        try {
            store.put(key, body, "application/json");
        } catch (RuntimeException e) {
            LOG.warn("Could not keep a {} webhook (task {}) in s3://{}/{}: {}; the reconciliation sweep will find "
                     + "the change", action, event.path("task").path("id").asText("-"), store.output().bucket(),
                    key, e.getMessage());
            answer(exchange, 503, Outcome.NOT_STORED, "could not store the event; it is picked up by the next "
                                                      + "reconciliation sweep");
            return;
        }
        message.setBody(new Accepted(key, event));
        answer(exchange, 200, Outcome.ACCEPTED, null);
    }

    private String ignoredBecause(JsonNode event, String action) {
        if (!ACTIONS.contains(action)) {
            return "action " + action + " is not used (only " + String.join(", ", ACTIONS.stream().sorted().toList())
                   + ")";
        }
        JsonNode project = event.path("project");
        long eventProject = project.isObject() ? project.path("id").asLong(-1) : project.asLong(-1);
        if (eventProject != projectId) {
            return "project " + eventProject + " is not LABEL_STUDIO_PROJECT_ID " + projectId;
        }
        if (!action.equals("ANNOTATIONS_DELETED")
            && event.path("task").path("data").path(LabelStudioTasks.JOB_NAME_FIELD).asText("").isEmpty()) {
            return "task " + event.path("task").path("id").asText("?") + " was not created by transcribe-bridge";
        }
        return null;
    }

    private void answer(Exchange exchange, int status, Outcome outcome, String detail) {
        outcomes.accept(outcome);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.setProperty("reviewAnswer", mapper.createObjectNode().put("status", outcome.name().toLowerCase(
                java.util.Locale.ROOT).replace('_', '-')).put("detail", detail).toString());
    }
}
