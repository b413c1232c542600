package io.transcribebridge.health;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import io.transcribebridge.labelstudio.LabelStudioAuthException;
import io.transcribebridge.labelstudio.LabelStudioProjects;

/**
 * Ready when Label Studio answers {@code GET /api/projects/{id}/} with the configured key: it is up, the key is
 * accepted and the project exists. Unreachable, 5xx, 401 and 404 are each named in the reason; the key never is.
 */
public final class LabelStudioCheck extends CachedReadinessCheck {

    private final LabelStudioProjects projects;
    private final int projectId;

    public LabelStudioCheck(LabelStudioProjects projects, int projectId, Duration interval, Clock clock) {
        super("label-studio", interval, clock);
        this.projects = projects;
        this.projectId = projectId;
    }

    @Override
    protected String probe() {
        try {
            projects.project(projectId);
            return null;
        } catch (IOException | LabelStudioAuthException | LabelStudioProjects.ProjectNotUsableException e) {
            return e.getMessage();
        }
    }
}
