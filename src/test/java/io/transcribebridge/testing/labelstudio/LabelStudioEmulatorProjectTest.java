package io.transcribebridge.testing.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Project introspection, model_version handling and the service endpoints. */
class LabelStudioEmulatorProjectTest extends LabelStudioEmulatorTestSupport {

    @Test
    void projectIdsStartAtOneAndTheProjectIsServedWithAndWithoutSlash() {
        String xml = LsHttp.resource("labelstudio/asr-whole-file.xml");
        int id = ls.createProject("Calls", xml);

        LsHttp.Reply reply = http.get("/api/projects/" + id + "/", auth);

        assertThat(id).isEqualTo(1);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode project = reply.json();
        assertThat(project.path("id").asInt()).isEqualTo(1);
        assertThat(project.path("title").asText()).isEqualTo("Calls");
        assertThat(project.path("label_config").asText()).isEqualTo(xml);
        assertThat(project.path("model_version").asText()).isEmpty();
        assertThat(project.path("show_collab_predictions").asBoolean()).isTrue();
        assertThat(project.path("task_number").asInt()).isZero();
        assertThat(http.get("/api/projects/" + id, auth).json()).isEqualTo(project);
        assertThat(ls.project(id)).hasValue(project);
        assertThat(ls.project(99)).isEmpty();
    }

    @Test
    void unknownProjectIs404NotFoundAndAuthIsRequired() {
        assertThat(http.get("/api/projects/7/").status()).isEqualTo(401);
        LsHttp.Reply reply = http.get("/api/projects/7/", auth);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.detail()).isEqualTo("Not found.");
    }

    @Test
    void parsedLabelConfigOfTheSegmentsTemplateFollowsParseConfig() {
        int id = createProject("Segments", "asr-segments.xml");

        JsonNode parsed = http.get("/api/projects/" + id + "/", auth).json().path("parsed_label_config");

        assertThat(parsed).isEqualTo(Json.parse("""
                {"labels": {"type": "Labels", "to_name": ["audio"],
                            "inputs": [{"type": "Audio", "valueType": null, "value": "audio"}],
                            "labels": ["Speech", "Noise"],
                            "labels_attrs": {"Speech": {"value": "Speech"}, "Noise": {"value": "Noise"}}},
                 "transcription": {"type": "TextArea", "to_name": ["audio"],
                            "inputs": [{"type": "Audio", "valueType": null, "value": "audio"}],
                            "labels": [], "labels_attrs": {}}}"""));
    }

    @Test
    void parsedLabelConfigCoversOtherControlAndObjectTags() {
        String xml = """
                <View>
                  <Text name="text" value="$text"/>
                  <Image name="img" value="$image"/>
                  <HyperText name="html" value="$html"/>
                  <AudioPlus name="legacy" value="$legacy_audio"/>
                  <Choices name="sentiment" toName="text" choice="single">
                    <View><Choice value="Positive"/><Choice value="Negative" alias="neg"/></View>
                  </Choices>
                  <Rating name="quality" toName="img" maxRating="10"/>
                  <Number name="speakers" toName="legacy"/>
                  <TextArea name="note" toName="html,text" perRegion="true" whenTagName="sentiment"/>
                </View>""";
        int id = ls.createProject("Mixed", xml);

        JsonNode parsed = http.get("/api/projects/" + id + "/", auth).json().path("parsed_label_config");

        assertThat(parsed.fieldNames()).toIterable().containsExactly("sentiment", "quality", "speakers", "note");
        assertThat(parsed.path("sentiment").path("labels")).extracting(JsonNode::asText)
                .containsExactly("Positive", "neg");
        assertThat(parsed.path("sentiment").path("inputs").get(0).path("type").asText()).isEqualTo("Text");
        assertThat(parsed.path("quality").path("inputs").get(0).path("value").asText()).isEqualTo("image");
        assertThat(parsed.path("speakers").path("inputs").get(0).path("type").asText()).isEqualTo("AudioPlus");
        assertThat(parsed.path("note").path("to_name")).extracting(JsonNode::asText).containsExactly("html", "text");
        assertThat(parsed.path("note").path("inputs")).extracting(i -> i.path("type").asText())
                .containsExactly("HyperText", "Text");
        assertThat(parsed.path("note").path("conditionals")).isEqualTo(Json.parse(
                "{\"type\": \"tag\", \"name\": \"sentiment\"}"));
    }

    @Test
    void modelVersionIsSetFromTheLastPredictionOnlyWhileEmptyAndPatchNeedsExistingPredictions() {
        int id = createCallsProject();
        String path = "/api/projects/" + id + "/";

        importWithVersions(id, "v1", "v2");
        assertThat(modelVersion(id)).as("last prediction of the batch wins").isEqualTo("v2");
        importWithVersions(id, "v3");
        assertThat(modelVersion(id)).as("only set while empty").isEqualTo("v2");

        LsHttp.Reply unknown = http.patchJson(path, "{\"model_version\": \"v9\"}", auth);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("validation_errors").path("model_version").get(0).asText())
                .isEqualTo("Model version doesn't exist either as live model or as static predictions.");
        assertThat(modelVersion(id)).isEqualTo("v2");

        LsHttp.Reply switched = http.patchJson(path, "{\"model_version\": \"v3\"}", auth);
        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.json().path("model_version").asText()).isEqualTo("v3");
        assertThat(http.patchJson(path, "{\"model_version\": \"\"}", auth).status()).isEqualTo(200);
        assertThat(modelVersion(id)).isEmpty();
    }

    @Test
    void projectListIsPaginated() {
        createProject("Alpha calls", "asr-whole-file.xml");
        createProject("Beta calls", "asr-segments.xml");

        JsonNode all = http.get("/api/projects/", auth).json();
        JsonNode beta = http.get("/api/projects?title=beta", auth).json();

        assertThat(all.path("count").asInt()).isEqualTo(2);
        assertThat(beta.path("count").asInt()).isEqualTo(1);
        assertThat(beta.path("results").get(0).path("title").asText()).isEqualTo("Beta calls");
    }

    @Test
    void healthIsJsonServedAsHtmlAndNeedsNoAuth() {
        LsHttp.Reply reply = http.get("/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/html");
        assertThat(reply.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void versionNeedsNoAuthAndWhoamiDoes() {
        assertThat(http.get("/api/version/").json().path("release").asText()).isEqualTo("1.20.0");
        assertThat(http.get("/api/version").status()).isEqualTo(200);
        assertThat(http.get("/api/current-user/whoami").status()).isEqualTo(401);
        assertThat(http.get("/api/current-user/whoami", auth).json().path("email").asText()).contains("@");
    }

    @Test
    void unknownPathIsDjangoHtml404AndWrongMethodIs405AfterAuth() {
        LsHttp.Reply unknown = http.get("/api/nothing-here", auth);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("text/html");

        assertThat(http.get("/api/projects/1/import").status()).isEqualTo(401);
        LsHttp.Reply wrongMethod = http.get("/api/projects/1/import", auth);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.detail()).isEqualTo("Method \"GET\" not allowed.");
    }

    private void importWithVersions(int project, String... versions) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < versions.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"data\": {\"audio\": \"s3://b/").append(versions[i])
                    .append(".wav\"}, \"predictions\": [{\"model_version\": \"").append(versions[i])
                    .append("\", \"result\": []}]}");
        }
        LsHttp.Reply reply = http.postJson(importPath(project), body.append("]").toString(), auth);
        assertThat(reply.status()).isEqualTo(201);
    }

    private String modelVersion(int project) {
        return ls.project(project).orElseThrow().path("model_version").asText();
    }
}
