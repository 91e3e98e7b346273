package io.driftwatch.engine.apps;

import io.driftwatch.engine.files.FileTrees;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ArtifactStore.Artifact;
import io.driftwatch.engine.port.ArtifactStore.Key;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link ArtifactStore} implementations: files under the data directory (and a delegate to the in-memory one). */
public final class ArtifactStores {
    /** Window ends in paths: {@code 20240301T120000.000000Z} (sortable, no colons). */
    static final DateTimeFormatter DIR_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::windowEnd)
            .thenComparing(Key::application).thenComparing(Key::name);

    private ArtifactStores() {
    }

    /** Thread-safe, not durable: {@link MemoryStores#artifactStore()}. */
    public static ArtifactStore inMemory() {
        return MemoryStores.artifactStore();
    }

    /**
     * Files {@code {dataDir}/projects/{p}/artifacts/{uid}/{app}/{windowEnd}/{name}} ({@code windowEnd} as
     * {@code 20240301T120000.000000Z}), the content type in a hidden sibling {@code .{name}.content-type} (a single
     * {@link #put}), in the window's {@code .content-types} file, or, for a window written whole with its app's usual
     * types, in the app's defaults {@code projects/{p}/artifacts/..{app}.content-types} ({@link TypeDefaults}).
     * Writes go to a temporary file or directory that is then moved into place (atomic on POSIX file systems).
     */
    public static ArtifactStore fileSystem(Path dataDir) {
        return new FileSystem(dataDir, new WindowDirs());
    }

    /** @param dirs the window-directory writer, with its cache of the app directories known to exist */
    private record FileSystem(Path dataDir, WindowDirs windowDirs) implements ArtifactStore {
        private static final String TYPE_SUFFIX = ".content-type";

        private Path endpointDir(String project, String uid) {
            return dataDir.resolve("projects").resolve(segment("project", project)).resolve("artifacts")
                    .resolve(segment("endpoint uid", uid));
        }

        private Path file(Key k) {
            return endpointDir(k.project(), k.uid()).resolve(segment("application", k.application()))
                    .resolve(DIR_TIME.format(k.windowEnd())).resolve(segment("artifact name", k.name()));
        }

        /** One path segment: refuses empty names, {@code .}, {@code ..} and anything holding a separator. */
        private static String segment(String what, String name) {
            if (name == null || name.isEmpty() || name.equals(".") || name.contains("..") || name.indexOf('/') >= 0
                    || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid " + what + " '" + name
                        + "': no '/', '\\', '..' or empty names in artifact paths");
            }
            return name;
        }

        @Override
        public void put(Artifact a) {
            Path target = file(a.key());
            try {
                createDirectories(target.getParent());
                write(target.resolveSibling("." + a.key().name() + TYPE_SUFFIX),
                        a.contentType().getBytes(StandardCharsets.UTF_8));
                write(target, a.content());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store artifact " + target, e);
            }
        }

        /**
         * The artifacts of a window directory that does not exist yet are written together ({@link WindowDirs#putNew}:
         * one new directory renamed into place, one content-type file for all); a window directory that exists already
         * (a window analysed again) gets a {@link #put} per artifact, as does a rename that loses a race.
         */
        @Override
        public void putAll(List<Artifact> artifacts) {
            Map<Path, List<Artifact>> byDir = new LinkedHashMap<>();
            for (Artifact a : artifacts) {
                byDir.computeIfAbsent(file(a.key()).getParent(), d -> new ArrayList<>()).add(a);
            }
            byDir.forEach((dir, list) -> {
                try {
                    if (list.size() < 2 || !windowDirs.putNew(dir, list)) {
                        list.forEach(this::put);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot store artifacts in " + dir, e);
                }
            });
        }

        private static void write(Path target, byte[] bytes) throws IOException {
            Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public Optional<Artifact> get(Key key) {
            Path f = file(key);
            try {
                if (!Files.isRegularFile(f)) {
                    return Optional.empty();
                }
                Path typeFile = f.resolveSibling("." + key.name() + TYPE_SUFFIX);
                String type = Files.isRegularFile(typeFile) ? Files.readString(typeFile)
                        : WindowDirs.contentType(f.getParent(), key.name()).orElse("application/octet-stream");
                return Optional.of(new Artifact(key, type, Files.readAllBytes(f)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read artifact " + f, e);
            }
        }

        @Override
        public List<Key> list(String project, String uid, String application) {
            Path root = endpointDir(project, uid);
            List<Key> keys = new ArrayList<>();
            if (!Files.isDirectory(root)) {
                return keys;
            }
            try (Stream<Path> files = Files.walk(root, 3)) {
                files.filter(Files::isRegularFile).forEach(f -> toKey(project, uid, root, f)
                        .filter(k -> application == null || k.application().equals(application)).ifPresent(keys::add));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list artifacts under " + root, e);
            }
            keys.sort(ORDER);
            return keys;
        }

        private static Optional<Key> toKey(String project, String uid, Path root, Path f) {
            Path rel = root.relativize(f);
            String name = f.getFileName().toString();
            if (rel.getNameCount() != 3 || name.startsWith(".") || rel.getName(1).toString().startsWith(".")) {
                return Optional.empty();
            }
            Instant end = Instant.from(DIR_TIME.parse(rel.getName(1).toString()));
            return Optional.of(new Key(project, uid, rel.getName(0).toString(), end, name));
        }

        @Override
        public void deleteEndpoint(String project, String uid) {
            windowDirs.forget();
            deleteTree(endpointDir(project, uid));
        }

        @Override
        public void deleteProject(String project) {
            Key.requireSafe("project", project);
            windowDirs.forget();
            deleteTree(dataDir.resolve("projects").resolve(project).resolve("artifacts"));
        }

        /** Deletes the window directories ({@code projects/{p}/artifacts/{uid}/{app}/{windowEnd}}) ended before it. */
        @Override
        public int deleteOlderThan(Instant cutoff) {
            Path projects = dataDir.resolve("projects");
            if (!Files.isDirectory(projects)) {
                return 0;
            }
            int removed = 0;
            try (Stream<Path> dirs = Files.walk(projects, 5)) {
                for (Path d : dirs.filter(d -> isOldWindowDir(projects, d, cutoff)).toList()) {
                    if (!d.getFileName().toString().startsWith(WindowDirs.TMP_PREFIX)) {
                        try (Stream<Path> files = Files.list(d)) {
                            removed += (int) files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
                        }
                    }
                    deleteTree(d);
                }
                windowDirs.forget();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot expire artifacts under " + projects, e);
            }
            return removed;
        }

        /**
         * A window directory, or the hidden directory of a window's write that never finished (a crash between its
         * files and its rename: {@code .tmp-{windowEnd}-{random}}), whose window ended before the cutoff.
         */
        private static boolean isOldWindowDir(Path projects, Path d, Instant cutoff) {
            Path rel = projects.relativize(d);
            if (rel.getNameCount() != 5 || !rel.getName(1).toString().equals("artifacts") || !Files.isDirectory(d)) {
                return false;
            }
            String name = rel.getName(4).toString();
            if (name.startsWith(WindowDirs.TMP_PREFIX) && name.lastIndexOf('-') > WindowDirs.TMP_PREFIX.length()) {
                name = name.substring(WindowDirs.TMP_PREFIX.length(), name.lastIndexOf('-'));
            }
            try {
                return Instant.from(DIR_TIME.parse(name)).isBefore(cutoff);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
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

    private static void deleteTree(Path root) {
        FileTrees.delete(root, "artifacts under " + root);
    }
}
