package io.transcribebridge.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.transcribebridge.config.BridgeSettings;
import io.transcribebridge.config.ConfigurationException;
import io.transcribebridge.transcript.OutputPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the doctor found, check by check in the order they ran, and what the service needs from it: the settings and
 * the output plan (both absent when the check that produces them failed).
 */
public record Diagnosis(List<Finding> findings, Optional<BridgeSettings> settings, Optional<OutputPlan> outputPlan) {

    public Diagnosis {
        findings = List.copyOf(findings);
    }

    public boolean fatal() {
        return findings.stream().anyMatch(f -> f.verdict() == Verdict.FATAL);
    }

    public Optional<Finding> finding(String check) {
        return findings.stream().filter(f -> f.check().equals(check)).findFirst();
    }

    /** One line per check, and a closing line with the verdict. */
    public String report() {
        long fatal = count(Verdict.FATAL);
        long warnings = count(Verdict.WARN);
        return findings.stream().map(Finding::line).collect(Collectors.joining("\n")) + "\n"
               + (fatal > 0 ? "transcribe-bridge cannot start: " + fatal + " check" + (fatal == 1 ? "" : "s")
                              + " failed" + (warnings > 0 ? ", " + warnings + " warning" + (warnings == 1 ? "" : "s")
                              : "") + "."
                       : "transcribe-bridge can start" + (warnings > 0 ? " (" + warnings + " warning"
                              + (warnings == 1 ? "" : "s") + ")" : "") + ".");
    }

    /** Start-up: OK and skipped checks at INFO, warnings at WARN (once: the doctor runs once). */
    public void log() {
        Logger log = LoggerFactory.getLogger(Doctor.class);
        for (Finding finding : findings) {
            switch (finding.verdict()) {
                case OK, SKIPPED -> log.info(finding.line());
                case WARN -> log.warn(finding.line());
                case FATAL -> { } // in the ConfigurationException of requireStartable, logged by Application
            }
        }
    }

    /** Throws a {@link ConfigurationException} listing every fatal finding (Application exits with 2). */
    public Diagnosis requireStartable() {
        List<String> problems = new ArrayList<>();
        for (Finding finding : findings) {
            if (finding.verdict() != Verdict.FATAL) {
                continue;
            }
            if (finding.check().equals(ConfigurationCheck.NAME)) {
                problems.addAll(List.of(finding.message().split("\n")));
            } else {
                problems.add(finding.check() + ": " + finding.message().replace("\n", "; "));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return this;
    }

    private long count(Verdict verdict) {
        return findings.stream().filter(f -> f.verdict() == verdict).count();
    }
}
