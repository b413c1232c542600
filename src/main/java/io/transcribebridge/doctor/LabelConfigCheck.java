package io.transcribebridge.doctor;

import java.util.List;
import java.util.Optional;

import io.transcribebridge.config.ConfigurationException;
import io.transcribebridge.config.ProjectIntrospection;

/**
 * The project's labeling config can hold a transcript, and the output mode chosen from it (ProjectIntrospection's
 * plan). Its warnings (settings the config makes useless) make this a WARN; the model version has a check of its own.
 */
final class LabelConfigCheck implements Check {

    static final String NAME = "Label config";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(ProjectCheck.NAME);
    }

    @Override
    public Finding run(Examination examination) {
        ProjectIntrospection.Planned planned;
        try {
            planned = ProjectIntrospection.plan(examination.settings, examination.project);
        } catch (ConfigurationException e) {
            return Finding.fatal(NAME, String.join("\n", e.problems()));
        }
        examination.planned = planned;
        Optional<String> modelVersion = ProjectIntrospection.modelVersionWarning(examination.settings,
                examination.project);
        List<String> warnings = planned.warnings().stream().filter(w -> modelVersion.map(m -> !m.equals(w))
                .orElse(true)).toList();
        String summary = planned.summary();
        return warnings.isEmpty() ? Finding.ok(NAME, summary)
                : Finding.warn(NAME, summary + "\n" + String.join("\n", warnings));
    }
}
