package io.transcribebridge.transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The realistic Transcribe outputs in src/test/resources/fixtures/transcribe (copied from shared/fixtures). */
public final class FixtureTranscripts {

    public static final Path DIR = Path.of("src/test/resources/fixtures/transcribe");

    private FixtureTranscripts() {
    }

    public static List<Path> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (list.size() < 6) {
                throw new IllegalStateException("expected the six fixture transcripts in " + DIR.toAbsolutePath());
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String fileName) {
        try {
            return Files.readAllBytes(DIR.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
