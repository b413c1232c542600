package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.services.transcribe.model.BadRequestException;
import software.amazon.awssdk.services.transcribe.model.ConflictException;
import software.amazon.awssdk.services.transcribe.model.LimitExceededException;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;

class StartValidationTest extends EmulatorTestSupport {

    private String media;

    StartValidationTest() {
        super("validation", Retries.NONE, Duration.ofMillis(300));
    }

    @BeforeEach
    void putMedia() {
        s3.put(bucket, "talk.wav", "Valid media.");
        media = "s3://" + bucket + "/talk.wav";
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "slash/name", "ümlaut", "colon:name", "plus+name"})
    void jobNameMustMatchThePattern(String name) {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(name, media).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("1 validation error detected: Value '" + name + "' at 'transcriptionJobName' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "^[0-9a-zA-Z._-]+")
                .satisfies(e -> assertThat(((BadRequestException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void jobNameMayHave200CharactersButNotMore() {
        transcribe.startTranscriptionJob(start("n".repeat(200), media).build());

        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start("n".repeat(201), media).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("at 'transcriptionJobName' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 200");
    }

    @Test
    void everyBrokenConstraintIsReportedAtOnce() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start("bad name", media)
                .outputBucketName(bucket).outputKey("with space.json").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("2 validation errors detected: Value 'bad name' at 'transcriptionJobName'")
                .hasMessageContaining("; Value 'with space.json' at 'outputKey' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9-_.!*'()/]{1,1024}$");
    }

    @Test
    void outputKeyWithASpaceIsRejected() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("key"), media)
                .outputBucketName(bucket).outputKey("my folder/").build()))
                .isInstanceOf(BadRequestException.class)
                .satisfies(awsMessage("1 validation error detected: Value 'my folder/' at 'outputKey' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_.!*'()/]{1,1024}$"));
    }

    @Test
    void outputBucketNameMustBeABareLowerCaseBucketName() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("bucket"), media)
                .outputBucketName("s3://My_Bucket").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Value 's3://My_Bucket' at 'outputBucketName' failed to satisfy constraint");
    }

    @Test
    void outputBucketMustExist() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("nobucket"), media)
                .outputBucketName(unique("missing")).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("bucket does not exist");
    }

    @Test
    void outputKeyNeedsAnOutputBucket() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("key"), media)
                .outputKey("out/").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("OutputBucketName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing.wav", "TALK.WAV", "talk.wav/", "talk%2Ewav"})
    void mediaObjectMustExist(String key) {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("media"), "s3://" + bucket + "/" + key)
                .build()))
                .isInstanceOf(BadRequestException.class)
                .satisfies(awsMessage("The URI that you provided doesn't point to an S3 object. Make sure that the object "
                        + "exists and try your request again."));
    }

    @Test
    void mediaBucketMustExistAndTheUriMustBeS3() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("media"),
                "s3://" + unique("nope") + "/talk.wav").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("The URI that you provided doesn't point to an S3 object.");
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("media"), "ftp://host/talk.wav")
                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("at 'media.mediaFileUri' failed to satisfy constraint");
    }

    @Test
    void mediaIsRequired() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(r -> r.transcriptionJobName(unique("nomedia"))
                .languageCode("en-US")))
                .isInstanceOf(BadRequestException.class)
                .satisfies(awsMessage("1 validation error detected: Value null at 'media' failed to satisfy constraint: "
                        + "Member must not be null"));
    }

    @Test
    void exactlyOneLanguageChoiceIsAllowed() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("both"), media)
                .identifyLanguage(true).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("LanguageCode");
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(StartTranscriptionJobRequest.builder()
                .transcriptionJobName(unique("none")).media(m -> m.mediaFileUri(media)).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("LanguageCode");
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(StartTranscriptionJobRequest.builder()
                .transcriptionJobName(unique("two-ids")).media(m -> m.mediaFileUri(media))
                .identifyLanguage(true).identifyMultipleLanguages(true).build()))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void languageCodeMustBeKnown() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("lang"), media)
                .languageCode("xx-XX").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Value 'xx-XX' at 'languageCode' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [");
    }

    @Test
    void speakerLabelsNeedBothSettingsAndAMaximumOf2To30() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("spk"), media)
                .settings(s -> s.showSpeakerLabels(true)).build()))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("spk"), media)
                .settings(s -> s.maxSpeakerLabels(4)).build()))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("spk"), media)
                .settings(s -> s.showSpeakerLabels(true).maxSpeakerLabels(31)).build()))
                .isInstanceOf(BadRequestException.class)
                .satisfies(awsMessage("1 validation error detected: Value '31' at 'settings.maxSpeakerLabels' failed to "
                        + "satisfy constraint: Member must have value less than or equal to 30"));

        var started = transcribe.startTranscriptionJob(start(unique("spk"), media)
                .settings(s -> s.showSpeakerLabels(true).maxSpeakerLabels(30)).build());
        assertThat(started.transcriptionJob().settings().showSpeakerLabels()).isTrue();
        assertThat(started.transcriptionJob().settings().maxSpeakerLabels()).isEqualTo(30);
    }

    @Test
    void unknownVocabularyIsRejected() {
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("vocab"), media)
                .settings(s -> s.vocabularyName("my-vocabulary")).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("The requested vocabulary couldn't be found.");
    }

    @Test
    void reusingAJobNameIsAConflictEvenAfterTheJobFinished() {
        String job = unique("dup");
        transcribe.startTranscriptionJob(start(job, media).build());

        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(job, media).build()))
                .isInstanceOf(ConflictException.class)
                .satisfies(awsMessage("The requested job name already exists. Use a different job name."))
                .satisfies(e -> assertThat(((ConflictException) e).statusCode()).isEqualTo(400));

        awaitTerminal(transcribe, job);
        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(job, media).build()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void runningJobsAreCappedQueuedOnesIncluded() {
        emulator.maxRunningJobs(2).queuedFor(Duration.ofMillis(300)).runFor(Duration.ofMillis(300));
        String first = unique("cap");
        transcribe.startTranscriptionJob(start(first, media).build());
        transcribe.startTranscriptionJob(start(unique("cap"), media).build());

        assertThatThrownBy(() -> transcribe.startTranscriptionJob(start(unique("cap"), media).build()))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("limit of 2 concurrent transcription jobs");

        assertThat(awaitTerminal(transcribe, first).transcriptionJobStatus())
                .isEqualTo(TranscriptionJobStatus.COMPLETED);
        transcribe.startTranscriptionJob(start(unique("cap"), media).build());
    }

    @Test
    void theCapHoldsUnderConcurrentStarts() throws Exception {
        emulator.maxRunningJobs(5).runFor(Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> starts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            starts.add(() -> {
                try {
                    transcribe.startTranscriptionJob(start(unique("race"), media).build());
                    return true;
                } catch (LimitExceededException e) {
                    return false;
                }
            });
        }
        int accepted = 0;
        try {
            for (Future<Boolean> result : pool.invokeAll(starts)) {
                accepted += result.get() ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(accepted).isEqualTo(5);
        assertThat(emulator.jobNames()).hasSize(5);
    }
}
