package io.transcribebridge.aws2.transcribe;

/**
 * The operations of Apache Camel's {@code aws2-transcribe} component that this service uses (same names as
 * {@code org.apache.camel.component.aws2.transcribe.Transcribe2Operations}).
 */
public enum Transcribe2Operations {
    startTranscriptionJob,
    getTranscriptionJob,
    listTranscriptionJobs,
    deleteTranscriptionJob,
    createVocabulary,
    updateVocabulary,
    getVocabulary
}
