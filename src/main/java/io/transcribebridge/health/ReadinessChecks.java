package io.transcribebridge.health;

import java.net.http.HttpClient;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.config.BridgeSettings;
import io.transcribebridge.labelstudio.LabelStudioAuth;
import io.transcribebridge.labelstudio.LabelStudioProjects;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.services.s3.S3Client;

/** The service's own readiness checks, next to Camel's (context, routes, consumers). */
public final class ReadinessChecks {

    private ReadinessChecks() {
    }

    /**
     * Binds them in the registry, where Camel's health check registry finds every {@code HealthCheck}. Label Studio
     * is asked with an HTTP client and authenticator of their own, bounded by {@code health.timeout-ms}, so a hanging
     * Label Studio cannot hold a probe for the import timeout.
     */
    public static void bind(Registry registry, BridgeSettings settings, S3Client s3, ObjectMapper mapper,
                            Clock clock) {
        registry.bind("sourceBucketCheck", new SourceBucketCheck(s3, settings.sourceBucket(),
                settings.sourcePrefix(), settings.healthCheckTimeout(), settings.healthCheckInterval(), clock));
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.healthCheckTimeout()).build();
        LabelStudioAuth auth = new LabelStudioAuth(settings.labelStudioUrl(), settings.labelStudioApiKey(), http,
                mapper, clock, settings.healthCheckTimeout());
        LabelStudioProjects projects = new LabelStudioProjects(settings.labelStudioUrl(), auth, http, mapper,
                settings.healthCheckTimeout());
        registry.bind("labelStudioCheck", new LabelStudioCheck(projects, settings.labelStudioProjectId(),
                settings.healthCheckInterval(), clock));
    }
}
