package io.transcribebridge.labelstudio;

import java.net.URI;

/** Builds Label Studio API URIs from the configured base URL, with or without a trailing slash or sub-path. */
public final class LabelStudioUrls {

    private LabelStudioUrls() {
    }

    public static URI resolve(URI base, String absolutePath) {
        String root = base.toString();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return URI.create(root + absolutePath);
    }

    /** The import endpoint: registered without a trailing slash; {@code /import/} is a 404 in Label Studio. */
    public static URI importUri(URI base, int projectId) {
        return resolve(base, "/api/projects/" + projectId + "/import?return_task_ids=true");
    }
}
