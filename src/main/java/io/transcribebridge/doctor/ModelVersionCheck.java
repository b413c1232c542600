package io.transcribebridge.doctor;

import java.util.List;

import io.transcribebridge.config.ProjectIntrospection;
import io.transcribebridge.labelstudio.LabelStudioProjects.Project;

/** The project's model version against LABEL_STUDIO_MODEL_VERSION: predictions pre-label tasks only when they match. */
final class ModelVersionCheck implements Check {

    static final String NAME = "Model version";

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
        Project project = examination.project;
        String ours = examination.settings.modelVersion();
        return ProjectIntrospection.modelVersionWarning(examination.settings, project)
                .map(warning -> Finding.warn(NAME, warning))
                .orElseGet(() -> Finding.ok(NAME, project.modelVersion().isBlank()
                        ? "the project has none yet; Label Studio takes the first imported prediction's ('" + ours
                          + "')"
                        : "'" + ours + "', the project's"));
    }
}
