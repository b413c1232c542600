package io.transcribebridge.aws2.transcribe;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.transcribe.TranscribeClient;
import software.amazon.awssdk.services.transcribe.TranscribeClientBuilder;

/**
 * Builds a client from endpoint options when no {@code transcribeClient} is given. Anything not configured falls
 * back to the SDK's standard chains (AWS_REGION, AWS_ENDPOINT_URL_TRANSCRIBE, profiles, roles).
 */
final class Transcribe2ClientFactory {

    private Transcribe2ClientFactory() {
    }

    static TranscribeClient create(Transcribe2Configuration cfg) {
        TranscribeClientBuilder builder = TranscribeClient.builder();
        if (cfg.getRegion() != null && !cfg.getRegion().isBlank()) {
            builder.region(Region.of(cfg.getRegion()));
        }
        if (cfg.isOverrideEndpoint() && cfg.getUriEndpointOverride() != null) {
            builder.endpointOverride(URI.create(cfg.getUriEndpointOverride()));
        }
        if (cfg.isUseProfileCredentialsProvider()) {
            builder.credentialsProvider(cfg.getProfileCredentialsName() == null
                    ? ProfileCredentialsProvider.create()
                    : ProfileCredentialsProvider.create(cfg.getProfileCredentialsName()));
        } else if (cfg.isUseSessionCredentials() && cfg.getAccessKey() != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(cfg.getAccessKey(), cfg.getSecretKey(), cfg.getSessionToken())));
        } else if (!cfg.isUseDefaultCredentialsProvider() && cfg.getAccessKey() != null && cfg.getSecretKey() != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(cfg.getAccessKey(), cfg.getSecretKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
