package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code /api/webhooks/} (WebhookListAPI, WebhookAPI, WebhookInfoAPI) with WebhookSerializer's validation:
 * Django's URLField for {@code url}, the HEADERS_SCHEMA JSON schema for {@code headers}, choices for
 * {@code actions}. No uniqueness of any kind. Field errors come in LS's envelope under {@code validation_errors}.
 */
final class WebhookEndpoints {

    /** {@code WebhookAction.ACTIONS}: action to (name, key, organization-only). */
    private record ActionMeta(String name, String key, boolean organizationOnly) {
    }

    static final Map<String, ActionMeta> ACTIONS = actions();

    private static final String UL = "\\u00a1-\\uffff";
    private static final String IPV4 = "(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)"
            + "(?:\\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}";
    private static final String IPV6 = "\\[[0-9a-f:.]+\\]";
    private static final String HOSTNAME = "[a-z" + UL + "0-9](?:[a-z" + UL + "0-9-]{0,61}[a-z" + UL + "0-9])?";
    private static final String DOMAIN = "(?:\\.(?!-)[a-z" + UL + "0-9-]{1,63}(?<!-))*";
    private static final String TLD = "\\.(?!-)(?:[a-z" + UL + "-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?";
    /** Django's URLValidator regex (schemes http, https, ftp, ftps). */
    private static final Pattern URL = Pattern.compile("^(?:[a-z0-9.+-]*)://"
            + "(?:[^\\s:@/]+(?::[^\\s:@/]*)?@)?"
            + "(?:" + IPV4 + "|" + IPV6 + "|(?:" + HOSTNAME + DOMAIN + TLD + "|localhost))"
            + "(?::[0-9]{1,5})?"
            + "(?:[/?#][^\\s]*)?$", Pattern.CASE_INSENSITIVE);
    private static final List<String> SCHEMES = List.of("http", "https", "ftp", "ftps");
    private static final Pattern HEADER_NAME = Pattern.compile("^[a-zA-Z0-9-_]+$");
    private static final int MAX_HEADERS = 10;

    private final Store store;

    WebhookEndpoints(Store store) {
        this.store = store;
    }

    /** {@code GET /api/webhooks/?project=}: a plain list, oldest first. */
    Response list(Request request) {
        Optional<String> project = request.queryParam("project");
        ArrayNode body = Json.array();
        store.webhooks().stream()
                .filter(w -> project.map(p -> String.valueOf(w.project()).equals(p.strip())).orElse(true))
                .forEach(w -> body.add(Representations.webhook(w)));
        return Response.json(200, body);
    }

    Response create(Request request) {
        ObjectNode body = objectBody(request);
        Fields fields = validate(body, null);
        StoredWebhook created = store.createWebhook(now -> new StoredWebhook(0, fields.project, fields.url,
                fields.sendPayload, fields.sendForAllActions, fields.headers, fields.isActive, fields.actions, now,
                now));
        return Response.json(201, Representations.webhook(created));
    }

    Response get(Request request) {
        return Response.json(200, Representations.webhook(existing(request)));
    }

    /** PATCH (partial) and PUT (full: missing fields fall back to their defaults, {@code url} is required). */
    Response update(Request request) {
        StoredWebhook current = existing(request);
        ObjectNode body = objectBody(request);
        Fields fields = validate(body, request.method().equals("PATCH") ? current : null);
        StoredWebhook updated = store.updateWebhook(current.id(), (w, now) -> new StoredWebhook(w.id(),
                fields.project, fields.url, fields.sendPayload, fields.sendForAllActions, fields.headers,
                fields.isActive, fields.actions, w.createdAt(), now));
        return Response.json(200, Representations.webhook(updated));
    }

    Response delete(Request request) {
        if (!store.deleteWebhook(existing(request).id())) {
            throw Errors.notFound();
        }
        return Response.empty(204);
    }

    /** {@code GET /api/webhooks/info/?organization-only=}: the actions with name, description and key. */
    Response info(Request request) {
        Optional<Boolean> organizationOnly = request.queryParam("organization-only").isPresent()
                ? Optional.of(RequestBodies.boolParam(request, "organization-only", false)) : Optional.empty();
        ObjectNode body = Json.object();
        ACTIONS.forEach((action, meta) -> {
            if (organizationOnly.map(o -> o == meta.organizationOnly()).orElse(true)) {
                ObjectNode node = body.putObject(action);
                node.put("name", meta.name());
                node.put("description", "");
                node.put("key", meta.key());
                if (meta.organizationOnly()) {
                    node.put("organization-only", true);
                }
            }
        });
        return Response.json(200, body);
    }

    /** Django's URLValidator as URLField(max_length=2048) applies it. */
    static boolean validUrl(String url) {
        if (url.length() > 2048 || url.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        int sep = url.indexOf("://");
        if (sep < 0 || !SCHEMES.contains(url.substring(0, sep).toLowerCase())) {
            return false;
        }
        return URL.matcher(url).matches();
    }

    private StoredWebhook existing(Request request) {
        return store.webhook(request.pathInt(0)).orElseThrow(Errors::notFound);
    }

    private static ObjectNode objectBody(Request request) {
        JsonNode body = RequestBodies.json(request, true).orElse(Json.object());
        if (!body.isObject()) {
            throw Errors.nonFieldError("Invalid data. Expected a dictionary, but got " + PythonRepr.typeName(body) + ".");
        }
        return (ObjectNode) body;
    }

    private static final class Fields {
        private Integer project;
        private String url;
        private boolean sendPayload = true;
        private boolean sendForAllActions = true;
        private Map<String, String> headers = Map.of();
        private boolean isActive = true;
        private List<String> actions = List.of();
    }

    /** {@code current} is the webhook a PATCH starts from; null for POST and PUT. All errors are reported at once. */
    private Fields validate(ObjectNode body, StoredWebhook current) {
        Fields fields = new Fields();
        if (current != null) {
            fields.project = current.project();
            fields.url = current.url();
            fields.sendPayload = current.sendPayload();
            fields.sendForAllActions = current.sendForAllActions();
            fields.headers = current.headers();
            fields.isActive = current.isActive();
            fields.actions = current.actions();
        }
        ObjectNode errors = Json.object();
        JsonNode url = body.get("url");
        if (url == null) {
            if (current == null) {
                errors.putArray("url").add("This field is required.");
            }
        } else if (url.isNull()) {
            errors.putArray("url").add("This field may not be null.");
        } else if (url.asText().isBlank()) {
            errors.putArray("url").add("This field may not be blank.");
        } else if (!url.isValueNode() || !validUrl(url.asText().strip())) {
            errors.putArray("url").add("Enter a valid URL.");
        } else {
            fields.url = url.asText().strip();
        }
        JsonNode project = body.get("project");
        if (project != null) {
            Optional<Integer> id = project.isIntegralNumber() ? Optional.of(project.asInt())
                    : project.isTextual() && project.asText().strip().matches("\\d{1,9}")
                    ? Optional.of(Integer.parseInt(project.asText().strip())) : Optional.empty();
            if (project.isNull()) {
                fields.project = null;
            } else if (id.isEmpty()) {
                errors.putArray("project").add("Incorrect type. Expected pk value, received "
                        + PythonRepr.typeName(project) + ".");
            } else if (store.project(id.get()).isEmpty()) {
                errors.putArray("project").add("Invalid pk \"" + id.get() + "\" - object does not exist.");
            } else {
                fields.project = id.get();
            }
        }
        fields.sendPayload = RequestBodies.bool(body, "send_payload", fields.sendPayload, errors);
        fields.sendForAllActions = RequestBodies.bool(body, "send_for_all_actions", fields.sendForAllActions, errors);
        fields.isActive = RequestBodies.bool(body, "is_active", fields.isActive, errors);
        JsonNode headers = body.get("headers");
        if (headers != null) {
            headerError(headers).ifPresentOrElse(e -> errors.putArray("headers").add(e), () -> {
                Map<String, String> parsed = new LinkedHashMap<>();
                headers.fields().forEachRemaining(e -> parsed.put(e.getKey(), e.getValue().textValue()));
                fields.headers = Map.copyOf(parsed);
            });
        }
        JsonNode actions = body.get("actions");
        if (actions != null) {
            List<String> actionErrors = new ArrayList<>();
            TreeSet<String> sorted = new TreeSet<>();
            if (!actions.isArray()) {
                actionErrors.add("Expected a list of items but got type \"" + PythonRepr.typeName(actions) + "\".");
            } else {
                for (JsonNode action : actions) {
                    if (!ACTIONS.containsKey(action.asText())) {
                        actionErrors.add("\"" + action.asText() + "\" is not a valid choice.");
                    } else {
                        sorted.add(action.asText());
                    }
                }
            }
            if (actionErrors.isEmpty()) {
                fields.actions = List.copyOf(sorted);
            } else {
                ArrayNode list = errors.putArray("actions");
                actionErrors.forEach(list::add);
            }
        }
        if (!errors.isEmpty()) {
            throw Errors.validation(errors);
        }
        if (fields.project != null && fields.actions.stream().anyMatch(a -> ACTIONS.get(a).organizationOnly())) {
            throw Errors.nonFieldError("Project webhook can't contain organization-only action.");
        }
        return fields;
    }

    /** HEADERS_SCHEMA: an object of at most 10 string values whose keys match {@code ^[a-zA-Z0-9-_]+$}. */
    private static Optional<String> headerError(JsonNode headers) {
        if (!headers.isObject()) {
            return Optional.of(PythonRepr.str(headers) + " is not of type 'object'");
        }
        if (headers.size() > MAX_HEADERS) {
            return Optional.of(PythonRepr.str(headers) + " has too many properties");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!HEADER_NAME.matcher(entry.getKey()).matches()) {
                return Optional.of("Additional properties are not allowed ('" + entry.getKey() + "' was unexpected)");
            }
            if (!entry.getValue().isTextual()) {
                return Optional.of(PythonRepr.str(entry.getValue()) + " is not of type 'string'");
            }
        }
        return Optional.empty();
    }

    private static Map<String, ActionMeta> actions() {
        Map<String, ActionMeta> actions = new LinkedHashMap<>();
        actions.put("PROJECT_CREATED", new ActionMeta("Project created", "project", true));
        actions.put("PROJECT_UPDATED", new ActionMeta("Project updated", "project", false));
        actions.put("PROJECT_DELETED", new ActionMeta("Project deleted", "project", true));
        actions.put("TASKS_CREATED", new ActionMeta("Task created", "tasks", false));
        actions.put("TASKS_DELETED", new ActionMeta("Task deleted", "tasks", false));
        actions.put("ANNOTATION_CREATED", new ActionMeta("Annotation created", "annotation", false));
        actions.put("ANNOTATIONS_CREATED", new ActionMeta("Annotations created", "annotation", false));
        actions.put("ANNOTATION_UPDATED", new ActionMeta("Annotation updated", "annotation", false));
        actions.put("ANNOTATIONS_DELETED", new ActionMeta("Annotation deleted", "annotations", false));
        actions.put("LABEL_LINK_CREATED", new ActionMeta("Label link created", "label_link", false));
        actions.put("LABEL_LINK_UPDATED", new ActionMeta("Label link updated", "label_link", false));
        actions.put("LABEL_LINK_DELETED", new ActionMeta("Label link deleted", "label_link", false));
        return Collections.unmodifiableMap(actions);
    }
}
