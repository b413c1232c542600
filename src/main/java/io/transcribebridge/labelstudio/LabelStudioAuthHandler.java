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
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        request.setHeader(HttpHeaders.AUTHORIZATION, auth.authorizationHeader());
        ClassicHttpResponse response = chain.proceed(request, scope);
        boolean repeatable = request.getEntity() == null || request.getEntity().isRepeatable();
        if (response.getCode() == 401 && repeatable && auth.renewAfterUnauthorized()) {
            EntityUtils.consume(response.getEntity());
            response.close();
            request.setHeader(HttpHeaders.AUTHORIZATION, auth.authorizationHeader());
            return chain.proceed(request, scope);
        }
        return response;
    }
}
