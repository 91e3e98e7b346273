package io.driftwatch.store.embedded.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Opens stores in fresh temporary data directories for tests and deletes them at JVM exit. */
final class DuckStores {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T00:00:00Z"), ZoneOffset.UTC);
    private static final List<Path> DIRS = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> DIRS.forEach(DuckStores::deleteTree)));
    }

    private DuckStores() {
    }

    static synchronized Path newDir() throws IOException {
        Path dir = Files.createTempDirectory("driftwatch-duck");
        DIRS.add(dir);
        return dir;
    }

    static EmbeddedStores open(Path dir) {
        return EmbeddedStores.open(dir, CLOCK);
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort cleanup of a temp dir
        }
    }
}
