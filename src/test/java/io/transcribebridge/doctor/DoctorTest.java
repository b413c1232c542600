package io.transcribebridge.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.transcribebridge.config.ConfigurationException;
import io.transcribebridge.config.ProjectIntrospection;
import io.transcribebridge.testing.labelstudio.LabelStudioEmulator;
import io.transcribebridge.testing.s3.EmbeddedS3;
import io.transcribebridge.testing.sqs.EmbeddedSqs;
import io.transcribebridge.testing.transcribe.TranscribeEmulator;
import io.transcribebridge.transcript.OutputPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The doctor's verdicts, one broken configuration per check, against the emulators over their real protocols: the
 * AWS SDK talks to S3Proxy and the Transcribe emulator, the JDK client to the Label Studio emulator.
 */
class DoctorTest {

    private static final String BUCKET = "doctor-audio";
    private static final String AWS_SECRET = "doctor-test-secret-key";

    private static EmbeddedS3 s3;
    private static TranscribeEmulator transcribe;

    private LabelStudioEmulator labelStudio;
    private int project;
    private String apiKey;
    private final Map<String, String> values = new HashMap<>();
    private AwsCredentialsProvider credentials = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("doctor-test-access-key", AWS_SECRET));
    private AwsRegionProvider region = () -> Region.US_EAST_1;
    private URI transcribeEndpoint;
    private URI s3Endpoint;
    private URI sqsEndpoint = URI.create("http://127.0.0.1:1");

    @BeforeAll
    static void startAws() {
        s3 = EmbeddedS3.start();
        s3.createBucket(BUCKET);
        transcribe = TranscribeEmulator.start(s3.client());
    }

    @AfterAll
    static void stopAws() {
        transcribe.close();
        s3.close();
    }

    @BeforeEach
    void startLabelStudio() {
        labelStudio = LabelStudioEmulator.start();
        project = labelStudio.createProject("Calls", labelConfig("asr-whole-file.xml"));
        apiKey = labelStudio.personalAccessToken();
        transcribeEndpoint = transcribe.endpoint();
        s3Endpoint = s3.endpoint();
        values.put("source.bucket", BUCKET);
        values.put("source.prefix", "calls/");
        values.put("s3.force-path-style", "true");
        values.put("label-studio.url", labelStudio.url().toString());
        values.put("label-studio.api-key", apiKey);
        values.put("label-studio.project-id", Integer.toString(project));
        values.put("label-studio.timeout-ms", "2000");
        values.put("retry.initial-delay-ms", "100");
        values.put("retry.max-delay-ms", "400");
    }

    @AfterEach
    void stopLabelStudio() {
        labelStudio.close();
    }

    private Diagnosis diagnose() {
        return doctor(false, duration -> { }).run();
    }

    private Doctor doctor(boolean waitForLabelStudio, ProjectIntrospection.Sleeper sleeper) {
        URI s3At = s3Endpoint;
        URI transcribeAt = transcribeEndpoint;
        URI sqsAt = sqsEndpoint;
        AwsAccess aws = new AwsAccess(credentials, region, builder -> builder.endpointOverride(s3At),
                builder -> builder.endpointOverride(transcribeAt), builder -> builder.endpointOverride(sqsAt));
        return new Doctor(key -> Optional.ofNullable(values.get(key)), aws, waitForLabelStudio, sleeper);
    }

    private static Finding finding(Diagnosis diagnosis, String check) {
        return diagnosis.finding(check).orElseThrow(() -> new AssertionError("no finding for " + check));
    }

    private static void assertVerdict(Diagnosis diagnosis, String check, Verdict verdict, String... phrases) {
        Finding finding = finding(diagnosis, check);
        assertThat(finding.verdict()).as(finding.line()).isEqualTo(verdict);
        for (String phrase : phrases) {
            assertThat(finding.message()).contains(phrase);
        }
    }

    /** Every check from {@code first} on (in report order) was skipped. */
    private static void assertSkippedFrom(Diagnosis diagnosis, String first) {
        List<Finding> findings = diagnosis.findings();
        int from = findings.indexOf(finding(diagnosis, first));
        assertThat(findings.subList(from, findings.size())).allSatisfy(f ->
                assertThat(f.verdict()).as(f.line()).isEqualTo(Verdict.SKIPPED));
    }

    private void assertNoSecretIn(Diagnosis diagnosis) {
        assertThat(diagnosis.report()).doesNotContain(apiKey).doesNotContain(AWS_SECRET)
                .doesNotContainPattern("Bearer \\S+").doesNotContainPattern("Token [0-9a-f]{40}");
        labelStudio.issuedAccessTokens().forEach(token -> assertThat(diagnosis.report()).doesNotContain(token));
    }

    @Test
    void aHealthySetUpPassesEveryCheckAndStartsNothing() {
        Diagnosis diagnosis = diagnose();

        assertThat(diagnosis.findings()).extracting(Finding::check).containsExactly("Configuration",
                "AWS credentials", "AWS region", "Source bucket", "Output bucket", "Conditional writes",
                "Event queues", "Amazon Transcribe", "Custom vocabularies", "Label Studio URL", "Label Studio token", "Label Studio project", "Label config",
                "Model version", "Review webhooks");
        assertThat(diagnosis.findings()).allSatisfy(f -> assertThat(f.verdict()).as(f.line()).isEqualTo(Verdict.OK));
        assertThat(diagnosis.fatal()).isFalse();
        assertThat(diagnosis.outputPlan()).map(OutputPlan::mode).contains(OutputPlan.Mode.WHOLE_FILE);
        assertThat(diagnosis.report())
                .contains("[ OK ] AWS credentials: an access key from CODE")
                .contains("[ OK ] AWS region: us-east-1")
                .contains("[ OK ] Source bucket: s3://" + BUCKET + "/calls/ is listable")
                .contains("[ OK ] Output bucket: s3://" + BUCKET + "/transcribe-bridge/ is listable and writable")
                .contains("[ OK ] Conditional writes: enforced by s3://" + BUCKET + "/")
                .contains("[ OK ] Label Studio URL: " + labelStudio.url() + " is Label Studio 1.")
                .contains("[ OK ] Label Studio token: Personal Access Token accepted")
                .contains("[ OK ] Label config: Label Studio project " + project + " ('Calls'): output WHOLE_FILE")
                .endsWith("transcribe-bridge can start.");
        assertThat(s3.getString(BUCKET, "transcribe-bridge/" + OutputBucketCheck.PROBE_NAME)).isPresent();
        assertThat(s3.keys(BUCKET, "calls/")).isEmpty();
        assertThat(s3.keys(BUCKET, "transcribe-bridge/claims/")).as("the probe claim is deleted").isEmpty();
        assertThat(transcribe.calls("StartTranscriptionJob")).as("jobs started").isZero();
        assertThat(labelStudio.importRequests()).isZero();
        assertNoSecretIn(diagnosis);
    }

    @Test
    void configurationInvalidTranscribeCombinationIsFatalAndWhatNeedsItIsSkipped() {
        values.put("transcribe.speaker-labels.max", "4");
        values.put("transcribe.channel-identification", "true");
        values.put("transcribe.language-options", "en-US,es-US");

        Diagnosis diagnosis = diagnose();

        assertVerdict(diagnosis, "Configuration", Verdict.FATAL,
                "TRANSCRIBE_SPEAKER_LABELS_MAX and TRANSCRIBE_CHANNEL_IDENTIFICATION cannot be combined",
                "TRANSCRIBE_LANGUAGE_OPTIONS is set but TRANSCRIBE_IDENTIFY_LANGUAGE is not true");
        assertVerdict(diagnosis, "AWS credentials", Verdict.OK);
        assertVerdict(diagnosis, "AWS region", Verdict.OK);
        assertSkippedFrom(diagnosis, "Source bucket");
        assertThat(finding(diagnosis, "Source bucket").message()).isEqualTo("not checked: Configuration failed");
        assertThat(diagnosis.report()).contains("[FAIL] Configuration: ")
                .endsWith("transcribe-bridge cannot start: 1 check failed.");
        // the start-up turns it into the ConfigurationException Application maps to exit code 2
        assertThatThrownBy(diagnosis::requireStartable).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).hasSize(2).allSatisfy(p -> assertThat(p).startsWith("TRANSCRIBE_")));
    }

    @Test
    void awsCredentialsNotFoundAnywhereAreFatal() throws IOException {
        Path emptyProfiles = Files.createTempFile("aws-credentials", "");
        credentials = ProfileCredentialsProvider.builder().profileFile(ProfileFile.builder().content(emptyProfiles)
                .type(ProfileFile.Type.CREDENTIALS).build()).profileName("default").build();

        Diagnosis diagnosis = diagnose();

        assertVerdict(diagnosis, "AWS credentials", Verdict.FATAL, "none found",
                "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with an IAM role");
        for (String needsCredentials : List.of("Source bucket", "Output bucket", "Amazon Transcribe")) {
            assertVerdict(diagnosis, needsCredentials, Verdict.SKIPPED, "not checked: AWS credentials failed");
        }
        assertVerdict(diagnosis, "Label Studio token", Verdict.OK);
    }

    @Nested
    class AwsRegion {

        @Test
        void noRegionIsFatal() throws IOException {
            Path emptyConfig = Files.createTempFile("aws-config", "");
            region = new AwsProfileRegionProvider(() -> ProfileFile.builder().content(emptyConfig)
                    .type(ProfileFile.Type.CONFIGURATION).build(), "default");

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "AWS region", Verdict.FATAL, "none set", "Set AWS_REGION");
            assertVerdict(diagnosis, "Amazon Transcribe", Verdict.SKIPPED, "not checked: AWS region failed");
        }

        @Test
        void anUnknownRegionIsFatal() {
            region = () -> Region.of("us-middle-7");

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "AWS region", Verdict.FATAL, "'us-middle-7' is not an AWS region");
        }
    }

    @Test
    void aSourceBucketThatDoesNotExistIsFatal() {
        values.put("source.bucket", "no-such-recordings");
        values.put("output.bucket", BUCKET);

        Diagnosis diagnosis = diagnose();

        assertVerdict(diagnosis, "Source bucket", Verdict.FATAL, "cannot list s3://no-such-recordings/calls/: bucket "
                + "'no-such-recordings' does not exist. Check SOURCE_BUCKET");
        assertVerdict(diagnosis, "Output bucket", Verdict.OK);
    }

    @Test
    void eventQueuesAreCheckedWithoutTouchingAMessageAndAMissingOneIsFatal() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start()) {
            sqsEndpoint = sqs.endpoint();
            String source = sqs.createQueue("doctor-source-events");
            sqs.send(source, "{\"a\":\"message that must stay untouched\"}");
            values.put("source.events-queue-url", source);

            Diagnosis healthy = diagnose();

            assertVerdict(healthy, "Event queues", Verdict.OK, "SOURCE_EVENTS_QUEUE_URL " + source,
                    "sqs:DeleteMessage and sqs:ChangeMessageVisibility allowed");
            assertVerdict(healthy, "Configuration", Verdict.OK, "intake by object events");
            assertThat(sqs.peek(source)).as("the message was not received (its receive count is untouched)")
                    .singleElement().satisfies(m -> assertThat(m.attributesAsStrings())
                            .containsEntry("ApproximateReceiveCount", "1"));

            values.put("transcribe.events-queue-url", source.replace("doctor-source-events", "no-such-queue"));
            Diagnosis missing = diagnose();

            assertVerdict(missing, "Event queues", Verdict.FATAL, "TRANSCRIBE_EVENTS_QUEUE_URL: queue",
                    "does not exist");
            assertThat(missing.fatal()).isTrue();
        }
    }

    @Test
    void aStoreThatIgnoresConditionalWritesIsAWarningThatSaysOneReplicaOnly() {
        try (EmbeddedS3 ignoring = EmbeddedS3.startIgnoringConditionalWrites()) {
            ignoring.createBucket(BUCKET);
            s3Endpoint = ignoring.endpoint();

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Conditional writes", Verdict.WARN, "ignores If-None-Match: * If-Match",
                    "run ONLY ONE replica", "duplicate tasks");
            assertThat(diagnosis.fatal()).isFalse();
            assertThat(ignoring.keys(BUCKET, "transcribe-bridge/claims/")).isEmpty();
        }
    }

    @Test
    void anOutputBucketThatCannotBeWrittenIsFatal() {
        values.put("output.bucket", "no-such-transcripts");

        Diagnosis diagnosis = diagnose();

        assertVerdict(diagnosis, "Output bucket", Verdict.FATAL,
                "bucket 'no-such-transcripts' does not exist. Check OUTPUT_BUCKET");
        assertVerdict(diagnosis, "Source bucket", Verdict.OK);
    }

    @Nested
    class Transcribe {

        @Test
        void anEndpointNobodyListensOnIsFatal() {
            transcribeEndpoint = URI.create("http://127.0.0.1:" + freePort());

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Amazon Transcribe", Verdict.FATAL, "cannot reach Amazon Transcribe",
                    "AWS_ENDPOINT_URL_TRANSCRIBE");
            assertVerdict(diagnosis, "Custom vocabularies", Verdict.SKIPPED);
            assertVerdict(diagnosis, "Label Studio URL", Verdict.OK);
        }

        @Test
        void credentialsWithoutTheJobPermissionsAreFatal() {
            transcribe.failNext("GetTranscriptionJob", 1, "AccessDeniedException");

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Amazon Transcribe", Verdict.FATAL,
                    "the credentials may not call transcribe:GetTranscriptionJob", "config/iam-policy.json");
        }
    }

    @Nested
    class CustomVocabularies {

        @Test
        void aVocabularyThatDoesNotExistIsFatal() {
            transcribe.vocabularyFilter("profanity-en", "en-US");
            values.put("transcribe.vocabulary-name", "calls-en-missing");
            values.put("transcribe.vocabulary-filter-name", "profanity-en");
            values.put("transcribe.vocabulary-filter-method", "mask");

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Custom vocabularies", Verdict.FATAL, "vocabulary 'calls-en-missing' does not "
                    + "exist in us-east-1 (TRANSCRIBE_VOCABULARY_NAME): every job would fail at its start");
            assertThat(finding(diagnosis, "Custom vocabularies").message()).doesNotContain("profanity-en");
        }

        @Test
        void existingVocabulariesInTheRightLanguageAreReady() {
            transcribe.vocabulary("calls-en", "en-US");
            values.put("transcribe.vocabulary-name", "calls-en");

            assertVerdict(diagnose(), "Custom vocabularies", Verdict.OK, "vocabulary 'calls-en' (en-US) ready");
        }

        @Test
        void withoutPermissionToLookThemUpTheCheckIsSkippedNotFailed() {
            values.put("transcribe.vocabulary-name", "calls-en");
            transcribe.failNext("GetVocabulary", 1, "AccessDeniedException");

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Custom vocabularies", Verdict.SKIPPED, "not checked",
                    "transcribe:GetVocabulary", "Make sure vocabulary 'calls-en' exist");
            assertThat(diagnosis.fatal()).isFalse();
        }
    }

    @Nested
    class LabelStudioUrl {

        @Test
        void aUrlThatIsNotLabelStudioIsFatal() {
            values.put("label-studio.url", transcribe.endpoint().toString());

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Label Studio URL", Verdict.FATAL, transcribe.endpoint() + " answers, but not as "
                    + "Label Studio does: GET " + transcribe.endpoint() + "/health gave HTTP 400",
                    "Set LABEL_STUDIO_URL to Label Studio's base URL");
            assertSkippedFrom(diagnosis, "Label Studio token");
        }

        @Test
        void labelStudioDownIsFatalForTheOneShotCommandWithoutWaiting() {
            labelStudio.down();

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Label Studio URL", Verdict.FATAL, "cannot reach Label Studio at "
                    + labelStudio.url() + " after 1 attempt", "java.net.ConnectException",
                    "Check LABEL_STUDIO_URL and that Label Studio is up.");
            assertSkippedFrom(diagnosis, "Label Studio token");
        }

        @Test
        void atStartUpLabelStudioNotUpYetIsWaitedForWithTheRetryBackoff() {
            labelStudio.down();
            List<Duration> sleeps = new ArrayList<>();

            Diagnosis diagnosis = doctor(true, duration -> {
                sleeps.add(duration);
                if (sleeps.size() == 3) {
                    labelStudio.up();
                }
            }).run();

            assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(diagnosis.findings()).allSatisfy(f -> assertThat(f.verdict()).as(f.line())
                    .isEqualTo(Verdict.OK));
        }
    }

    @Nested
    class LabelStudioToken {

        @Test
        void aWrongLegacyTokenIsFatal() {
            apiKey = "0123456789abcdef0123456789abcdef01234567";
            values.put("label-studio.api-key", apiKey);

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Label Studio token", Verdict.FATAL, "Label Studio rejected the legacy token "
                    + "(HTTP 401: Invalid token.): the legacy token is wrong, or Label Studio expects a Personal "
                    + "Access Token (check LABEL_STUDIO_API_KEY)");
            assertSkippedFrom(diagnosis, "Label Studio project");
            assertNoSecretIn(diagnosis);
        }

        @Test
        void aRevokedPersonalAccessTokenIsFatal() {
            labelStudio.revoke(apiKey);

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Label Studio token", Verdict.FATAL, "Label Studio refused the Personal Access "
                    + "Token at /api/token/refresh/ (HTTP 401: Token is blacklisted)");
            assertNoSecretIn(diagnosis);
        }

        @Test
        void aLegacyTokenOfAnOrganizationThatDisabledThemIsFatal() {
            apiKey = labelStudio.legacyToken();
            values.put("label-studio.api-key", apiKey);
            labelStudio.legacyTokensEnabled(false);

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Label Studio token", Verdict.FATAL, "legacy tokens are disabled in this "
                    + "organization: use a Personal Access Token");
            assertNoSecretIn(diagnosis);
        }

        @Test
        void aLegacyTokenIsNamedAsSuch() {
            apiKey = labelStudio.legacyToken();
            values.put("label-studio.api-key", apiKey);

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Label Studio token", Verdict.OK, "legacy token accepted");
            assertNoSecretIn(diagnosis);
        }
    }

    @Test
    void aProjectThatDoesNotExistIsFatal() {
        values.put("label-studio.project-id", "42");

        Diagnosis diagnosis = diagnose();

        assertVerdict(diagnosis, "Label Studio project", Verdict.FATAL, "Label Studio at " + labelStudio.url()
                + " has no project 42", "check LABEL_STUDIO_PROJECT_ID");
        assertSkippedFrom(diagnosis, "Label config");
    }

    @Nested
    class LabelConfig {

        @Test
        void aConfigWithoutTextAreaIsFatal() {
            int audioOnly = labelStudio.createProject("Audio quality", "<View><Audio name=\"audio\" value=\"$audio\"/>"
                    + "<Choices name=\"quality\" toName=\"audio\"><Choice value=\"Good\"/></Choices></View>");
            values.put("label-studio.project-id", Integer.toString(audioOnly));

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Label config", Verdict.FATAL, "has <Audio name=\"audio\"> but no <TextArea> "
                    + "with toName=\"audio\"");
            assertThat(diagnosis.outputPlan()).isEmpty();
            assertThatThrownBy(diagnosis::requireStartable).isInstanceOfSatisfying(ConfigurationException.class,
                    e -> assertThat(e.problems()).singleElement().asString()
                            .startsWith("Label config: The labeling config of Label Studio project " + audioOnly));
        }

        @Test
        void channelsMappedOntoTheProjectsSpeakerLabelsAreNamed() throws Exception {
            // Agent, Customer, Other; no LABEL_STUDIO_SPEAKER_LABELS
            int speakers = labelStudio.createProject("Stereo calls",
                    Files.readString(Path.of("config/labelstudio/segments-speakers.xml")));
            values.put("label-studio.project-id", Integer.toString(speakers));
            values.put("transcribe.channel-identification", "true");
            values.put("label-studio.default-label", "Other");

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Label config", Verdict.OK, "output SEGMENTS",
                    "speakers ch_0=Agent, ch_1=Customer (channels onto the Labels in config order), default label "
                    + "'Other'", "Transcribe: channel identification");
            assertThat(diagnosis.outputPlan().orElseThrow().speakerLabels())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("ch_0", "Agent", "ch_1", "Customer"));
        }

        @Test
        void channelsThatNoLabelTellsApartAreAWarning() {
            // Speech (the default label) and Noise
            int segments = labelStudio.createProject("Stereo calls", labelConfig("asr-segments.xml"));
            values.put("label-studio.project-id", Integer.toString(segments));
            values.put("transcribe.channel-identification", "true");

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Label config", Verdict.WARN, "speakers not mapped",
                    "TRANSCRIBE_CHANNEL_IDENTIFICATION is on, but Labels 'labels' ('Speech', 'Noise') has only "
                    + "'Noise' besides the default label to tell the 2 channels apart: every region is labelled "
                    + "'Speech'");
            assertThat(diagnosis.fatal()).isFalse();
        }

        @Test
        void settingsTheConfigMakesUselessAreAWarningNextToTheChosenOutput() {
            values.put("label-studio.speaker-labels", "spk_0=Agent");

            Diagnosis diagnosis = diagnose();

            assertVerdict(diagnosis, "Label config", Verdict.WARN, "output WHOLE_FILE",
                    "LABEL_STUDIO_SPEAKER_LABELS is not used");
            assertThat(diagnosis.fatal()).isFalse();
            assertThat(diagnosis.report()).endsWith("transcribe-bridge can start (1 warning).");
        }
    }

    @Test
    void reviewSettingsThatLabelStudioWouldRefuseAreFatalAndTheSecretIsNeverShown() {
        values.put("review.enabled", "true");
        values.put("review.webhook-secret", "doctor-webhook-secret-0123456789");
        values.put("review.webhook-url", "http://transcribe-bridge:9090/label-studio/webhook");

        Diagnosis diagnosis = diagnose();

        assertVerdict(diagnosis, "Configuration", Verdict.FATAL, "REVIEW_WEBHOOK_URL",
                "refuses a host without a dot", "transcribe-bridge.internal");
        assertThat(diagnosis.report()).doesNotContain("doctor-webhook-secret-0123456789");
    }

    @Test
    void reviewWithoutAnyWebhookSendingTheSecretIsAWarning() {
        values.put("review.enabled", "true");
        values.put("review.webhook-secret", "doctor-webhook-secret-0123456789");

        Diagnosis diagnosis = diagnose();

        assertVerdict(diagnosis, "Review webhooks", Verdict.WARN, "has no webhook that sends "
                + "X-Transcribe-Bridge-Secret", "REVIEW_WEBHOOK_URL", "every 600 s");
        assertThat(diagnosis.fatal()).isFalse();
        assertThat(diagnosis.report()).doesNotContain("doctor-webhook-secret-0123456789");
    }

    @Test
    void reviewWithAWebhookUrlSaysWhetherItIsRegistered() throws Exception {
        values.put("review.enabled", "true");
        values.put("review.webhook-secret", "doctor-webhook-secret-0123456789");
        values.put("review.webhook-url", "http://bridge.example.internal:9090/label-studio/webhook");

        assertVerdict(diagnose(), "Review webhooks", Verdict.OK, "is registered at start");

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(labelStudio.url() + "/api/webhooks/"))
                .header("Authorization", "Token " + labelStudio.legacyToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"project\": " + project + ", \"url\": "
                        + "\"http://bridge.example.internal:9090/label-studio/webhook\", \"headers\": "
                        + "{\"X-Transcribe-Bridge-Secret\": \"doctor-webhook-secret-0123456789\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Diagnosis diagnosis = diagnose();
        assertVerdict(diagnosis, "Review webhooks", Verdict.OK, "registered (corrected at start");
        assertThat(diagnosis.report()).doesNotContain("doctor-webhook-secret-0123456789");
    }

    @Test
    void aModelVersionOtherThanOursIsAWarning() throws Exception {
        importPredictionWithModelVersion("whisper-large-v3");

        Diagnosis diagnosis = diagnose();

        assertVerdict(diagnosis, "Model version", Verdict.WARN, "Label Studio project " + project + " has model "
                + "version 'whisper-large-v3' but the predictions are imported as 'amazon-transcribe'",
                "Set LABEL_STUDIO_MODEL_VERSION=whisper-large-v3");
        assertVerdict(diagnosis, "Label config", Verdict.OK);
        assertThat(diagnosis.fatal()).isFalse();
        assertThat(diagnosis.requireStartable()).isSameAs(diagnosis);
    }

    /** Another tool imported first: Label Studio took that prediction's model version as the project's. */
    private void importPredictionWithModelVersion(String modelVersion) throws Exception {
        String task = "[{\"data\": {\"audio\": \"s3://other/a.wav\"}, \"predictions\": [{\"model_version\": \""
                + modelVersion + "\", \"result\": [{\"from_name\": \"transcription\", \"to_name\": \"audio\", "
                + "\"type\": \"textarea\", \"value\": {\"text\": [\"hello\"]}}]}]}]";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(labelStudio.url() + "/api/projects/" + project + "/import"))
                .header("Authorization", "Token " + labelStudio.legacyToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(task)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(labelStudio.project(project).orElseThrow().path("model_version").asText()).isEqualTo(modelVersion);
    }

    private static String labelConfig(String file) {
        try {
            return Files.readString(Path.of("src/test/resources/labelstudio", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
