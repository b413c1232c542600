package io.transcribebridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code .ci/run} runs the README's test command and its exit code is that command's. Checked with stand-ins for
 * {@code java} and {@code mvn} on the PATH that print long version banners: printing only the banner's first line
 * must not fail the run (it did with {@code | head -1} under {@code pipefail}, now and then, when the tool got SIGPIPE).
 */
class ContinuousIntegrationScriptTest {

    private static final Pattern TEST_COMMAND =
            Pattern.compile("\\*\\*Run the tests\\*\\*\\s*```\\s*\\n([^\\n]+)\\n```");

    @Test
    void runsTheReadmeTestCommandAndPassesItsExitCodeOn(@TempDir Path bin) throws Exception {
        Path calls = bin.resolve("mvn-calls");
        tool(bin, "java", "");
        tool(bin, "javac", "");
        tool(bin, "mvn", "[ \"$1\" = -version ] || { echo \"mvn $*\" >> '" + calls + "'; exit \"${MVN_EXIT:-0}\"; }\n");

        assertThat(runCi(bin, 0)).isEqualTo(0);
        assertThat(Files.readAllLines(calls)).containsExactly(readmeTestCommand());

        assertThat(runCi(bin, 3)).as("a failing test run fails CI").isEqualTo(3);
    }

    /** A stand-in that prints a 200,000-line banner for -version (more than a pipe buffer holds), else runs body. */
    private static void tool(Path bin, String name, String body) throws IOException {
        Path script = bin.resolve(name);
        // exec: like a real tool, the banner's writer is killed by SIGPIPE if its reader stops reading
        Files.writeString(script, "#!/bin/bash\nif [ \"$1\" = -version ]; then exec seq -f 'banner line %g' 200000; "
                                  + "fi\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static int runCi(Path bin, int mvnExit) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", ".ci/run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("MVN_EXIT", Integer.toString(mvnExit));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static String readmeTestCommand() throws IOException {
        Matcher matcher = TEST_COMMAND.matcher(Files.readString(Path.of("README.md")));
        assertThat(matcher.find()).as("README has a 'Run the tests' command").isTrue();
        return matcher.group(1).trim();
    }
}
