package io.transcribebridge.doctor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.transcribebridge.config.BridgeSettings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Lists under the output prefix and writes one small object there ({@value #PROBE_NAME}, the same key every time):
 * transcripts, completion markers and failure records all go under that prefix, and a missing s3:PutObject would
 * otherwise show only once the first job's transcript cannot be written. The probe is overwritten, never deleted
 * (the IAM policy grants no s3:DeleteObject), and lies under the output prefix, which the intake never reads as audio.
 */
final class OutputBucketCheck implements Check {

    static final String NAME = "Output bucket";
    static final String PROBE_NAME = "write-check.txt";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(ConfigurationCheck.NAME, CredentialsCheck.NAME, RegionCheck.NAME);
    }

    @Override
    public Finding run(Examination examination) {
        BridgeSettings settings = examination.settings;
        String bucket = settings.outputBucket();
        String location = "s3://" + bucket + "/" + settings.outputPrefix();
        String probe = settings.outputPrefix() + PROBE_NAME;
        try {
            examination.s3().listObjectsV2(request -> request.bucket(bucket).prefix(settings.outputPrefix())
                    .maxKeys(1));
        } catch (SdkException e) {
            return Finding.fatal(NAME, BucketAccess.describe(e, "list " + location, bucket, "OUTPUT_BUCKET",
                    "s3:ListBucket"));
        }
        try {
            examination.s3().putObject(request -> request.bucket(bucket).key(probe).contentType("text/plain"),
                    RequestBody.fromString("Written by transcribe-bridge's start-up check at " + Instant.now()
                            + " to prove it can write under " + location + ". Rewritten at every start; safe to "
                            + "delete.\n", StandardCharsets.UTF_8));
        } catch (SdkException e) {
            return Finding.fatal(NAME, BucketAccess.describe(e, "write s3://" + bucket + "/" + probe, bucket,
                    "OUTPUT_BUCKET", "s3:PutObject under " + settings.outputPrefix()));
        }
        return Finding.ok(NAME, location + " is listable and writable (wrote " + PROBE_NAME + ")");
    }
}
