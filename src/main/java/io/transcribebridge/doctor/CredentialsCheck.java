package io.transcribebridge.doctor;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.useragent.BusinessMetricFeatureId;

/**
 * Resolves AWS credentials the way the service's clients do (the SDK's default chain) and says where they came
 * from and of which kind. Whether AWS accepts them shows in the bucket and Transcribe checks.
 */
final class CredentialsCheck implements Check {

    static final String NAME = "AWS credentials";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of();
    }

    @Override
    public Finding run(Examination examination) {
        AwsCredentials credentials;
        try {
            credentials = examination.aws.credentials().resolveCredentials();
        } catch (SdkClientException e) {
            return Finding.fatal(NAME, "none found (" + e.getMessage() + "). Set AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with an IAM role (ECS task role, EC2 instance "
                    + "profile, web identity).");
        }
        examination.secrets.add(credentials.secretAccessKey());
        String kind = "an access key";
        if (credentials instanceof AwsSessionCredentials session) {
            examination.secrets.add(session.sessionToken());
            kind = "temporary credentials (access key with session token)";
        }
        String expiry = credentials.expirationTime().map(at -> ", valid until " + at).orElse("");
        String provider = credentials.providerName().map(CredentialsCheck::source)
                .orElse(examination.aws.credentials().getClass().getSimpleName());
        return Finding.ok(NAME, kind + " from " + provider + expiry);
    }

    /**
     * The SDK names the provider with its user-agent codes ("g" = environment variables, "n,i" = a profile with an
     * assumed role): in words, e.g. "ENV_VARS" or "PROFILE + STS_ASSUME_ROLE".
     */
    static String source(String providerName) {
        return Arrays.stream(providerName.split(","))
                .map(code -> Arrays.stream(BusinessMetricFeatureId.values())
                        .filter(id -> id.value().equals(code) && id.name().startsWith("CREDENTIALS_"))
                        .map(id -> id.name().substring("CREDENTIALS_".length()))
                        .findFirst().orElse(code))
                .collect(Collectors.joining(" + "));
    }
}
