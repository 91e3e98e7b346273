package io.driftwatch.engine.apps;

import io.driftwatch.engine.port.ArtifactStore.Artifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An app's default content types per project (issue 17): {@code projects/{p}/artifacts/..{app}.content-types}, one
 * {@code name TAB type} line per artifact name, made once from the first window the file-system store writes for
 * the app in the project (a name no endpoint directory can take: the store refuses uids holding {@code ..}). A new
 * window whose artifacts all have their name's default type is written without its own {@value WindowDirs#TYPES}
 * file — one file created less per window (0.13–0.38 ms of kernel time each on the 2-core benchmark VM); a window
 * with any other type keeps its own file, which readers consult first. The file is never rewritten: it is written
 * complete under a temporary name and hard-linked into place (atomic, the first writer wins); on a file system
 * without hard links no defaults are used. A file's parsed lines are cached ({@code ~100 bytes} per app and
 * project) with the file's identity (inode and modification time); each window costs one {@code stat} of the
 * file, so a file deleted and made again meanwhile (by another store over the same directory) is read again.
 * Thread-safe.
 */
final class TypeDefaults {
    private static final String SUFFIX = ".content-types";
    private final Map<Path, Known> cache = new ConcurrentHashMap<>();

    /** A defaults file's parsed lines and the identity of the file they were read from. */
    private record Known(Object fileKey, Map<String, String> types) {
    }

    /** The defaults file of the app whose window directory is {@code windowDir} ({@code …/{uid}/{app}/{end}}). */
    static Path fileOf(Path windowDir) {
        Path appDir = windowDir.getParent();
        return appDir.getParent().getParent().resolve(".." + appDir.getFileName() + SUFFIX);
    }

    /**
     * True when every artifact of {@code list} has its name's default type in {@code file}, the file made from
     * {@code typeLines} ({@code name TAB type} lines of {@code list}) if missing; its directory must exist.
     */
    boolean covers(Path file, List<Artifact> list, String typeLines) throws IOException {
        Map<String, String> defaults = defaults(file, typeLines);
        for (Artifact a : list) {
            if (!a.contentType().equals(defaults.get(a.key().name()))) {
                return false;
            }
        }
        return true;
    }

    /** The type {@code name} has in the defaults file of {@code windowDir}'s app, if that file has it. */
    static Optional<String> lookup(Path windowDir, String name) throws IOException {
        Path file = fileOf(windowDir);
        return Files.isRegularFile(file) ? Optional.ofNullable(WindowDirs.parse(Files.readString(file)).get(name))
                : Optional.empty();
    }

    /** Forgets the cached files (after deletions). */
    void forget() {
        cache.clear();
    }

    private Map<String, String> defaults(Path file, String typeLines) throws IOException {
        Object id = fileKey(file);
        if (id == null) {
            if (!create(file, typeLines) || (id = fileKey(file)) == null) {
                return Map.of();
            }
        }
        Known known = cache.get(file);
        if (known == null || !known.fileKey().equals(id)) { // new, or made again since (a project deleted meanwhile)
            known = new Known(id, new HashMap<>(WindowDirs.parse(Files.readString(file))));
            cache.put(file, known);
        }
        return known.types();
    }

    /** The file's identity (device and inode on POSIX, and its modification time), null when it is missing. */
    private static Object fileKey(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return !a.isRegularFile() ? null : Arrays.asList(a.fileKey(), a.lastModifiedTime()); // inodes are reused
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    /** Links a complete temporary file as {@code file} unless it exists; false when hard links are not supported. */
    private static boolean create(Path file, String typeLines) throws IOException {
        Path tmp = file.resolveSibling(".tmp-" + file.getFileName() + "-"
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
        Files.writeString(tmp, typeLines, StandardCharsets.UTF_8);
        try {
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException other) { // another writer's defaults, read by the caller
            return true;
        } catch (UnsupportedOperationException | FileSystemException noLinks) {
            return Files.isRegularFile(file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
