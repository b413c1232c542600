package io.transcribebridge.testing.labelstudio;

/** Thrown anywhere in request handling to answer with a ready-made error response. */
final class ApiError extends RuntimeException {

    private final transient Response response;

    ApiError(Response response) {
        super("HTTP " + response.status(), null, false, false);
        this.response = response;
    }

    Response response() {
        return response;
    }
}
