package io.transcribebridge.aws2.transcribe;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code aws2-transcribe:} component, a subset of Apache Camel's camel-aws2-transcribe (which cannot be resolved
 * from the registries this project builds against). Same scheme, option names, header names and reply bodies.
 */
@Component("aws2-transcribe")
public class Transcribe2Component extends DefaultComponent {

    private static final PropertyConfigurer ENDPOINT_CONFIGURER = new Transcribe2EndpointConfigurer();

    @Metadata(description = "Component configuration")
    private Transcribe2Configuration configuration = new Transcribe2Configuration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("Label must be specified.");
        }
        Transcribe2Configuration endpointConfiguration = configuration.clone();
        endpointConfiguration.setLabel(remaining);
        Transcribe2Endpoint endpoint = new Transcribe2Endpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return ENDPOINT_CONFIGURER;
    }

    public Transcribe2Configuration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(Transcribe2Configuration configuration) {
        this.configuration = configuration;
    }
}
