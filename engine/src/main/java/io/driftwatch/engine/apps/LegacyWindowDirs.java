package io.driftwatch.engine.apps;

import io.driftwatch.engine.files.FileTrees;
import io.driftwatch.engine.port.ArtifactStore.Artifact;
import io.driftwatch.engine.port.ArtifactStore.Key;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Windows the file-system artifact store wrote before {@link WindowPack}s: one directory per window and app,
 * {@code {uid}/{app}/{windowEnd}/{name}}, an artifact's content type in a hidden sibling {@code .{name}.content-type},
 * in the window's {@value #TYPES} file ({@code name TAB type} lines), or in the app's per-project defaults file
 * {@code projects/{p}/artifacts/..{app}.content-types}. They are read, listed, expired and deleted as before; a
 * window that has such a directory gets further artifacts there (a file each), so it is never split across forms.
 */
final class LegacyWindowDirs {
    private static final String TYPES = WindowPack.TYPES;
    private static final String TYPE_SUFFIX = ".content-type";
    private final BiFunction<String, String, Path> endpointDir;
    /** Apps of endpoints ({@code {uid}/{app}}) seen without a legacy directory. */
    private final java.util.Set<Path> absent = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final int ABSENT_LIMIT = 100_000;

    LegacyWindowDirs(BiFunction<String, String, Path> endpointDir) {
        this.endpointDir = endpointDir;
    }

    private Path dir(Key k) {
        return endpointDir.apply(k.project(), k.uid()).resolve(k.application())
                .resolve(ArtifactStores.DIR_TIME.format(k.windowEnd()));
    }

    /**
     * Whether the window of {@code k} (its endpoint, app and end) has a directory. An endpoint's app found without a
     * legacy directory is remembered (nothing creates one any more but this class, for a window that has one), so the
     * controller's writes of new windows cost no {@code stat} here after the first (issue 17: ~2 % of a cycle's
     * samples); the memory is bounded by {@value #ABSENT_LIMIT} paths, then starts over.
     */
    boolean hasWindow(Key k) {
        Path window = dir(k);
        Path appDir = window.getParent();
        if (absent.contains(appDir)) {
            return false;
        }
        if (Files.isDirectory(window)) {
            return true;
        }
        if (!Files.isDirectory(appDir)) {
            if (absent.size() >= ABSENT_LIMIT) {
                absent.clear();
            }
            absent.add(appDir);
        }
        return false;
    }

    /** Writes each artifact as a file of its window's directory, its type in a hidden sibling file. */
    void putAll(List<Artifact> artifacts) throws IOException {
        for (Artifact a : artifacts) {
            Path target = dir(a.key()).resolve(a.key().name());
            ArtifactStores.createDirectories(target.getParent());
            write(target.resolveSibling("." + a.key().name() + TYPE_SUFFIX),
                    a.contentType().getBytes(StandardCharsets.UTF_8));
            write(target, a.content());
        }
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    Optional<Artifact> get(Key key) throws IOException {
        Path f = dir(key).resolve(key.name());
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Path typeFile = f.resolveSibling("." + key.name() + TYPE_SUFFIX);
        String type = Files.isRegularFile(typeFile) ? Files.readString(typeFile)
                : contentType(f.getParent(), key.name()).orElse("application/octet-stream");
        return Optional.of(new Artifact(key, type, Files.readAllBytes(f)));
    }

    /** The keys of the windows under one app directory ({@code {uid}/{app}}). */
    List<Key> list(String project, String uid, Path appDir) throws IOException {
        List<Key> keys = new ArrayList<>();
        String app = appDir.getFileName().toString();
        try (Stream<Path> files = Files.walk(appDir, 2)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                Path rel = appDir.relativize(f);
                String name = f.getFileName().toString();
                String window = rel.getName(0).toString();
                Optional<Instant> end = WindowPack.windowEnd(window);
                if (rel.getNameCount() == 2 && !name.startsWith(".") && !window.startsWith(".") && end.isPresent()) {
                    keys.add(new Key(project, uid, app, end.get(), name));
                }
            });
        }
        return keys;
    }

    /** Deletes an expired window directory; how many artifacts it held (none for an unfinished write's). */
    static int expire(Path windowDir, boolean unfinished) throws IOException {
        int removed = 0;
        if (!unfinished) {
            try (Stream<Path> files = Files.list(windowDir)) {
                removed = (int) files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
            }
        }
        FileTrees.delete(windowDir, "artifacts under " + windowDir);
        return removed;
    }

    /** The type of {@code name} from the window's types file, else from its app's per-project defaults file. */
    private static Optional<String> contentType(Path windowDir, String name) throws IOException {
        Path types = windowDir.resolve(TYPES);
        if (Files.isRegularFile(types)) {
            return Optional.ofNullable(WindowPack.parseTypes(Files.readString(types, StandardCharsets.UTF_8)).get(name));
        }
        Path appDir = windowDir.getParent();
        Path defaults = appDir.getParent().getParent().resolve(".." + appDir.getFileName() + TYPES);
        return Files.isRegularFile(defaults)
                ? Optional.ofNullable(WindowPack.parseTypes(Files.readString(defaults, StandardCharsets.UTF_8)).get(name))
                : Optional.empty();
    }

}
