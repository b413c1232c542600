package io.transcribebridge.aws2.transcribe;

import java.time.Duration;
import java.util.Map;

import io.transcribebridge.testing.Eventually;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.transcribe.model.BadRequestException;
import software.amazon.awssdk.services.transcribe.model.ConflictException;
import software.amazon.awssdk.services.transcribe.model.DeleteTranscriptionJobResponse;
import software.amazon.awssdk.services.transcribe.model.GetTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.GetTranscriptionJobResponse;
import software.amazon.awssdk.services.transcribe.model.ListTranscriptionJobsResponse;
import software.amazon.awssdk.services.transcribe.model.Media;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobResponse;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aws2-transcribe component against the Transcribe emulator (AWS JSON 1.1 over HTTP). */
class Transcribe2ProducerTest extends Transcribe2EmulatorTestSupport {

    @BeforeAll
    static void startServers() {
        startServers("media", Map.of("talk.wav", "Hello from the component test.")).runFor(Duration.ofMillis(300));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                String client = "&transcribeClient=#client";
                from("direct:startPojo").to("aws2-transcribe:t?operation=startTranscriptionJob&pojoRequest=true" + client);
                from("direct:start").to("aws2-transcribe:t?operation=startTranscriptionJob" + client);
                from("direct:get").to("aws2-transcribe:t?operation=getTranscriptionJob" + client);
                from("direct:getPojo").to("aws2-transcribe:t?operation=getTranscriptionJob&pojoRequest=true" + client);
                from("direct:list").to("aws2-transcribe:t?operation=listTranscriptionJobs" + client);
                from("direct:delete").to("aws2-transcribe:t?operation=deleteTranscriptionJob" + client);
                // no client bean: the endpoint builds its own from the options
                from("direct:getWithOptions").toF("aws2-transcribe:t?operation=getTranscriptionJob&region=us-east-1"
                                                  + "&accessKey=k&secretKey=s&overrideEndpoint=true"
                                                  + "&uriEndpointOverride=%s", emulator.endpoint());
            }
        };
    }

    private static StartTranscriptionJobRequest start(String jobName) {
        return StartTranscriptionJobRequest.builder().transcriptionJobName(jobName).languageCode("en-US")
                .media(Media.builder().mediaFileUri("s3://media/talk.wav").build())
                .outputBucketName("media").outputKey("out/" + jobName + ".json").build();
    }

    private String status(String jobName) {
        return template.requestBodyAndHeader("direct:get", null, Transcribe2Constants.TRANSCRIPTION_JOB_NAME, jobName,
                GetTranscriptionJobResponse.class).transcriptionJob().transcriptionJobStatusAsString();
    }

    @Test
    void pojoStartThenPollUntilCompleted() {
        StartTranscriptionJobResponse started =
                template.requestBody("direct:startPojo", start("pojo-job"), StartTranscriptionJobResponse.class);
        assertThat(started.transcriptionJob().transcriptionJobName()).isEqualTo("pojo-job");

        Eventually.await(Duration.ofSeconds(10), "job completes", () -> "COMPLETED".equals(status("pojo-job")));
        GetTranscriptionJobResponse done = template.requestBody("direct:getPojo",
                GetTranscriptionJobRequest.builder().transcriptionJobName("pojo-job").build(),
                GetTranscriptionJobResponse.class);
        assertThat(done.transcriptionJob().transcript().transcriptFileUri()).endsWith("/media/out/pojo-job.json");
        assertThat(s3.getString("media", "out/pojo-job.json")).get().asString().contains("Hello from the component test");
    }

    @Test
    void headerModeStart() {
        StartTranscriptionJobResponse started = template.requestBodyAndHeaders("direct:start", null, Map.of(
                Transcribe2Constants.TRANSCRIPTION_JOB_NAME, "header-job",
                Transcribe2Constants.LANGUAGE_CODE, "en-US",
                Transcribe2Constants.MEDIA_URI, "s3://media/talk.wav"), StartTranscriptionJobResponse.class);
        assertThat(started.transcriptionJob().transcriptionJobStatus())
                .isIn(TranscriptionJobStatus.IN_PROGRESS, TranscriptionJobStatus.QUEUED);
        assertThat(template.requestBodyAndHeader("direct:getWithOptions", null,
                Transcribe2Constants.TRANSCRIPTION_JOB_NAME, "header-job", GetTranscriptionJobResponse.class)
                .transcriptionJob().transcriptionJobName()).isEqualTo("header-job");
    }

    @Test
    void serviceErrorsArriveAsTheSdksTypedExceptions() {
        template.requestBody("direct:startPojo", start("dup-job"));
        assertThatThrownBy(() -> template.requestBody("direct:startPojo", start("dup-job")))
                .isInstanceOf(CamelExecutionException.class)
                .hasCauseInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:get", null,
                Transcribe2Constants.TRANSCRIPTION_JOB_NAME, "no-such-job"))
                .hasCauseInstanceOf(BadRequestException.class);
    }

    @Test
    void pojoModeRejectsTheWrongBody() {
        assertThatThrownBy(() -> template.requestBody("direct:startPojo", "not a request"))
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StartTranscriptionJobRequest");
    }

    @Test
    void listFiltersByNameAndDeleteRemovesFinishedJobs() {
        template.requestBody("direct:startPojo", start("listed-job-1"));
        Eventually.await(Duration.ofSeconds(10), "job completes", () -> "COMPLETED".equals(status("listed-job-1")));

        ListTranscriptionJobsResponse listed = template.requestBodyAndHeaders("direct:list", null, Map.of(
                Transcribe2Constants.JOB_NAME_CONTAINS, "LISTED-JOB",
                Transcribe2Constants.STATUS, "COMPLETED"), ListTranscriptionJobsResponse.class);
        assertThat(listed.transcriptionJobSummaries()).extracting(s -> s.transcriptionJobName()).contains("listed-job-1");

        Object deleted = template.requestBodyAndHeader("direct:delete", null,
                Transcribe2Constants.TRANSCRIPTION_JOB_NAME, "listed-job-1");
        assertThat(deleted).isInstanceOf(DeleteTranscriptionJobResponse.class);
        assertThat(emulator.jobNames()).doesNotContain("listed-job-1");
    }

    @Test
    void missingOperationIsAConfigurationError() {
        assertThatThrownBy(() -> context.getEndpoint("aws2-transcribe:t?transcribeClient=#client").createProducer().start())
                .hasMessageContaining("operation must be specified");
    }
}
