package io.transcribebridge.aws2.transcribe;

/**
 * Header names, identical to Apache Camel's {@code Transcribe2Constants}.
 */
public interface Transcribe2Constants {
    String TRANSCRIPTION_JOB_NAME = "CamelAwsTranscribeTranscriptionJobName";
    String LANGUAGE_CODE = "CamelAwsTranscribeLanguageCode";
    String MEDIA_FORMAT = "CamelAwsTranscribeMediaFormat";
    String MEDIA_URI = "CamelAwsTranscribeMediaUri";
    String JOB_NAME_CONTAINS = "CamelAwsTranscribeJobNameContains";
    String STATUS = "CamelAwsTranscribeStatus";
}
