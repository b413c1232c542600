package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Token refresh (no auth), whoami, health and version. */
final class AccountEndpoints {

    private final TokenAuthority tokens;

    AccountEndpoints(TokenAuthority tokens) {
        this.tokens = tokens;
    }

    /** simplejwt TokenRefreshView; a body without Content-Type reaches the serializer as an empty dict. */
    Response refresh(Request request) {
        JsonNode body = RequestBodies.json(request, false).orElse(Json.object());
        if (!body.isObject()) {
            throw Errors.nonFieldError("Invalid data. Expected a dictionary, but got " + PythonRepr.typeName(body) + ".");
        }
        JsonNode refresh = body.get("refresh");
        if (refresh == null) {
            throw Errors.fieldError("refresh", "This field is required.");
        }
        if (refresh.isNull()) {
            throw Errors.fieldError("refresh", "This field may not be null.");
        }
        if (refresh.asText().isBlank()) {
            throw Errors.fieldError("refresh", "This field may not be blank.");
        }
        ObjectNode answer = Json.object();
        answer.put("access", tokens.refresh(refresh.asText()));
        return Response.json(200, answer);
    }

    Response whoami(Request request) {
        return Response.json(200, Representations.user());
    }

    /** The real view returns json.dumps output through a plain HttpResponse, hence text/html. */
    Response health(Request request) {
        return Response.html(200, "{\"status\": \"UP\"}");
    }

    Response version(Request request) {
        ObjectNode body = Json.object();
        body.put("release", Errors.VERSION);
        ObjectNode pkg = body.putObject("label-studio-os-package");
        pkg.put("version", Errors.VERSION);
        pkg.put("short_version", Errors.VERSION.substring(0, Errors.VERSION.lastIndexOf('.')));
        pkg.putNull("latest_version_from_pypi");
        pkg.putNull("latest_version_upload_time");
        pkg.put("current_version_is_outdated", false);
        ObjectNode backend = body.putObject("label-studio-os-backend");
        backend.put("message", "LabelStudioEmulator (test double)");
        backend.put("commit", "emulator");
        body.put("edition", "Community");
        return Response.json(200, body);
    }
}
