package io.transcribebridge.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.config.BridgeConfiguration;
import io.transcribebridge.config.BridgeSettings;
import io.transcribebridge.events.EventSettings;
import io.transcribebridge.review.ReviewSettings;
import io.transcribebridge.config.ProjectIntrospection;
import io.transcribebridge.config.StartupWait;
import io.transcribebridge.labelstudio.LabelStudioAuth;
import io.transcribebridge.labelstudio.LabelStudioProjects;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.transcribe.TranscribeClient;

/**
 * What one run of the doctor has learned so far, for the checks after it: the settings, the AWS region and
 * clients, the Label Studio authenticator and project. Lives for one run; {@link #close()} closes the clients.
 */
final class Examination implements AutoCloseable {

    final Function<String, Optional<String>> properties;
    final AwsAccess aws;
    /** Wait for Label Studio while it is unreachable (the retry backoff; at start-up), or ask once (one-shot). */
    final boolean waitForLabelStudio;
    final ProjectIntrospection.Sleeper sleeper;
    final ObjectMapper mapper = new ObjectMapper();

    BridgeSettings settings;
    Region region;
    private HttpClient http;
    LabelStudioAuth auth;
    LabelStudioProjects projects;
    LabelStudioProjects.Project project;
    ProjectIntrospection.Planned planned;
    /** Secrets met during the run (the AWS secret key, the session token): never in a finding. */
    final Set<String> secrets = new HashSet<>();
    private S3Client s3;
    private TranscribeClient transcribe;
    private SqsClient sqs;
    EventSettings events;
    ReviewSettings review;

    Examination(Function<String, Optional<String>> properties, AwsAccess aws, boolean waitForLabelStudio,
                ProjectIntrospection.Sleeper sleeper) {
        this.properties = properties;
        this.aws = aws;
        this.waitForLabelStudio = waitForLabelStudio;
        this.sleeper = sleeper;
    }

    StartupWait labelStudioWait() {
        return waitForLabelStudio ? StartupWait.of(settings, sleeper) : StartupWait.none();
    }

    /** The service's S3 client settings (path style, checksums), with the doctor's credentials and region. */
    S3Client s3() {
        if (s3 == null) {
            var builder = BridgeConfiguration.s3ClientBuilder(settings).credentialsProvider(aws.credentials())
                    .region(region);
            aws.s3().accept(builder);
            s3 = builder.build();
        }
        return s3;
    }

    TranscribeClient transcribe() {
        if (transcribe == null) {
            var builder = TranscribeClient.builder().credentialsProvider(aws.credentials()).region(region);
            aws.transcribe().accept(builder);
            transcribe = builder.build();
        }
        return transcribe;
    }

    SqsClient sqs() {
        if (sqs == null) {
            var builder = SqsClient.builder().credentialsProvider(aws.credentials()).region(region);
            aws.sqs().accept(builder);
            sqs = builder.build();
        }
        return sqs;
    }

    /** The authenticator for Label Studio; one for the whole run, so a PAT is refreshed once. */
    LabelStudioAuth auth() {
        if (auth == null) {
            auth = new LabelStudioAuth(settings.labelStudioUrl(), settings.labelStudioApiKey(), http(), mapper,
                    Clock.systemUTC(), settings.labelStudioTimeout());
            projects = new LabelStudioProjects(settings.labelStudioUrl(), auth, http(), mapper,
                    settings.labelStudioTimeout());
        }
        return auth;
    }

    HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(settings.labelStudioTimeout()).build();
        }
        return http;
    }

    /** A GET to Label Studio; {@code authorization} null for the public endpoints. */
    HttpResponse<String> get(URI uri, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.labelStudioTimeout())
                .header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException("GET " + uri + " failed: " + LabelStudioAuth.describe(e), e);
        }
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
        if (transcribe != null) {
            transcribe.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }
}
