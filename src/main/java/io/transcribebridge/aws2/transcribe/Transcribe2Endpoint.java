package io.transcribebridge.aws2.transcribe;

import org.apache.camel.Category;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;
import software.amazon.awssdk.services.transcribe.TranscribeClient;

@UriEndpoint(scheme = "aws2-transcribe", title = "AWS Transcribe", syntax = "aws2-transcribe:label",
             category = { Category.CLOUD, Category.MESSAGING }, producerOnly = true,
             headersClass = Transcribe2Constants.class)
public class Transcribe2Endpoint extends DefaultEndpoint {

    @UriParam
    private Transcribe2Configuration configuration;
    private TranscribeClient transcribeClient;
    private boolean ownsClient;

    public Transcribe2Endpoint(String uri, Component component, Transcribe2Configuration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new Transcribe2Producer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("You cannot receive messages from this endpoint");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (configuration.getOperation() == null) {
            throw new IllegalArgumentException("operation must be specified on " + getEndpointUri());
        }
        transcribeClient = configuration.getTranscribeClient();
        if (transcribeClient == null) {
            transcribeClient = Transcribe2ClientFactory.create(configuration);
            ownsClient = true;
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (ownsClient && transcribeClient != null) {
            transcribeClient.close();
            transcribeClient = null;
        }
        super.doStop();
    }

    public Transcribe2Configuration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(Transcribe2Configuration configuration) {
        this.configuration = configuration;
    }

    public TranscribeClient getTranscribeClient() {
        return transcribeClient;
    }
}
