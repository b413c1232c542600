package io.transcribebridge.testing.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.services.transcribe.model.BadRequestException;
import software.amazon.awssdk.services.transcribe.model.LanguageCode;
import software.amazon.awssdk.services.transcribe.model.ListTranscriptionJobsResponse;
import software.amazon.awssdk.services.transcribe.model.OutputLocationType;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobSummary;

class ListAndDeleteTest extends EmulatorTestSupport {

    private static final String NOT_FOUND =
            "The requested job couldn't be found. Check the job name and try your request again.";

    ListAndDeleteTest() {
        super("list", Retries.NONE, Duration.ofMillis(250));
    }

    @BeforeEach
    void putMedia() {
        s3.put(bucket, "good.wav", "Good speech.");
        s3.put(bucket, "bad.wav", "#corrupt");
    }

    @Test
    void listsNewestFirstFiveByDefault() {
        List<String> started = startJobs("order", 7, "good.wav");

        ListTranscriptionJobsResponse page = transcribe.listTranscriptionJobs(r -> { });

        assertThat(page.transcriptionJobSummaries()).extracting(TranscriptionJobSummary::transcriptionJobName)
                .containsExactly(started.get(6), started.get(5), started.get(4), started.get(3), started.get(2));
        assertThat(page.nextToken()).isNotBlank();
    }

    @Test
    void nextTokenPagesThroughEveryJobOnce() {
        List<String> started = startJobs("page", 7, "good.wav");
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            ListTranscriptionJobsResponse page = transcribe.listTranscriptionJobs(r -> r.maxResults(3).nextToken(current));
            page.transcriptionJobSummaries().forEach(s -> seen.add(s.transcriptionJobName()));
            pageSizes.add(page.transcriptionJobSummaries().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        List<String> newestFirst = new ArrayList<>(started);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(transcribe.listTranscriptionJobsPaginator(r -> r.maxResults(2)).stream()
                .flatMap(page -> page.transcriptionJobSummaries().stream())).hasSize(7);
    }

    @Test
    void filtersByStatusAndCaseInsensitiveNameFragment() {
        String completed = startJobs("Alpha-Done", 1, "good.wav").get(0);
        String failed = startJobs("alpha-broken", 1, "bad.wav").get(0);
        awaitTerminal(transcribe, completed);
        awaitTerminal(transcribe, failed);
        emulator.runFor(Duration.ofSeconds(5));
        String running = startJobs("beta-running", 1, "good.wav").get(0);

        assertThat(names(transcribe.listTranscriptionJobs(r -> r.status(TranscriptionJobStatus.COMPLETED))))
                .containsExactly(completed);
        assertThat(names(transcribe.listTranscriptionJobs(r -> r.status(TranscriptionJobStatus.FAILED))))
                .containsExactly(failed);
        assertThat(names(transcribe.listTranscriptionJobs(r -> r.status(TranscriptionJobStatus.IN_PROGRESS))))
                .containsExactly(running);
        assertThat(names(transcribe.listTranscriptionJobs(r -> r.jobNameContains("ALPHA"))))
                .containsExactly(failed, completed);
        assertThat(names(transcribe.listTranscriptionJobs(r -> r.jobNameContains("alpha")
                .status(TranscriptionJobStatus.FAILED)))).containsExactly(failed);
        assertThat(transcribe.listTranscriptionJobs(r -> r.status(TranscriptionJobStatus.QUEUED)).status())
                .isEqualTo(TranscriptionJobStatus.QUEUED);
    }

    @Test
    void summariesCarryTimesLanguageStatusReasonAndLocation() {
        String failed = startJobs("summary", 1, "bad.wav").get(0);
        awaitTerminal(transcribe, failed);

        TranscriptionJobSummary summary = transcribe.listTranscriptionJobs(r -> r.jobNameContains(failed))
                .transcriptionJobSummaries().get(0);
        assertThat(summary.creationTime()).isNotNull();
        assertThat(summary.startTime()).isNotNull();
        assertThat(summary.completionTime()).isAfter(summary.startTime());
        assertThat(summary.languageCode()).isEqualTo(LanguageCode.EN_US);
        assertThat(summary.transcriptionJobStatus()).isEqualTo(TranscriptionJobStatus.FAILED);
        assertThat(summary.failureReason()).startsWith("The data in your input media file isn't valid.");
        assertThat(summary.outputLocationType()).isEqualTo(OutputLocationType.CUSTOMER_BUCKET);
    }

    @Test
    void listingACompletedJobWritesItsTranscriptBeforeAnswering() {
        String job = startJobs("listed", 1, "good.wav").get(0);
        sleep(Duration.ofMillis(400));

        List<TranscriptionJobSummary> completed =
                transcribe.listTranscriptionJobs(r -> r.status(TranscriptionJobStatus.COMPLETED))
                        .transcriptionJobSummaries();

        assertThat(completed).extracting(TranscriptionJobSummary::transcriptionJobName).containsExactly(job);
        assertThat(s3.getString(bucket, job + ".json")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101})
    void maxResultsMustBeBetween1And100(int maxResults) {
        assertThatThrownBy(() -> transcribe.listTranscriptionJobs(r -> r.maxResults(maxResults)))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Value '" + maxResults + "' at 'maxResults' failed to satisfy constraint");
    }

    @Test
    void aForgedNextTokenIsRejected() {
        assertThatThrownBy(() -> transcribe.listTranscriptionJobs(r -> r.nextToken("not-a-token")))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void getOfAnUnknownJobIsABadRequest() {
        assertThatThrownBy(() -> transcribe.getTranscriptionJob(r -> r.transcriptionJobName("no-such-job")))
                .isInstanceOf(BadRequestException.class)
                .satisfies(awsMessage(NOT_FOUND));
    }

    @Test
    void deleteRemovesAFinishedJobButKeepsItsTranscriptAndFreesTheName() {
        String job = startJobs("delete", 1, "good.wav").get(0);
        awaitTerminal(transcribe, job);

        transcribe.deleteTranscriptionJob(r -> r.transcriptionJobName(job));

        assertThatThrownBy(() -> transcribe.getTranscriptionJob(r -> r.transcriptionJobName(job)))
                .isInstanceOf(BadRequestException.class)
                .satisfies(awsMessage(NOT_FOUND));
        assertThat(emulator.jobNames()).doesNotContain(job);
        assertThat(s3.getString(bucket, job + ".json")).isPresent();
        transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/good.wav").outputBucketName(bucket).build());
        assertThat(emulator.jobNames()).contains(job);
    }

    @Test
    void deletingAJobThatFinishedUnobservedStillLeavesItsTranscript() {
        String job = startJobs("unseen", 1, "good.wav").get(0);
        sleep(Duration.ofMillis(400));

        transcribe.deleteTranscriptionJob(r -> r.transcriptionJobName(job));

        assertThat(s3.getString(bucket, job + ".json")).isPresent();
    }

    @Test
    void deleteRefusesUnknownAndUnfinishedJobs() {
        assertThatThrownBy(() -> transcribe.deleteTranscriptionJob(r -> r.transcriptionJobName("no-such-job")))
                .isInstanceOf(BadRequestException.class)
                .satisfies(awsMessage(NOT_FOUND));

        emulator.runFor(Duration.ofSeconds(5));
        String running = startJobs("running", 1, "good.wav").get(0);
        assertThatThrownBy(() -> transcribe.deleteTranscriptionJob(r -> r.transcriptionJobName(running)))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("not in a terminal state");
        assertThat(emulator.jobNames()).contains(running);
    }

    private List<String> startJobs(String prefix, int count, String mediaKey) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String job = unique(prefix);
            transcribe.startTranscriptionJob(start(job, "s3://" + bucket + "/" + mediaKey)
                    .outputBucketName(bucket).build());
            names.add(job);
        }
        return names;
    }

    private static List<String> names(ListTranscriptionJobsResponse response) {
        return response.transcriptionJobSummaries().stream()
                .map(TranscriptionJobSummary::transcriptionJobName)
                .toList();
    }
}
