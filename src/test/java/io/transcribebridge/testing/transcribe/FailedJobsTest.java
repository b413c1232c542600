package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.services.transcribe.model.MediaFormat;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJob;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobSummary;

class FailedJobsTest extends EmulatorTestSupport {

    FailedJobsTest() {
        super("failing", Retries.SDK_DEFAULT, Duration.ofMillis(200));
    }

    static Stream<Arguments> failingMedia() {
        return Stream.of(
                Arguments.of("", "The input media file length is too small. Minimum audio duration is 0.500000 "
                        + "milliseconds. Check the length of the file and try your request again."),
                Arguments.of("#corrupt", "The data in your input media file isn't valid. Check the media file and "
                        + "try your request again."),
                Arguments.of("#corrupt\nsome bytes", "The data in your input media file isn't valid. Check the "
                        + "media file and try your request again."),
                Arguments.of("#unsupported", "Unsupported media format"),
                Arguments.of("#samplerate 96000", "Invalid sample rate for audio file"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("failingMedia")
    void scriptedMediaFailsTheJobWithAwsReason(String media, String reason) {
        s3.put(bucket, "bad.wav", media.getBytes(StandardCharsets.UTF_8));
        String job = unique("fails");

        TranscriptionJob started = transcribe.startTranscriptionJob(
                start(job, "s3://" + bucket + "/bad.wav").outputBucketName(bucket).build()).transcriptionJob();
        assertThat(started.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.IN_PROGRESS);
        assertThat(started.failureReason()).isNull();

        TranscriptionJob done = awaitTerminal(transcribe, job);
        assertThat(done.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.FAILED);
        assertThat(done.failureReason()).isEqualTo(reason);
        assertThat(done.completionTime()).isNotNull();
        assertThat(done.transcript().transcriptFileUri()).isNull();
        assertThat(s3.keys(bucket, "")).containsExactly("bad.wav");

        TranscriptionJobSummary summary = transcribe.listTranscriptionJobs(r -> r.jobNameContains(job))
                .transcriptionJobSummaries().get(0);
        assertThat(summary.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.FAILED);
        assertThat(summary.failureReason()).isEqualTo(reason);
        assertThat(emulator.status(job)).contains("FAILED");
    }

    @Test
    void requestedMediaFormatThatDoesNotMatchTheFileFails() {
        s3.put(bucket, "talk.mp3", "Not a wave file.");
        String job = unique("mismatch");

        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/talk.mp3")
                .mediaFormat(MediaFormat.WAV).outputBucketName(bucket).build());

        TranscriptionJob done = awaitTerminal(transcribe, job);
        assertThat(done.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.FAILED);
        assertThat(done.failureReason())
                .isEqualTo("The media format provided does not match the detected media format");
    }
}
