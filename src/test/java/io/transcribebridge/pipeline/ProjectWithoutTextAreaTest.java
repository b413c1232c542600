package io.transcribebridge.pipeline;

import java.util.Properties;

import io.transcribebridge.config.ConfigurationException;
import io.transcribebridge.testing.BridgeTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real service, pointed at a Label Studio project whose labeling config has an Audio tag but no TextArea, refuses
 * to start: the configuration step throws the {@link ConfigurationException} (exit code 2 in production) that says
 * what to add, before any route consumes anything.
 */
class ProjectWithoutTextAreaTest extends BridgeTestSupport {

    private static final String NO_TEXT_AREA = """
            <View>
              <Audio name="audio" value="$audio"/>
              <Choices name="quality" toName="audio">
                <Choice value="Clear"/>
                <Choice value="Noisy"/>
              </Choices>
            </View>""";

    private static int audioOnlyProject;
    private Exception startFailure;

    @BeforeAll
    static void createProjectAndWaitingAudio() {
        audioOnlyProject = labelStudio.createProject("Audio quality", NO_TEXT_AREA);
        s3.put(BUCKET, "calls/waiting.wav", "Nobody should transcribe this.");
    }

    @Override
    protected Properties properties() {
        Properties p = super.properties();
        p.setProperty("label-studio.project-id", Integer.toString(audioOnlyProject));
        return p;
    }

    /** Keeps the start-up failure for the test instead of failing the test set-up with it. */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        try {
            return super.createCamelContext();
        } catch (Exception e) {
            startFailure = e;
            return new DefaultCamelContext();
        }
    }

    @Test
    void refusesToStartAndSaysWhatToAdd() throws InterruptedException {
        assertThat(startFailure).as("start-up failure").isNotNull();
        ConfigurationException problem = configurationException(startFailure);
        assertThat(problem.problems()).containsExactly("Label config: The labeling config of Label Studio project " + audioOnlyProject
                + " ('Audio quality') has <Audio name=\"audio\"> but no <TextArea> with toName=\"audio\", so there is "
                + "nowhere to put a transcript. Add <TextArea name=\"transcription\" toName=\"audio\"/> for one text "
                + "per file, or use a per-segment config (examples in config/labelstudio/).");
        assertThat(problem.getMessage()).startsWith("Invalid configuration:\n  - Label config: The labeling config of "
                + "Label Studio");

        Thread.sleep(500);
        // the start-up checks asked Transcribe for a job that cannot exist; no job was started
        assertThat(transcribe.calls("StartTranscriptionJob")).as("Transcribe jobs started").isZero();
        assertThat(labelStudio.importRequests()).as("imports").isZero();
    }

    private static ConfigurationException configurationException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException c) {
                return c;
            }
        }
        throw new AssertionError("no ConfigurationException in", error);
    }
}
