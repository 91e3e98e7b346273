package io.driftwatch.engine.apps;

import io.driftwatch.engine.files.FileTrees;
import io.driftwatch.engine.port.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The file-system {@link ArtifactStore} ({@link ArtifactStores#fileSystem}): a window's artifacts of one app are one
 * {@link WindowPack} file, {@code {dataDir}/projects/{p}/artifacts/{uid}/{windowEnd}.{app}.zip}, written whole under a
 * hidden temporary name and renamed into place (atomic on POSIX file systems: readers see the window's artifacts
 * before or after a write, never part of it). Windows written before packs, one directory each
 * ({@code {uid}/{app}/{windowEnd}/{name}}, {@link LegacyWindowDirs}), are read, listed, expired and deleted as before,
 * and a window that has such a directory keeps being written there, so no window is in both forms. Writes of one
 * pack are serialized within the process ({@link PackWrites}); two processes writing the same window's artifacts
 * at once may lose one's (the controller gives a window to one instance, DESIGN.md §13).
 */
final class FileArtifactStore implements ArtifactStore {
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::windowEnd)
            .thenComparing(Key::application).thenComparing(Key::name);
    private final Path dataDir;
    private final PackWrites writes = new PackWrites();
    private final LegacyWindowDirs legacy;

    FileArtifactStore(Path dataDir) {
        this.dataDir = dataDir;
        this.legacy = new LegacyWindowDirs(this::endpointDir);
    }

    Path endpointDir(String project, String uid) {
        return dataDir.resolve("projects").resolve(segment("project", project)).resolve("artifacts")
                .resolve(segment("endpoint uid", uid));
    }

    private Path pack(Key k) {
        segment("application", k.application());
        segment("artifact name", k.name());
        return endpointDir(k.project(), k.uid()).resolve(WindowPack.fileName(k));
    }

    /** One path segment: refuses empty names, {@code .}, {@code ..} and anything holding a separator. */
    static String segment(String what, String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.contains("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid " + what + " '" + name
                    + "': no '/', '\\', '..' or empty names in artifact paths");
        }
        return name;
    }

    @Override
    public void put(Artifact a) {
        putAll(List.of(a));
    }

    /** The artifacts of each window and app are merged into its pack in one write (a new pack when none exists). */
    @Override
    public void putAll(List<Artifact> artifacts) {
        Map<Path, List<Artifact>> byPack = new LinkedHashMap<>();
        for (Artifact a : artifacts) {
            byPack.computeIfAbsent(pack(a.key()), p -> new ArrayList<>()).add(a);
        }
        byPack.forEach((file, list) -> {
            try {
                if (legacy.hasWindow(list.getFirst().key())) {
                    legacy.putAll(list);
                } else {
                    writes.merge(file, list.getFirst().key(), list);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store artifacts in " + file, e);
            }
        });
    }

    @Override
    public Optional<Artifact> get(Key key) {
        Path file = pack(key);
        try {
            Optional<List<Artifact>> pack = PackWrites.read(file, key);
            if (pack.isPresent()) {
                return pack.get().stream().filter(a -> a.key().name().equals(key.name())).findFirst();
            }
            return legacy.get(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + key + " from " + file, e);
        }
    }

    @Override
    public List<Key> list(String project, String uid, String application) {
        Path root = endpointDir(project, uid);
        List<Key> keys = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                var window = WindowPack.parseName(name);
                if (window.isPresent() && (application == null || window.get().getValue().equals(application))) {
                    Key k = new Key(project, uid, window.get().getValue(), window.get().getKey(), "x");
                    PackWrites.read(child, k).ifPresent(list -> list.forEach(a -> keys.add(a.key())));
                } else if (window.isEmpty() && !name.startsWith(".") && Files.isDirectory(child)
                        && (application == null || name.equals(application))) {
                    keys.addAll(legacy.list(project, uid, child));
                }
            }
        } catch (NoSuchFileException none) {
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list artifacts under " + root, e);
        }
        keys.sort(ORDER);
        return keys;
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        FileTrees.delete(endpointDir(project, uid), "artifacts of " + project + "/" + uid);
    }

    @Override
    public void deleteProject(String project) {
        Key.requireSafe("project", project);
        Path root = dataDir.resolve("projects").resolve(project).resolve("artifacts");
        FileTrees.delete(root, "artifacts under " + root);
    }

    /**
     * Deletes the packs and legacy window directories whose window ended before {@code cutoff}, and the hidden files
     * and directories of writes that never reached their rename ({@code .tmp-{windowEnd}…}, not counted).
     */
    @Override
    public int deleteOlderThan(Instant cutoff) {
        Path projects = dataDir.resolve("projects");
        if (!Files.isDirectory(projects)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> paths = Files.walk(projects, 5)) {
            for (Path p : paths.toList()) {
                removed += expire(projects, p, cutoff);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot expire artifacts under " + projects, e);
        }
        return removed;
    }

    /** Expires one path of the walk if it is an old pack (depth 4) or window directory (depth 5); how many. */
    private int expire(Path projects, Path p, Instant cutoff) throws IOException {
        Path rel = projects.relativize(p);
        if (rel.getNameCount() < 4 || !rel.getName(1).toString().equals("artifacts")) {
            return 0;
        }
        String name = p.getFileName().toString();
        boolean unfinished = name.startsWith(PackWrites.TMP_PREFIX);
        Optional<Instant> end = WindowPack.windowEnd(unfinished ? name.substring(PackWrites.TMP_PREFIX.length())
                : name);
        if (end.isEmpty() || !end.get().isBefore(cutoff)) {
            return 0;
        }
        if (rel.getNameCount() == 4 && Files.isRegularFile(p) && (unfinished || name.endsWith(WindowPack.SUFFIX))) {
            int count = unfinished ? 0 : packSize(p);
            Files.deleteIfExists(p);
            return count;
        }
        return rel.getNameCount() == 5 && Files.isDirectory(p) ? LegacyWindowDirs.expire(p, unfinished) : 0;
    }

    private static int packSize(Path file) {
        try {
            Key any = new Key("p", "u", "a", Instant.EPOCH, "x");
            return PackWrites.read(file, any).map(List::size).orElse(0);
        } catch (IOException unreadable) {
            return 0;
        }
    }
}
