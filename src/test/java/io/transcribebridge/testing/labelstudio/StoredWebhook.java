package io.transcribebridge.testing.labelstudio;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A webhook row; {@code project} is null for an organization-level webhook (it hears every project).
 * {@code actions} is kept sorted, as the API returns it.
 */
record StoredWebhook(int id, Integer project, String url, boolean sendPayload, boolean sendForAllActions,
                     Map<String, String> headers, boolean isActive, List<String> actions, Instant createdAt,
                     Instant updatedAt) {

    boolean hears(int projectId, String action) {
        return isActive && (project == null || project == projectId)
                && (sendForAllActions || actions.contains(action));
    }
}
