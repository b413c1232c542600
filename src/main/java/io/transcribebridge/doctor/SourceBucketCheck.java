package io.transcribebridge.doctor;

import java.util.List;

import io.transcribebridge.config.BridgeSettings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/** Lists one key under the source prefix: what the intake does on every pass. The audio itself is never touched. */
final class SourceBucketCheck implements Check {

    static final String NAME = "Source bucket";

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
        String location = "s3://" + settings.sourceBucket() + "/" + settings.sourcePrefix();
        try {
            ListObjectsV2Response listing = examination.s3().listObjectsV2(request -> request
                    .bucket(settings.sourceBucket()).prefix(settings.sourcePrefix()).maxKeys(1));
            return Finding.ok(NAME, location + " is listable" + (listing.keyCount() == 0 ? " (empty so far)" : ""));
        } catch (SdkException e) {
            return Finding.fatal(NAME, BucketAccess.describe(e, "list " + location, settings.sourceBucket(),
                    "SOURCE_BUCKET", "s3:ListBucket"));
        }
    }
}
