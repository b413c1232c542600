package io.transcribebridge.doctor;

import java.util.function.Consumer;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.transcribe.TranscribeClientBuilder;

/**
 * Where the doctor gets AWS credentials and region from, and anything else its clients need. In production the
 * SDK's default chains, as the service's own clients use (endpoints from {@code AWS_ENDPOINT_URL_*} as well); tests
 * point the clients at the emulators.
 */
public record AwsAccess(AwsCredentialsProvider credentials, AwsRegionProvider region,
                        Consumer<S3ClientBuilder> s3, Consumer<TranscribeClientBuilder> transcribe,
                        Consumer<SqsClientBuilder> sqs) {

    /** SQS as the SDK's chains have it (endpoint from {@code AWS_ENDPOINT_URL_SQS}). */
    public AwsAccess(AwsCredentialsProvider credentials, AwsRegionProvider region, Consumer<S3ClientBuilder> s3,
                     Consumer<TranscribeClientBuilder> transcribe) {
        this(credentials, region, s3, transcribe, builder -> { });
    }

    public static AwsAccess defaultChains() {
        return new AwsAccess(DefaultCredentialsProvider.builder().build(), new DefaultAwsRegionProviderChain(),
                builder -> { }, builder -> { }, builder -> { });
    }
}
