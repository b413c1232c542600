package io.transcribebridge.aws2.transcribe;

import java.util.Locale;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.component.PropertyConfigurerSupport;
import software.amazon.awssdk.services.transcribe.TranscribeClient;

/**
 * Binds endpoint URI options onto the endpoint's {@link Transcribe2Configuration}. Apache Camel generates this class
 * at build time for its own components; it is written by hand here because the project does not run Camel's
 * component tooling.
 */
final class Transcribe2EndpointConfigurer extends PropertyConfigurerSupport implements PropertyConfigurer {

    @Override
    public boolean configure(CamelContext camelContext, Object target, String name, Object value, boolean ignoreCase) {
        Transcribe2Configuration cfg = ((Transcribe2Endpoint) target).getConfiguration();
        switch (ignoreCase ? name.toLowerCase(Locale.ROOT) : name) {
            case "transcribeclient", "transcribeClient" ->
                cfg.setTranscribeClient(property(camelContext, TranscribeClient.class, value));
            case "operation" -> cfg.setOperation(property(camelContext, Transcribe2Operations.class, value));
            case "pojorequest", "pojoRequest" -> cfg.setPojoRequest(property(camelContext, boolean.class, value));
            case "region" -> cfg.setRegion(property(camelContext, String.class, value));
            case "accesskey", "accessKey" -> cfg.setAccessKey(property(camelContext, String.class, value));
            case "secretkey", "secretKey" -> cfg.setSecretKey(property(camelContext, String.class, value));
            case "sessiontoken", "sessionToken" -> cfg.setSessionToken(property(camelContext, String.class, value));
            case "usedefaultcredentialsprovider", "useDefaultCredentialsProvider" ->
                cfg.setUseDefaultCredentialsProvider(property(camelContext, boolean.class, value));
            case "useprofilecredentialsprovider", "useProfileCredentialsProvider" ->
                cfg.setUseProfileCredentialsProvider(property(camelContext, boolean.class, value));
            case "usesessioncredentials", "useSessionCredentials" ->
                cfg.setUseSessionCredentials(property(camelContext, boolean.class, value));
            case "profilecredentialsname", "profileCredentialsName" ->
                cfg.setProfileCredentialsName(property(camelContext, String.class, value));
            case "overrideendpoint", "overrideEndpoint" ->
                cfg.setOverrideEndpoint(property(camelContext, boolean.class, value));
            case "uriendpointoverride", "uriEndpointOverride" ->
                cfg.setUriEndpointOverride(property(camelContext, String.class, value));
            default -> {
                return false;
            }
        }
        return true;
    }
}
