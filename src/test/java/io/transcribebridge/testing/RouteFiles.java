package io.transcribebridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the route files in {@code routes/} say, read as text. */
public final class RouteFiles {

    private RouteFiles() {
    }

    /** Every constant the routes give the exchange property {@code name} ({@code setProperty ... constant: x}). */
    public static Set<String> propertyConstants(String name) {
        Pattern property = Pattern.compile("name: " + Pattern.quote(name) + "\\s+constant: ([\\w-]+)");
        Set<String> values = new TreeSet<>();
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Matcher m = property.matcher(Files.readString(file));
                while (m.find()) {
                    values.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
