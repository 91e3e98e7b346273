package io.driftwatch.store.embedded.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of this module's persisted formats, kept in {@code src/test/resources/golden/}.
 *
 * <p>A golden test writes a format with today's code and compares the bytes with the committed file, so a format
 * change is a failing test and a visible diff. After a deliberate change regenerate the files with
 * {@code ./mvnw -B -pl store-embedded -am test -Dtest='*Golden*' -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true} and commit them with the change (and a migration for the old data, if needed).
 */
public final class GoldenFiles {
    /** The system property that rewrites the golden files instead of comparing with them. */
    public static final String UPDATE = "golden.update";
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private GoldenFiles() {
    }

    /** The committed golden file {@code name} (a path relative to the golden directory). */
    public static Path path(String name) {
        return DIR.resolve(name);
    }

    /** Whether this run rewrites the golden files ({@code -Dgolden.update=true}). */
    public static boolean updating() {
        return Boolean.getBoolean(UPDATE);
    }

    /** Asserts that {@code actual} equals the golden file byte for byte, or rewrites it when updating. */
    public static void assertBytes(String name, byte[] actual) throws IOException {
        Path file = path(name);
        if (updating()) {
            Files.createDirectories(file.getParent());
            Files.write(file, actual);
            return;
        }
        assertThat(file).as("golden file %s (regenerate with -D%s=true)", file, UPDATE).exists();
        assertThat(actual).as("bytes of golden file %s (regenerate with -D%s=true)", file, UPDATE)
                .isEqualTo(Files.readAllBytes(file));
    }

    /** Asserts that {@code actual} equals the golden text file (UTF-8), or rewrites it when updating. */
    public static void assertText(String name, String actual) throws IOException {
        Path file = path(name);
        if (updating()) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s (regenerate with -D%s=true)", file, UPDATE).exists();
        assertThat(actual).as("golden file %s (regenerate with -D%s=true)", file, UPDATE)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
