package io.transcribebridge.testing.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelStudioEmulatorImportTest extends LabelStudioEmulatorTestSupport {

    private int project;

    @BeforeEach
    void setUpProject() {
        project = createCallsProject();
    }

    @Test
    void importReturns201WithCountsAndTaskIdsInInputOrder() {
        String body = """
                [{"id": 999, "data": {"audio": "s3://b/one.wav", "source_uri": "s3://b/one.wav"},
                  "meta": {"job": "j1"},
                  "predictions": [{"model_version": "v1", "score": 0.9, "cluster": 7,
                    "result": [{"from_name": "transcription", "to_name": "audio", "type": "textarea",
                                "value": {"text": ["one"]}}]}]},
                 {"audio": "s3://b/two.wav"}]""";

        LsHttp.Reply reply = http.postJson(importPath() + "?return_task_ids=true", body, auth);

        assertThat(reply.status()).isEqualTo(201);
        JsonNode json = reply.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("task_count", "annotation_count",
                "prediction_count", "duration", "file_upload_ids", "could_be_tasks_list", "found_formats",
                "data_columns", "task_ids");
        assertThat(json.path("task_count").asInt()).isEqualTo(2);
        assertThat(json.path("annotation_count").asInt()).isZero();
        assertThat(json.path("prediction_count").asInt()).isEqualTo(1);
        assertThat(json.path("duration").isNumber()).isTrue();
        assertThat(json.path("could_be_tasks_list").asBoolean()).isFalse();
        List<Task> tasks = ls.tasks(project);
        assertThat(json.path("task_ids")).extracting(JsonNode::asInt)
                .containsExactly(tasks.get(0).id(), tasks.get(1).id());
        assertThat(tasks.get(0).id()).isEqualTo(1).as("client-supplied id is ignored");
        assertThat(tasks.get(0).meta().path("job").asText()).isEqualTo("j1");
        assertThat(tasks.get(1).data().path("audio").asText()).isEqualTo("s3://b/two.wav");
        assertThat(tasks.get(1).meta().isEmpty()).isTrue();
        JsonNode prediction = tasks.get(0).predictions().get(0);
        assertThat(prediction.path("score").asDouble()).isEqualTo(0.9);
        assertThat(prediction.path("model_version").asText()).isEqualTo("v1");
        assertThat(prediction.path("result").get(0).path("value").path("text").get(0).asText()).isEqualTo("one");
        assertThat(prediction.path("cluster").isNull()).as("other prediction fields are dropped").isTrue();
        assertThat(ls.importRequests()).isEqualTo(1);
    }

    @Test
    void taskIdsOnlyWhenAskedAndASingleObjectIsWrappedIntoAList() {
        LsHttp.Reply reply = http.postJson(importPath(), "{\"data\": {\"audio\": \"s3://b/x.wav\"}}", auth);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("task_count").asInt()).isEqualTo(1);
        assertThat(reply.json().has("task_ids")).isFalse();
    }

    @Test
    void trailingSlashIsDjangoHtml404AndNothingIsImported() {
        LsHttp.Reply reply = http.postJson(importPath() + "/", "[{\"audio\": \"s3://b/x.wav\"}]", auth);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("text/html");
        assertThat(reply.body()).contains("<title>Not Found</title>");
        assertThat(ls.tasks(project)).isEmpty();
        assertThat(ls.importRequests()).isZero();
        assertThat(ls.requests("/api/projects/\\d+/import/")).isEqualTo(1);
    }

    @Test
    void authenticationComesBeforeTheProjectLookup() {
        assertThat(http.postJson("/api/projects/42/import", "[]").status()).isEqualTo(401);
        LsHttp.Reply unknown = http.postJson("/api/projects/42/import", "[]", auth);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("Not found.");
    }

    @Test
    void missingDataKeyGivesAnErrorListAlignedWithTheInputAndStoresNothing() {
        String body = """
                [{"data": {"audio": "s3://b/ok.wav"}},
                 {"data": {"audi": "s3://b/typo.wav"}},
                 {"url": "s3://b/flat.wav"}]""";

        LsHttp.Reply reply = http.postJson(importPath(), body, auth);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.detail()).isEqualTo("Validation error");
        JsonNode errors = reply.json().path("validation_errors").path("non_field_errors");
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0).isObject() && errors.get(0).isEmpty()).isTrue();
        assertThat(errors.get(1).asText()).isEqualTo("Error at item 1: \"audio\" key is expected in task data"
                + " [assume: item[\"data\"] = task root with values] :: {'data': {'audi': 's3://b/typo.wav'}}");
        assertThat(errors.get(2).asText()).isEqualTo("Error at item 2: \"audio\" key is expected in task data"
                + " [assume: item as is = task root with values]  :: {'url': 's3://b/flat.wav'}");
        assertThat(ls.tasks(project)).isEmpty();
    }

    @Test
    void audioValueMustBeAString() {
        LsHttp.Reply reply = http.postJson(importPath(), "[{\"data\": {\"audio\": 123}}]", auth);

        assertThat(firstNonFieldError(reply)).isEqualTo("Error at item 0: data['audio']=123 is of type 'int',"
                + " but the object tag Audio expects the following types: ['str']"
                + " [assume: item[\"data\"] = task root with values] :: {'data': {'audio': 123}}");
    }

    @Test
    void predictionWithoutResultIsRejectedByTaskValidatorWhenStrictValidationIsOff() {
        ls.strictPredictionValidation(false);

        LsHttp.Reply reply = http.postJson(importPath(),
                "[{\"data\": {\"audio\": \"s3://b/x.wav\"}, \"predictions\": [{\"score\": 0.5}]}]", auth);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(firstNonFieldError(reply)).startsWith("Error at item 0: Prediction must have \"result\" fields :: ");
    }

    @Test
    void predictionWithoutResultIsRejectedByPredictionValidationWhenStrict() {
        LsHttp.Reply reply = http.postJson(importPath(),
                "[{\"data\": {\"audio\": \"s3://b/x.wav\"}, \"predictions\": [{\"score\": 0.5}]}]", auth);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("validation_errors").path("predictions").get(0).asText()).isEqualTo(
                "Prediction validation failed (1 errors):\n- Task 0, prediction 0: Missing required field 'result'\n");
    }

    @Test
    void nonDictResultItemIsRejectedAndTheWholeBatchRollsBack() {
        ls.strictPredictionValidation(false);
        String body = """
                [{"data": {"audio": "s3://b/good.wav"}},
                 {"data": {"audio": "s3://b/bad.wav"}, "predictions": [{"result": ["just text"]}]}]""";

        LsHttp.Reply reply = http.postJson(importPath(), body, auth);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(firstNonFieldError(reply)).isEqualTo("Each item in prediction result should be dict");
        assertThat(ls.tasks(project)).isEmpty();

        ls.strictPredictionValidation(true);
        LsHttp.Reply strict = http.postJson(importPath(), body, auth);
        assertThat(strict.json().path("validation_errors").path("predictions").get(0).asText())
                .contains("- Task 1, prediction 0: Region must be a dictionary. Got <class 'str'>: just text\n");
    }

    @Test
    void predictionsMustBeAList() {
        LsHttp.Reply reply = http.postJson(importPath(),
                "[{\"data\": {\"audio\": \"s3://b/x.wav\"}, \"predictions\": {\"result\": []}}]", auth);

        assertThat(firstNonFieldError(reply)).startsWith("Error at item 0: Task[predictions] must be <class 'list'> :: ");
    }

    @Test
    void emptyListScalarAndNoContentTypeAreLoadTasksErrors() {
        assertThat(firstNonFieldError(http.postJson(importPath(), "[]", auth))).isEqualTo("load_tasks: No tasks added");
        assertThat(firstNonFieldError(http.postJson(importPath(), "\"s3://b/x.wav\"", auth)))
                .isEqualTo("load_tasks: No data found in DATA or in FILES");
        assertThat(firstNonFieldError(http.postJson(importPath(), "42", auth)))
                .isEqualTo("load_tasks: No data found in DATA or in FILES");
        assertThat(firstNonFieldError(http.post(importPath(), null, "[{\"audio\": \"s3://b/x.wav\"}]", auth)))
                .isEqualTo("load_tasks: No data found in DATA or in FILES");
    }

    @Test
    void malformedJsonIsAParseError() {
        LsHttp.Reply reply = http.postJson(importPath(), "[{\"data\": ", auth);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.detail()).startsWith("JSON parse error - ");
        assertThat(reply.json().has("validation_errors")).isFalse();
    }

    @Test
    void nonJsonContentTypeIs415() {
        LsHttp.Reply reply = http.post(importPath(), "text/plain", "[]", auth);

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.detail()).isEqualTo("Unsupported media type \"text/plain\" in request.");
    }

    @Test
    void commitToProjectFalseEchoesTheCountAndSavesNothing() {
        LsHttp.Reply reply = http.postJson(importPath() + "?commit_to_project=false&return_task_ids=true",
                "[{\"data\": {\"no_audio_key\": 1}}, {\"x\": 2}]", auth);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("task_count").asInt()).isEqualTo(2);
        assertThat(reply.json().path("prediction_count").isNull()).isTrue();
        assertThat(reply.json().has("task_ids")).isFalse();
        assertThat(ls.tasks(project)).isEmpty();
    }

    @Test
    void commitToProjectFalseStillRunsStrictPredictionValidation() {
        LsHttp.Reply reply = http.postJson(importPath() + "?commit_to_project=false",
                "[{\"data\": {\"audio\": \"s3://b/x.wav\"}, \"predictions\": [{\"result\": [], \"score\": 2}]}]",
                auth);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("validation_errors").path("predictions").get(0).asText())
                .contains("Score must be between 0.00 and 1.00 inclusive, got 2.0");
    }

    @Test
    void unparseableBooleanQueryParameterIsA500() {
        LsHttp.Reply reply = http.postJson(importPath() + "?return_task_ids=maybe", "[]", auth);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.detail()).startsWith("Incorrect bool value \"maybe\"");
    }

    @Test
    void withoutStrictValidationResultsAreNormalisedAndStoredAsLsWould() {
        ls.strictPredictionValidation(false);
        String body = """
                [{"data": {"audio": "s3://b/1.wav"}, "predictions": [{"result": "bare transcript"}]},
                 {"data": {"audio": "s3://b/2.wav"}, "predictions": [{"result": {"text": ["x"]}, "score": "high"}]},
                 {"data": {"audio": "s3://b/3.wav"}, "predictions": [{"result": [], "model_version": null}]}]""";

        assertThat(http.postJson(importPath(), body, auth).status()).isEqualTo(201);

        List<Task> tasks = ls.tasks(project);
        JsonNode bare = tasks.get(0).predictions().get(0);
        // The shape the editor does not display (reference section 8, pain point 1).
        assertThat(bare.path("result").toString()).isEqualTo("[{\"from_name\":\"transcription\",\"to_name\":\"audio\","
                + "\"type\":\"textarea\",\"value\":{\"textarea\":[\"bare transcript\"]}}]");
        assertThat(bare.path("model_version").asText()).isEqualTo("undefined");
        JsonNode dict = tasks.get(1).predictions().get(0);
        assertThat(dict.path("result").isNull()).isTrue();
        assertThat(dict.path("score").isNull()).isTrue();
        assertThat(tasks.get(2).predictions().get(0).path("model_version").isNull()).isTrue();
    }

    private String importPath() {
        return importPath(project);
    }

    private static String firstNonFieldError(LsHttp.Reply reply) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.detail()).isEqualTo("Validation error");
        return reply.json().path("validation_errors").path("non_field_errors").get(0).asText();
    }
}
