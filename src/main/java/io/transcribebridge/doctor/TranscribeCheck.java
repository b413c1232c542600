package io.transcribebridge.doctor;

import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.transcribe.model.TranscribeException;

/**
 * Asks Transcribe for a job that cannot exist, with GetTranscriptionJob (an action the IAM policy grants, which
 * starts nothing): "couldn't be found" means Transcribe is reachable, accepts the credentials and lets them read
 * jobs. StartTranscriptionJob cannot be tried without starting a job.
 */
final class TranscribeCheck implements Check {

    static final String NAME = "Amazon Transcribe";
    /** Not a name the service gives jobs (they start with "tb-"). */
    static final String PROBE_JOB = "transcribe-bridge-start-up-check";

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
        try {
            examination.transcribe().getTranscriptionJob(request -> request.transcriptionJobName(PROBE_JOB));
        } catch (TranscribeException e) {
            if (!TranscribeErrors.notFound(e)) {
                return Finding.fatal(NAME, TranscribeErrors.describe(e, "transcribe:GetTranscriptionJob"));
            }
        } catch (SdkException e) {
            return Finding.fatal(NAME, TranscribeErrors.describe(e, "transcribe:GetTranscriptionJob"));
        }
        return Finding.ok(NAME, "reachable in " + examination.region.id() + ", credentials accepted "
                + "(GetTranscriptionJob allowed)");
    }
}
