package dev.concurrency.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutation testing ({@code -Pmutation}) runs the plain unit tests only: it excludes the JUnit tag
 * {@code service}, because a test that boots Quarkus would be started again for every mutant. A
 * {@code @QuarkusTest} without the tag would make that run take hours, so every one must carry it.
 */
class ServiceTestTagTest {

    @Test
    void everyTestThatBootsQuarkusIsTaggedService() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        List<Path> quarkusTests = sources.stream().filter(p -> read(p).contains("\n@QuarkusTest")).toList();
        assertFalse(quarkusTests.isEmpty(), "found no @QuarkusTest under src/test/java: is the working directory the project?");
        List<String> untagged = quarkusTests.stream()
                .filter(p -> !read(p).contains("\n@Tag(\"service\")"))
                .map(Path::toString)
                .toList();
        assertEquals(List.of(), untagged, "add @Tag(\"service\") beside @QuarkusTest");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
