package io.transcribebridge.testing.labelstudio;

import java.time.Instant;

/** A project row. Immutable: updates replace the record in the {@link Store}. */
record StoredProject(int id, String title, LabelConfig config, String modelVersion,
                     boolean showCollabPredictions, Instant createdAt) {

    StoredProject withTitle(String newTitle) {
        return new StoredProject(id, newTitle, config, modelVersion, showCollabPredictions, createdAt);
    }

    StoredProject withModelVersion(String newModelVersion) {
        return new StoredProject(id, title, config, newModelVersion, showCollabPredictions, createdAt);
    }

    StoredProject withShowCollabPredictions(boolean show) {
        return new StoredProject(id, title, config, modelVersion, show, createdAt);
    }
}
