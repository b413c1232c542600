package io.transcribebridge.aws2.transcribe;

/**
 * Header names, identical to Apache Camel's {@code Transcribe2Constants} (the vocabulary ones included:
 * {@code VOCABULARY_FILE_URI} and {@code DATA_ACCESS_ROLE_ARN} exist in Camel, whose createVocabulary and
 * updateVocabulary do not read them in header mode; this component does).
 */
public interface Transcribe2Constants {
    String TRANSCRIPTION_JOB_NAME = "CamelAwsTranscribeTranscriptionJobName";
    String LANGUAGE_CODE = "CamelAwsTranscribeLanguageCode";
    String MEDIA_FORMAT = "CamelAwsTranscribeMediaFormat";
    String MEDIA_URI = "CamelAwsTranscribeMediaUri";
    String JOB_NAME_CONTAINS = "CamelAwsTranscribeJobNameContains";
    String STATUS = "CamelAwsTranscribeStatus";
    /** The custom vocabulary's name (createVocabulary, updateVocabulary, getVocabulary). */
    String VOCABULARY_NAME = "CamelAwsTranscribeVocabularyName";
    /** The vocabulary's phrases: a {@code List<String>}, or one phrase as a String. */
    String VOCABULARY_PHRASES = "CamelAwsTranscribeVocabularyPhrases";
    /** The S3 location ({@code s3://bucket/key}) of the vocabulary file, instead of the phrases. */
    String VOCABULARY_FILE_URI = "CamelAwsTranscribeVocabularyFileUri";
    /** The IAM role Transcribe assumes to read the vocabulary file. */
    String DATA_ACCESS_ROLE_ARN = "CamelAwsTranscribeDataAccessRoleArn";
}
