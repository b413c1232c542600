package io.transcribebridge.transcribe;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobNamesTest {

    private static final String ETAG = "\"9b2cf535f27731c974343645a3985328\"";

    @Test
    void namesAlwaysMatchTranscribesJobNameRule() {
        List<String> keys = List.of(
                "interview.wav",
                "calls/2024/Zürich Gespräch + notes 100%.MP3",
                "日本語/音声.m4a",
                "....wav",
                "a/b/c/",
                "x".repeat(900) + ".flac",
                "folder with spaces/" + "ü".repeat(600) + ".ogg",
                "weird\nnew\tline.wav");
        for (String key : keys) {
            String name = JobNames.of("my-bucket", key, ETAG);
            assertThat(name).as(key).matches(JobNames.VALID).startsWith(JobNames.PREFIX);
            assertThat(name).isNotIn(".", "..");
        }
    }

    @Test
    void nameIsAPureFunctionOfBucketKeyAndEtag() {
        assertThat(JobNames.of("b", "calls/a.wav", ETAG)).isEqualTo(JobNames.of("b", "calls/a.wav", ETAG));
        assertThat(JobNames.of("b", "calls/a.wav", ETAG))
                .as("quoted and unquoted ETags are the same version")
                .isEqualTo(JobNames.of("b", "calls/a.wav", ETAG.replace("\"", "")));
    }

    @Test
    void sameFileNameInDifferentFoldersBucketsOrVersionsGetDifferentJobs() {
        Set<String> names = new HashSet<>();
        names.add(JobNames.of("b", "team-a/interview.wav", ETAG));
        names.add(JobNames.of("b", "team-b/interview.wav", ETAG));
        names.add(JobNames.of("other", "team-a/interview.wav", ETAG));
        names.add(JobNames.of("b", "team-a/interview.wav", "\"another-etag\""));
        assertThat(names).hasSize(4);
    }

    @Test
    void lengthPrefixedHashDoesNotConfuseFieldBoundaries() {
        assertThat(JobNames.of("ab", "c/x.wav", "e")).isNotEqualTo(JobNames.of("a", "bc/x.wav", "e"));
    }

    @Test
    void readablePartKeepsTheFileNameWithoutAccents() {
        assertThat(JobNames.of("b", "calls/Gespräch 1.wav", ETAG)).startsWith("tb-Gesprach_1.wav-");
        assertThat(JobNames.of("b", "音声.wav", ETAG)).startsWith("tb-wav-");
        assertThat(JobNames.of("b", "???", ETAG)).startsWith("tb-audio-");
    }
}
