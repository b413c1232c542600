package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Error bodies as Label Studio produces them: DRF errors go through {@code custom_exception_handler}
 * (the envelope), Django's own 404 is an HTML page, and a proxy in front of it (nginx) answers in HTML.
 */
final class Errors {

    static final String VERSION = "1.20.0";

    private static final String DJANGO_NOT_FOUND = """
            <!doctype html>
            <html lang="en">
            <head>
              <title>Not Found</title>
            </head>
            <body>
              <h1>Not Found</h1><p>The requested resource was not found on this server.</p>
            </body>
            </html>
            """;

    private Errors() {
    }

    static ObjectNode envelopeBody(int status, String detail) {
        ObjectNode body = Json.object();
        body.put("id", UUID.randomUUID().toString());
        body.put("status_code", status);
        body.put("version", VERSION);
        body.put("detail", detail);
        body.putNull("exc_info");
        return body;
    }

    static Response envelope(int status, String detail) {
        return Response.json(status, envelopeBody(status, detail));
    }

    /** DRF ValidationError whose detail is a dict: it becomes {@code validation_errors} as is. */
    static ApiError validation(ObjectNode validationErrors) {
        ObjectNode body = envelopeBody(400, "Validation error");
        body.set("validation_errors", validationErrors);
        return new ApiError(Response.json(400, body));
    }

    /** DRF ValidationError whose detail is a list: the handler files it under {@code non_field_errors}. */
    static ApiError nonFieldErrors(ArrayNode errors) {
        ObjectNode validationErrors = Json.object();
        validationErrors.set("non_field_errors", errors);
        return validation(validationErrors);
    }

    static ApiError nonFieldError(String message) {
        ArrayNode errors = Json.array();
        errors.add(message);
        return nonFieldErrors(errors);
    }

    static ApiError fieldError(String field, String message) {
        ObjectNode validationErrors = Json.object();
        validationErrors.putArray(field).add(message);
        return validation(validationErrors);
    }

    static ApiError detail(int status, String detail) {
        return new ApiError(envelope(status, detail));
    }

    static ApiError notFound() {
        return detail(404, "Not found.");
    }

    /** DRF answers 401 (not 403) because TokenAuthentication, the first class, sends this header. */
    static ApiError unauthorized(String detail) {
        return new ApiError(envelope(401, detail).withHeader("WWW-Authenticate", "Token"));
    }

    static Response methodNotAllowed(String method, List<String> allowed) {
        return envelope(405, "Method \"" + method + "\" not allowed.")
                .withHeader("Allow", String.join(", ", allowed));
    }

    static Response djangoNotFound() {
        return Response.html(404, DJANGO_NOT_FOUND);
    }

    static Response nginx(int status, String statusLine) {
        String html = "<html>\r\n<head><title>" + statusLine + "</title></head>\r\n<body>\r\n"
                + "<center><h1>" + statusLine + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return new Response(status, "text/html", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
