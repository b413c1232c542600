package io.transcribebridge.doctor;

import java.util.List;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/** The AWS region, from the SDK's default chain: set, and one that exists (Transcribe runs in real regions only). */
final class RegionCheck implements Check {

    static final String NAME = "AWS region";

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
        Region region;
        try {
            region = examination.aws.region().getRegion();
        } catch (SdkClientException e) {
            return Finding.fatal(NAME, "none set (" + e.getMessage() + "). Set AWS_REGION to the region of the "
                    + "source bucket and of Amazon Transcribe, e.g. us-east-1.");
        }
        if (!Region.regions().contains(region)) {
            return Finding.fatal(NAME, "'" + region.id() + "' is not an AWS region (AWS_REGION or the profile's "
                    + "region). Use the region of the source bucket and of Amazon Transcribe, e.g. us-east-1 or "
                    + "eu-west-1.");
        }
        examination.region = region;
        return Finding.ok(NAME, region.id());
    }
}
