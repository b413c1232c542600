package io.transcribebridge.doctor;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.transcribebridge.claims.ConditionalStore;
import io.transcribebridge.config.BridgeSettings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Replicas keep apart through claims written with S3's conditional writes. A real write test: a probe under
 * {@code {OUTPUT_PREFIX}claims/} is written with {@code If-None-Match: *} twice, and once with {@code If-Match} on a
 * wrong ETag; S3 must refuse the last two (412). A store that ignores the headers (older MinIO, S3Proxy, some
 * gateways) still serves one replica exactly once, not several: a warning says so. The probe is then deleted, which
 * proves the {@code s3:DeleteObject} a finished claim needs.
 */
final class ConditionalWriteCheck implements Check {

    static final String NAME = "Conditional writes";
    static final String PROBE_PREFIX = "write-check-";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(OutputBucketCheck.NAME);
    }

    @Override
    public Finding run(Examination examination) {
        BridgeSettings settings = examination.settings;
        String bucket = settings.outputBucket();
        String probe = settings.outputPrefix() + "claims/" + PROBE_PREFIX + UUID.randomUUID() + ".json";
        ConditionalStore store = new ConditionalStore(examination.s3(), bucket);
        String body = "{\"probe\":\"transcribe-bridge start-up check of conditional writes\"}";
        String ignored;
        try {
            Optional<String> created = store.create(probe, body);
            if (created.isEmpty()) {
                return Finding.fatal(NAME, "a new key s3://" + bucket + "/" + probe + " was refused as existing");
            }
            boolean createEnforced = store.create(probe, body).isEmpty();
            boolean matchEnforced = store.replace(probe, body, "\"0000000000000000000000000000000f\"").isEmpty();
            ignored = createEnforced && matchEnforced ? null
                    : (createEnforced ? "" : "If-None-Match: * ") + (matchEnforced ? "" : "If-Match ");
        } catch (S3Exception e) {
            if (e.statusCode() == 501 || e.statusCode() == 400) {
                ignored = "conditional headers (S3 answered HTTP " + e.statusCode() + ") ";
            } else {
                return Finding.fatal(NAME, BucketAccess.describe(e, "write s3://" + bucket + "/" + probe, bucket,
                        "OUTPUT_BUCKET", "s3:PutObject under " + settings.outputPrefix()));
            }
        } catch (SdkException e) {
            return Finding.fatal(NAME, BucketAccess.describe(e, "write s3://" + bucket + "/" + probe, bucket,
                    "OUTPUT_BUCKET", "s3:PutObject under " + settings.outputPrefix()));
        }
        try {
            store.delete(probe);
        } catch (SdkException e) {
            return Finding.fatal(NAME, BucketAccess.describe(e, "delete the probe s3://" + bucket + "/" + probe
                    + " (claims are deleted once their object version is finished)", bucket, "OUTPUT_BUCKET",
                    "s3:DeleteObject on " + settings.outputPrefix() + "claims/*"));
        }
        if (ignored != null) {
            return Finding.warn(NAME, "the S3 store at s3://" + bucket + "/ ignores " + ignored.strip()
                    + ": a second write of an existing claim succeeded where S3 answers 412 Precondition Failed. One "
                    + "replica is still exactly once, but run ONLY ONE replica of the service on this bucket: several "
                    + "would each claim, transcribe and import the same objects (duplicate tasks).");
        }
        return Finding.ok(NAME, "enforced by s3://" + bucket + "/ (If-None-Match and If-Match answered 412): "
                + "replicas coordinate through claims under " + settings.outputPrefix() + "claims/");
    }
}
