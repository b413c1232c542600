package io.transcribebridge.labelstudio;

import java.io.IOException;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * Adds Label Studio authentication to the camel-http client at the wire level, so the credential never sits in a
 * Camel message header (where tracing or error logging could print it). On a 401 it renews a Personal Access
 * Token's access token and sends the request once more.
 */
public final class LabelStudioAuthHandler implements HttpClientConfigurer, ExecChainHandler {

    private final LabelStudioAuth auth;

    public LabelStudioAuthHandler(LabelStudioAuth auth) {
        this.auth = auth;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        // first = outermost: each proceed() runs the whole chain, connection handling included
        clientBuilder.addExecInterceptorFirst("label-studio-auth", this);
        // The client's own retry (503/429 and I/O errors) sleeps on the calling thread and re-sends an import that
        // may have been processed; the routes retry instead, asynchronously and after looking the task up.
        clientBuilder.disableAutomaticRetries();
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        // the chain adds protocol headers (Content-Length, ...) to the request it is given, so a retry must start
        // from an untouched copy
        ClassicHttpRequest retry = ClassicRequestBuilder.copy(request).build();
        request.setHeader(HttpHeaders.AUTHORIZATION, auth.authorizationHeader());
        ClassicHttpResponse response = chain.proceed(request, scope);
        boolean repeatable = request.getEntity() == null || request.getEntity().isRepeatable();
        if (response.getCode() == 401 && repeatable && auth.renewAfterUnauthorized()) {
            EntityUtils.consume(response.getEntity());
            response.close();
            retry.setHeader(HttpHeaders.AUTHORIZATION, auth.authorizationHeader());
            return chain.proceed(retry, scope);
        }
        return response;
    }
}
