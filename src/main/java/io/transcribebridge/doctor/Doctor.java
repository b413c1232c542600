package io.transcribebridge.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.transcribebridge.config.ProjectIntrospection;
import io.transcribebridge.transcript.OutputPlan;

/**
 * The start-up checks, run in order before anything is consumed: configuration, AWS credentials and region, source
 * and output bucket, conditional writes (what replicas rely on), event queues, Amazon Transcribe (and custom vocabularies), Label
 * Studio URL, token, project, label config
 * (and the output mode chosen), model version, review webhooks. A check whose prerequisite failed is reported as skipped. Runs at
 * every start ({@link #forStartup}, waiting for Label Studio while it is unreachable) and as the one-shot
 * {@code doctor} command ({@link #oneShot}, which does not wait).
 */
public final class Doctor {

    private static final List<Check> CHECKS = List.of(new ConfigurationCheck(), new CredentialsCheck(),
            new RegionCheck(), new SourceBucketCheck(), new OutputBucketCheck(), new ConditionalWriteCheck(),
            new EventQueuesCheck(), new TranscribeCheck(),
            new VocabularyCheck(), new LabelStudioUrlCheck(), new TokenCheck(), new ProjectCheck(),
            new LabelConfigCheck(), new ModelVersionCheck(), new ReviewWebhookCheck());

    private final Function<String, Optional<String>> properties;
    private final AwsAccess aws;
    private final boolean waitForLabelStudio;
    private final ProjectIntrospection.Sleeper sleeper;

    public Doctor(Function<String, Optional<String>> properties, AwsAccess aws, boolean waitForLabelStudio,
                  ProjectIntrospection.Sleeper sleeper) {
        this.properties = properties;
        this.aws = aws;
        this.waitForLabelStudio = waitForLabelStudio;
        this.sleeper = sleeper;
    }

    /** At start-up: the SDK's default chains; Label Studio not reachable yet is waited for with the retry backoff. */
    public static Doctor forStartup(Function<String, Optional<String>> properties) {
        return new Doctor(properties, AwsAccess.defaultChains(), true,
                duration -> Thread.sleep(duration.toMillis()));
    }

    /** The one-shot command: every check once, nothing waited for. */
    public static Doctor oneShot(Function<String, Optional<String>> properties) {
        return new Doctor(properties, AwsAccess.defaultChains(), false, duration -> { });
    }

    public Diagnosis run() {
        List<Finding> findings = new ArrayList<>();
        try (Examination examination = new Examination(properties, aws, waitForLabelStudio, sleeper)) {
            for (Check check : CHECKS) {
                findings.add(redacted(runOne(check, findings, examination), examination));
            }
            return new Diagnosis(findings, Optional.ofNullable(examination.settings),
                    Optional.ofNullable(examination.planned).map(ProjectIntrospection.Planned::plan));
        }
    }

    private static Finding runOne(Check check, List<Finding> earlier, Examination examination) {
        Map<String, Finding> byName = earlier.stream().collect(Collectors.toMap(Finding::check, f -> f));
        for (String need : check.needs()) {
            Finding prerequisite = byName.get(need);
            if (prerequisite == null || prerequisite.verdict() == Verdict.FATAL
                || prerequisite.verdict() == Verdict.SKIPPED) {
                return Finding.skipped(check.name(), "not checked: " + need + " "
                        + (prerequisite != null && prerequisite.verdict() == Verdict.FATAL ? "failed"
                        : "was not checked"));
            }
        }
        try {
            return check.run(examination);
        } catch (RuntimeException e) {
            // a check must never crash the doctor: report what happened as this check's failure
            return Finding.fatal(check.name(), "the check itself failed: " + e);
        }
    }

    /** Belt and braces: no message may carry a secret, whatever an exception text contained. */
    private static Finding redacted(Finding finding, Examination examination) {
        String message = finding.message();
        for (String secret : examination.secrets) {
            // real keys are long; a short test value ("demo") would otherwise mask ordinary words
            if (secret != null && secret.length() >= 8) {
                message = message.replace(secret, "***");
            }
        }
        return new Finding(finding.check(), finding.verdict(), message);
    }
}
