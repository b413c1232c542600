package io.transcribebridge.testing.labelstudio;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dispatches by method and path regex. Order of checks mirrors Django + DRF: URL resolution (unknown path:
 * Django HTML 404), then authentication, then the method check (405), then the view.
 */
final class Router implements HttpHandler {

    @FunctionalInterface
    interface Endpoint {
        Response handle(Request request);
    }

    /** {@code faults} is consulted before anything else: it models a proxy or server failing in front of LS. */
    private record Route(String method, Pattern path, boolean authenticated, Supplier<Optional<Response>> faults,
                         Endpoint endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final TokenAuthority tokens;
    private final RequestLog log;

    Router(TokenAuthority tokens, RequestLog log) {
        this.tokens = tokens;
        this.log = log;
    }

    Router publicRoute(String method, String pathRegex, Endpoint endpoint) {
        routes.add(new Route(method, Pattern.compile(pathRegex), false, Optional::empty, endpoint));
        return this;
    }

    Router authenticatedRoute(String method, String pathRegex, Endpoint endpoint) {
        return authenticatedRoute(method, pathRegex, Optional::empty, endpoint);
    }

    Router authenticatedRoute(String method, String pathRegex, Supplier<Optional<Response>> faults,
                              Endpoint endpoint) {
        routes.add(new Route(method, Pattern.compile(pathRegex), true, faults, endpoint));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        RequestLog.Entry entry = log.arrived(exchange.getRequestMethod(), path);
        Response response;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Request request = Request.of(exchange.getRequestMethod(), path,
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            response = dispatch(request);
        } catch (ApiError e) {
            response = e.response();
        } catch (RuntimeException e) {
            // Like LS for a non-DRF exception: 500 with detail = str(exc).
            response = Errors.envelope(500, String.valueOf(e.getMessage()));
        }
        entry.answered(response.status());
        write(exchange, response);
    }

    private Response dispatch(Request request) {
        List<Route> samePath = routes.stream().filter(r -> r.path().matcher(request.path()).matches()).toList();
        if (samePath.isEmpty()) {
            return Errors.djangoNotFound();
        }
        Optional<Route> exact = samePath.stream().filter(r -> r.method().equals(request.method())).findFirst();
        if (exact.isEmpty()) {
            if (samePath.stream().anyMatch(Route::authenticated)) {
                tokens.authenticate(request);
            }
            return Errors.methodNotAllowed(request.method(), samePath.stream().map(Route::method).toList());
        }
        Route route = exact.get();
        Optional<Response> fault = route.faults().get();
        if (fault.isPresent()) {
            return fault.get();
        }
        if (route.authenticated()) {
            tokens.authenticate(request);
        }
        Matcher matcher = route.path().matcher(request.path());
        matcher.matches();
        List<String> params = new ArrayList<>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            params.add(matcher.group(i));
        }
        return route.endpoint().handle(request.withPathParams(params));
    }

    private static void write(HttpExchange exchange, Response response) {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            if (response.contentType() != null) {
                headers.set("Content-Type", response.contentType());
            }
            response.headers().forEach(headers::set);
            byte[] body = response.body();
            if (body.length == 0) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                exchange.sendResponseHeaders(response.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException clientWentAway) {
            // Expected when a client timed out during an import delay, or after down().
        }
    }
}
