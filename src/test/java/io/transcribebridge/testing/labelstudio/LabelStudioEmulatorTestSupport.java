package io.transcribebridge.testing.labelstudio;

import static io.transcribebridge.testing.labelstudio.LsHttp.token;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base class of the Label Studio emulator tests: per test a fresh emulator ({@link #ls}), an HTTP client for it
 * ({@link #http}) and the legacy-token header ({@link #auth}), plus the project helpers the tests share.
 */
abstract class LabelStudioEmulatorTestSupport {

    protected LabelStudioEmulator ls;
    protected LsHttp http;
    protected String[] auth;

    @BeforeEach
    void startEmulator() {
        ls = LabelStudioEmulator.start();
        http = new LsHttp(ls.url());
        auth = token(ls.legacyToken());
    }

    @AfterEach
    void stopEmulator() {
        ls.close();
    }

    /** Creates a project titled {@code title} whose label config is the test resource labelstudio/{@code configFile}. */
    protected int createProject(String title, String configFile) {
        return ls.createProject(title, LsHttp.resource("labelstudio/" + configFile));
    }

    /** The "Calls" project with the whole-file ASR config that most tests import into. */
    protected int createCallsProject() {
        return createProject("Calls", "asr-whole-file.xml");
    }

    protected static String importPath(int project) {
        return "/api/projects/" + project + "/import";
    }
}
