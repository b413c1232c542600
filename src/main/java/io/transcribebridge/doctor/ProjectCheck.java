package io.transcribebridge.doctor;

import java.util.List;

import io.transcribebridge.config.ConfigurationException;
import io.transcribebridge.config.ProjectIntrospection;
import io.transcribebridge.labelstudio.LabelStudioProjects.Project;

/** The project exists and the key may read it ({@code GET /api/projects/{id}/}, as ProjectIntrospection reads it). */
final class ProjectCheck implements Check {

    static final String NAME = "Label Studio project";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(TokenCheck.NAME);
    }

    @Override
    public Finding run(Examination examination) {
        Project project;
        try {
            project = ProjectIntrospection.fetch(examination.settings, examination.projects,
                    examination.labelStudioWait());
        } catch (ConfigurationException e) {
            return Finding.fatal(NAME, String.join("\n", e.problems()));
        }
        examination.project = project;
        return Finding.ok(NAME, "project " + project.id() + (project.title().isBlank() ? "" : " ('"
                + project.title() + "')") + " found at " + examination.projects.projectUri(project.id()));
    }
}
