package io.transcribebridge.aws2.transcribe;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.services.transcribe.TranscribeClient;
import software.amazon.awssdk.services.transcribe.model.CreateVocabularyRequest;
import software.amazon.awssdk.services.transcribe.model.DeleteTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.GetTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.GetVocabularyRequest;
import software.amazon.awssdk.services.transcribe.model.ListTranscriptionJobsRequest;
import software.amazon.awssdk.services.transcribe.model.Media;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.UpdateVocabularyRequest;

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
            case createVocabulary -> client.createVocabulary(
                    request(exchange, CreateVocabularyRequest.class, Transcribe2Producer::createVocabularyFromHeaders));
            case updateVocabulary -> client.updateVocabulary(
                    request(exchange, UpdateVocabularyRequest.class, Transcribe2Producer::updateVocabularyFromHeaders));
            case getVocabulary -> client.getVocabulary(
                    request(exchange, GetVocabularyRequest.class, Transcribe2Producer::getVocabularyFromHeaders));
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

    /**
     * Camel reads name, language and phrases; this component also reads the file URI and data access role (Camel
     * constants that its header mode ignores), since AWS needs either phrases or a file.
     */
    private static CreateVocabularyRequest createVocabularyFromHeaders(Message in) {
        CreateVocabularyRequest.Builder builder = CreateVocabularyRequest.builder()
                .vocabularyName(in.getHeader(Transcribe2Constants.VOCABULARY_NAME, String.class))
                .languageCode(in.getHeader(Transcribe2Constants.LANGUAGE_CODE, String.class))
                .vocabularyFileUri(in.getHeader(Transcribe2Constants.VOCABULARY_FILE_URI, String.class))
                .dataAccessRoleArn(in.getHeader(Transcribe2Constants.DATA_ACCESS_ROLE_ARN, String.class));
        List<String> phrases = phrases(in);
        if (phrases != null) {
            builder.phrases(phrases);
        }
        return builder.build();
    }

    private static UpdateVocabularyRequest updateVocabularyFromHeaders(Message in) {
        UpdateVocabularyRequest.Builder builder = UpdateVocabularyRequest.builder()
                .vocabularyName(in.getHeader(Transcribe2Constants.VOCABULARY_NAME, String.class))
                .languageCode(in.getHeader(Transcribe2Constants.LANGUAGE_CODE, String.class))
                .vocabularyFileUri(in.getHeader(Transcribe2Constants.VOCABULARY_FILE_URI, String.class))
                .dataAccessRoleArn(in.getHeader(Transcribe2Constants.DATA_ACCESS_ROLE_ARN, String.class));
        List<String> phrases = phrases(in);
        if (phrases != null) {
            builder.phrases(phrases);
        }
        return builder.build();
    }

    private static GetVocabularyRequest getVocabularyFromHeaders(Message in) {
        return GetVocabularyRequest.builder()
                .vocabularyName(in.getHeader(Transcribe2Constants.VOCABULARY_NAME, String.class))
                .build();
    }

    /** {@code VOCABULARY_PHRASES} as a list: a Collection's elements as strings, or a single String phrase. */
    private static List<String> phrases(Message in) {
        Object value = in.getHeader(Transcribe2Constants.VOCABULARY_PHRASES);
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return List.of(in.getHeader(Transcribe2Constants.VOCABULARY_PHRASES, String.class));
    }
}
