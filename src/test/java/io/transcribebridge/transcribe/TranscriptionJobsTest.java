package io.transcribebridge.transcribe;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.transcribebridge.intake.SourceObject;
import io.transcribebridge.progress.OutputLayout;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.transcribe.model.GetTranscriptionJobResponse;
import software.amazon.awssdk.services.transcribe.model.LanguageIdSettings;
import software.amazon.awssdk.services.transcribe.model.RedactionOutput;
import software.amazon.awssdk.services.transcribe.model.RedactionType;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.VocabularyFilterMethod;

import static org.assertj.core.api.Assertions.assertThat;

/** Each Transcribe feature setting becomes the request fields Transcribe expects, and nothing else. */
class TranscriptionJobsTest {

    private static final SourceObject SOURCE = new SourceObject("audio", "calls/a.wav", "etag", 10);
    private static final OutputLayout OUTPUT = new OutputLayout("out-bucket", "transcribe-bridge/");
    private static final String JOB = "tb-a.wav-0123";

    private static StartTranscriptionJobRequest request(TranscribeFeatures features) {
        return new TranscriptionJobs("en-US", features, OUTPUT, Duration.ofHours(1), Clock.systemUTC())
                .startRequest(SOURCE, JOB);
    }

    private static TranscribeFeatures features(int speakers, boolean channels) {
        return new TranscribeFeatures(speakers, channels, false, List.of(), Map.of(), Map.of(), null, false, List.of());
    }

    @Test
    void withoutFeaturesTheRequestIsTheLanguageAndTheOutputOnly() {
        StartTranscriptionJobRequest request = request(TranscribeFeatures.NONE);

        assertThat(request.transcriptionJobName()).isEqualTo(JOB);
        assertThat(request.media().mediaFileUri()).isEqualTo("s3://audio/calls/a.wav");
        assertThat(request.languageCodeAsString()).isEqualTo("en-US");
        assertThat(request.outputBucketName()).isEqualTo("out-bucket");
        assertThat(request.outputKey()).isEqualTo("transcribe-bridge/transcripts/" + JOB + ".json");
        assertThat(request.settings()).isNull();
        assertThat(request.identifyLanguage()).isNull();
        assertThat(request.hasLanguageOptions()).isFalse();
        assertThat(request.hasLanguageIdSettings()).isFalse();
        assertThat(request.contentRedaction()).isNull();
        assertThat(request).isEqualTo(new TranscriptionJobs("en-US", OUTPUT, Duration.ofHours(1), Clock.systemUTC())
                .startRequest(SOURCE, JOB));
    }

    @Test
    void speakerLabels() {
        StartTranscriptionJobRequest request = request(features(5, false));

        assertThat(request.settings().showSpeakerLabels()).isTrue();
        assertThat(request.settings().maxSpeakerLabels()).isEqualTo(5);
        assertThat(request.settings().channelIdentification()).isNull();
        assertThat(request.languageCodeAsString()).isEqualTo("en-US");
    }

    @Test
    void channelIdentification() {
        StartTranscriptionJobRequest request = request(features(0, true));

        assertThat(request.settings().channelIdentification()).isTrue();
        assertThat(request.settings().showSpeakerLabels()).isNull();
        assertThat(request.settings().maxSpeakerLabels()).isNull();
    }

    @Test
    void languageIdentificationReplacesTheLanguageCode() {
        StartTranscriptionJobRequest request = request(new TranscribeFeatures(0, false, true,
                List.of("en-US", "es-US"), Map.of(), Map.of(), null, false, List.of()));

        assertThat(request.languageCode()).isNull();
        assertThat(request.identifyLanguage()).isTrue();
        assertThat(request.languageOptionsAsStrings()).containsExactly("en-US", "es-US");
        assertThat(request.hasLanguageIdSettings()).isFalse();
        assertThat(request.settings()).isNull();
    }

    @Test
    void vocabularyAndFilterForTheJobsLanguage() {
        StartTranscriptionJobRequest request = request(new TranscribeFeatures(0, false, false, List.of(),
                Map.of("en-US", "calls"), Map.of("en-US", "profanity"), "mask", false, List.of()));

        assertThat(request.settings().vocabularyName()).isEqualTo("calls");
        assertThat(request.settings().vocabularyFilterName()).isEqualTo("profanity");
        assertThat(request.settings().vocabularyFilterMethod()).isEqualTo(VocabularyFilterMethod.MASK);
    }

    @Test
    void vocabulariesAndFiltersPerIdentifiedLanguageGoIntoLanguageIdSettings() {
        StartTranscriptionJobRequest request = request(new TranscribeFeatures(0, false, true,
                List.of("en-US", "es-US", "de-DE"), Map.of("en-US", "calls-en", "es-US", "calls-es"),
                Map.of("es-US", "filter-es"), "remove", false, List.of()));

        assertThat(request.languageIdSettingsAsStrings()).containsExactly(
                Map.entry("en-US", LanguageIdSettings.builder().vocabularyName("calls-en").build()),
                Map.entry("es-US", LanguageIdSettings.builder().vocabularyName("calls-es")
                        .vocabularyFilterName("filter-es").build()));
        assertThat(request.settings().vocabularyName()).isNull();
        assertThat(request.settings().vocabularyFilterName()).isNull();
        assertThat(request.settings().vocabularyFilterMethod()).isEqualTo(VocabularyFilterMethod.REMOVE);
    }

    @Test
    void piiRedactionOfAllTypes() {
        StartTranscriptionJobRequest request = request(new TranscribeFeatures(0, false, false, List.of(), Map.of(),
                Map.of(), null, true, List.of()));

        assertThat(request.contentRedaction().redactionType()).isEqualTo(RedactionType.PII);
        assertThat(request.contentRedaction().redactionOutput()).isEqualTo(RedactionOutput.REDACTED);
        assertThat(request.contentRedaction().hasPiiEntityTypes()).isFalse();
        assertThat(request.settings()).isNull();
    }

    @Test
    void piiRedactionOfSomeTypesWithSpeakerLabels() {
        StartTranscriptionJobRequest request = request(new TranscribeFeatures(2, false, false, List.of(), Map.of(),
                Map.of(), null, true, List.of("NAME", "SSN")));

        assertThat(request.contentRedaction().piiEntityTypesAsStrings()).containsExactly("NAME", "SSN");
        assertThat(request.settings().showSpeakerLabels()).isTrue();
    }

    @Test
    void theTranscriptIsReadFromTheOutputKey() {
        TranscriptionJobs jobs = new TranscriptionJobs("en-US", OUTPUT, Duration.ofHours(1), Clock.systemUTC());
        GetTranscriptionJobResponse completed = GetTranscriptionJobResponse.builder()
                .transcriptionJob(j -> j.transcriptionJobName(JOB).transcript(t -> t.transcriptFileUri(
                        "https://s3.us-east-1.amazonaws.com/out-bucket/transcribe-bridge/transcripts/" + JOB + ".json")))
                .build();

        assertThat(jobs.completedTranscriptKey(JOB, completed))
                .isEqualTo("transcribe-bridge/transcripts/" + JOB + ".json");
        assertThat(jobs.completedTranscriptKey(JOB, null)).isEqualTo("transcribe-bridge/transcripts/" + JOB + ".json");
    }

    @Test
    void aRedactedTranscriptIsReadFromWhereTheJobSaysItIs() {
        TranscriptionJobs jobs = new TranscriptionJobs("en-US", OUTPUT, Duration.ofHours(1), Clock.systemUTC());
        String redactedKey = "transcribe-bridge/transcripts/redacted-" + JOB + ".json";

        for (String uri : List.of("https://s3.us-east-1.amazonaws.com/out-bucket/" + redactedKey,
                "https://s3.amazonaws.com/out-bucket/" + redactedKey,
                "https://out-bucket.s3.eu-west-1.amazonaws.com/" + redactedKey,
                "s3://out-bucket/" + redactedKey)) {
            assertThat(jobs.completedTranscriptKey(JOB, redacted(uri))).as(uri).isEqualTo(redactedKey);
        }
    }

    @Test
    void aRedactedTranscriptUriOutsideTheOutputIsNotFollowed() {
        TranscriptionJobs jobs = new TranscriptionJobs("en-US", OUTPUT, Duration.ofHours(1), Clock.systemUTC());
        String outputKey = "transcribe-bridge/transcripts/" + JOB + ".json";

        for (String uri : List.of("https://s3.us-east-1.amazonaws.com/other-bucket/transcribe-bridge/transcripts/x.json",
                "https://s3.us-east-1.amazonaws.com/out-bucket/transcribe-bridge/done/x.json",
                "s3://other-bucket/transcribe-bridge/transcripts/x.json",
                "ftp://out-bucket/transcribe-bridge/transcripts/x.json",
                "https://s3.amazonaws.com/aws-transcribe-us-east-1-prod/1234/" + JOB + "/uuid/asrOutput.json?X-Amz-Signature=1")) {
            assertThat(jobs.completedTranscriptKey(JOB, redacted(uri))).as(uri).isEqualTo(outputKey);
        }
    }

    private static GetTranscriptionJobResponse redacted(String uri) {
        return GetTranscriptionJobResponse.builder()
                .transcriptionJob(j -> j.transcriptionJobName(JOB).transcript(t -> t.redactedTranscriptFileUri(uri)))
                .build();
    }
}
