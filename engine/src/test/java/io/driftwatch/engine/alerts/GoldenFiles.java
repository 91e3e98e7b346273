package io.driftwatch.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of the alert documents, kept in {@code engine/src/test/resources/golden/}: a golden test writes a
 * document with today's code and compares it with the committed file, so a format change is a failing test and a
 * visible diff. After a deliberate change regenerate them with {@code ./mvnw -B -pl engine -am test
 * -Dtest='*Golden*' -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true} and commit them with the change.
 */
final class GoldenFiles {
    static final String UPDATE = "golden.update";
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private GoldenFiles() {
    }

    /** The committed golden file {@code name}, as UTF-8 text. */
    static String read(String name) throws IOException {
        return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
    }

    /** A JSON document as it is kept in a golden file: pretty-printed, LF line ends, a final newline. */
    static String pretty(JsonNode json) throws JsonProcessingException {
        return AlertConfigJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json)
                .replace("\r\n", "\n") + "\n";
    }

    /** Asserts that {@code actual} equals the golden file, or rewrites the file with {@code -Dgolden.update=true}. */
    static void assertText(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s (regenerate with -D%s=true)", file, UPDATE).exists();
        assertThat(actual).as("golden file %s (regenerate with -D%s=true)", file, UPDATE).isEqualTo(read(name));
    }
}
