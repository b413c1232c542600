package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** DRF's parser selection and JSONParser, for views whose parser_classes include JSONParser. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** Empty when the request has no Content-Type at all: DRF then sees no data rather than failing. */
    static Optional<JsonNode> json(Request request, boolean formAndMultipartAccepted) {
        String contentType = request.header("Content-Type").orElse("");
        if (contentType.isBlank()) {
            return Optional.empty();
        }
        String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType.equals("application/json")) {
            return Optional.of(parse(request.body()));
        }
        if (formAndMultipartAccepted
                && (mediaType.equals("multipart/form-data") || mediaType.equals("application/x-www-form-urlencoded"))) {
            return Optional.empty();
        }
        throw Errors.detail(415, "Unsupported media type \"" + contentType + "\" in request.");
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw Errors.detail(400, "JSON parse error - Expecting value: line 1 column 1 (char 0)");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw Errors.detail(400, "JSON parse error - Expecting value: line 1 column 1 (char 0)");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw Errors.detail(400, "JSON parse error - " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Errors.detail(400, "JSON parse error - " + e.getMessage());
        }
    }

    /**
     * DRF's BooleanField on a JSON body: {@code fallback} when the field is absent; a value it does not take is a
     * validation error of the field, added to {@code errors}.
     */
    static boolean bool(JsonNode body, String field, boolean fallback, ObjectNode errors) {
        JsonNode value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isNumber() || value.isTextual() ? value.asText().toLowerCase() : "";
        return switch (text) {
            case "true", "1", "yes", "on", "y", "t" -> true;
            case "false", "0", "no", "off", "n", "f" -> false;
            default -> {
                errors.putArray(field).add("Must be a valid boolean.");
                yield fallback;
            }
        };
    }

    /** LS {@code bool_from_request}; an unparseable value is a ValueError, hence a 500. */
    static boolean boolParam(Request request, String name, boolean defaultValue) {
        Optional<String> raw = request.queryParam(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String value = raw.get().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "not", "off", "0" -> false;
            default -> throw Errors.detail(500, "Incorrect bool value \"" + raw.get()
                    + "\". It should be one of [1, 0, true, false, yes, no]");
        };
    }
}
