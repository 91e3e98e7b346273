package io.driftwatch.engine.apps;

import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.ArtifactStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** {@link ArtifactStore} implementations: files under the data directory (and a delegate to the in-memory one). */
public final class ArtifactStores {
    /** Window ends in paths: {@code 20240301T120000.000000Z} (sortable, no colons). */
    static final DateTimeFormatter DIR_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ArtifactStores() {
    }

    /** Thread-safe, not durable: {@link MemoryStores#artifactStore()}. */
    public static ArtifactStore inMemory() {
        return MemoryStores.artifactStore();
    }

    /**
     * Files under {@code {dataDir}/projects/{p}/artifacts/{uid}/}: the artifacts one app logged for one window in one
     * {@code {windowEnd}.{app}.zip} ({@code windowEnd} as {@code 20240301T120000.000000Z}, a {@link WindowPack}),
     * written whole and renamed into place (atomic on POSIX file systems); windows written before packs, one directory
     * each, are still read ({@link FileArtifactStore}).
     */
    public static ArtifactStore fileSystem(Path dataDir) {
        return new FileArtifactStore(dataDir);
    }

    /**
     * {@link Files#createDirectories} without its exceptions on the hot path: it tries to create the directory
     * first and catches {@code FileAlreadyExistsException} / {@code NoSuchFileException} for every existing or
     * missing level (about 8 exceptions per analysed window, issue 17). Existence is checked first here
     * ({@link Files#isDirectory} does not throw), and only the missing levels are created, top down.
     */
    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        java.util.ArrayDeque<Path> missing = new java.util.ArrayDeque<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                if (!Files.isDirectory(p)) {
                    throw raced; // a file where a directory belongs
                }
            }
        }
    }
}
