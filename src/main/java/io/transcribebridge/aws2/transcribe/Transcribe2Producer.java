package io.transcribebridge.aws2.transcribe;

import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.services.transcribe.TranscribeClient;
import software.amazon.awssdk.services.transcribe.model.DeleteTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.GetTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.ListTranscriptionJobsRequest;
import software.amazon.awssdk.services.transcribe.model.Media;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;

/**
 * Calls Transcribe and puts the SDK response in the body. With {@code pojoRequest=true} the body must be the SDK
 * request; otherwise the request is built from the {@code CamelAwsTranscribe*} headers. Service errors propagate
 * as the SDK's typed exceptions (e.g. ConflictException) so routes can catch them by type.
 */
public class Transcribe2Producer extends DefaultProducer {

    public Transcribe2Producer(Transcribe2Endpoint endpoint) {
        super(endpoint);
    }

    @Override
    public Transcribe2Endpoint getEndpoint() {
        return (Transcribe2Endpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        TranscribeClient client = getEndpoint().getTranscribeClient();
        Object result = switch (getEndpoint().getConfiguration().getOperation()) {
            case startTranscriptionJob -> client.startTranscriptionJob(
                    request(exchange, StartTranscriptionJobRequest.class, Transcribe2Producer::startFromHeaders));
            case getTranscriptionJob -> client.getTranscriptionJob(
                    request(exchange, GetTranscriptionJobRequest.class, Transcribe2Producer::getFromHeaders));
            case listTranscriptionJobs -> client.listTranscriptionJobs(
                    request(exchange, ListTranscriptionJobsRequest.class, Transcribe2Producer::listFromHeaders));
            case deleteTranscriptionJob -> client.deleteTranscriptionJob(
                    request(exchange, DeleteTranscriptionJobRequest.class, Transcribe2Producer::deleteFromHeaders));
        };
        exchange.getMessage().setBody(result);
    }

    private <T> T request(Exchange exchange, Class<T> type, Function<Message, T> fromHeaders)
            throws InvalidPayloadException {
        if (getEndpoint().getConfiguration().isPojoRequest()) {
            Object body = exchange.getIn().getMandatoryBody();
            if (!type.isInstance(body)) {
                throw new IllegalArgumentException(getEndpoint().getConfiguration().getOperation()
                                                   + " operation requires " + type.getSimpleName() + " in POJO mode");
            }
            return type.cast(body);
        }
        return fromHeaders.apply(exchange.getIn());
    }

    private static StartTranscriptionJobRequest startFromHeaders(Message in) {
        StartTranscriptionJobRequest.Builder builder = StartTranscriptionJobRequest.builder()
                .transcriptionJobName(in.getHeader(Transcribe2Constants.TRANSCRIPTION_JOB_NAME, String.class))
                .languageCode(in.getHeader(Transcribe2Constants.LANGUAGE_CODE, String.class))
                .mediaFormat(in.getHeader(Transcribe2Constants.MEDIA_FORMAT, String.class));
        String mediaUri = in.getHeader(Transcribe2Constants.MEDIA_URI, String.class);
        if (mediaUri != null) {
            builder.media(Media.builder().mediaFileUri(mediaUri).build());
        }
        return builder.build();
    }

    private static GetTranscriptionJobRequest getFromHeaders(Message in) {
        return GetTranscriptionJobRequest.builder()
                .transcriptionJobName(in.getHeader(Transcribe2Constants.TRANSCRIPTION_JOB_NAME, String.class))
                .build();
    }

    private static ListTranscriptionJobsRequest listFromHeaders(Message in) {
        return ListTranscriptionJobsRequest.builder()
                .jobNameContains(in.getHeader(Transcribe2Constants.JOB_NAME_CONTAINS, String.class))
                .status(in.getHeader(Transcribe2Constants.STATUS, String.class))
                .build();
    }

    private static DeleteTranscriptionJobRequest deleteFromHeaders(Message in) {
        return DeleteTranscriptionJobRequest.builder()
                .transcriptionJobName(in.getHeader(Transcribe2Constants.TRANSCRIPTION_JOB_NAME, String.class))
                .build();
    }
}
