package io.driftwatch.engine.apps;

import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ArtifactStore.Artifact;
import io.driftwatch.engine.port.ArtifactStore.Key;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
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
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
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
     * {@code 20240301T120000.000000Z}), the content type in a hidden sibling {@code .{name}.content-type}.
     * Writes go to a temporary file that is then moved into place (atomic on POSIX file systems).
     */
    public static ArtifactStore fileSystem(Path dataDir) {
        return new FileSystem(dataDir);
    }

    private record FileSystem(Path dataDir) implements ArtifactStore {
        private static final String TYPE_SUFFIX = ".content-type";
        private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        private static final FileAttribute<?> OWNER_RW = PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"));

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
         * The artifacts of a window directory that does not exist yet are written into a new hidden directory beside
         * it ({@code .tmp-…}, each file written once, no temporary file per artifact) that is then renamed into place:
         * readers see all of the window's artifacts or none. Half the system calls of {@link #put} per artifact
         * (open, write, close; no create-then-reopen, no rename), issue 17. A window directory that exists already
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
                    if (list.size() < 2 || !putNew(dir, list)) {
                        list.forEach(this::put);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot store artifacts in " + dir, e);
                }
            });
        }

        /** Writes {@code list} as the new directory {@code dir}; false (nothing written) when {@code dir} exists. */
        private static boolean putNew(Path dir, List<Artifact> list) throws IOException {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            createDirectories(dir.getParent());
            Path tmp = newHiddenDir(dir);
            try {
                for (Artifact a : list) {
                    writeNew(tmp.resolve("." + a.key().name() + TYPE_SUFFIX),
                            a.contentType().getBytes(StandardCharsets.UTF_8));
                    writeNew(tmp.resolve(a.key().name()), a.content());
                }
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (FileSystemException raced) { // the window's directory appeared meanwhile: replace per artifact
                if (!Files.isDirectory(dir)) {
                    throw raced;
                }
                return false;
            } finally {
                if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(tmp);
                }
            }
        }

        private static Path newHiddenDir(Path dir) throws IOException {
            while (true) {
                Path tmp = dir.resolveSibling(".tmp-" + dir.getFileName() + "-"
                        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
                try {
                    return Files.createDirectory(tmp);
                } catch (FileAlreadyExistsException taken) {
                    // another name
                }
            }
        }

        /** A new file (owner read/write, as {@link Files#createTempFile} makes them) with {@code bytes}. */
        private static void writeNew(Path file, byte[] bytes) throws IOException {
            try (SeekableByteChannel ch = POSIX ? Files.newByteChannel(file, CREATE_NEW, OWNER_RW)
                    : Files.newByteChannel(file, CREATE_NEW)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        }

        /**
         * {@link Files#createDirectories} without its exceptions on the hot path: it tries to create the directory
         * first and catches {@code FileAlreadyExistsException} / {@code NoSuchFileException} for every existing or
         * missing level (about 8 exceptions per analysed window, issue 17). Existence is checked first here
         * ({@link Files#isDirectory} does not throw), and only the missing levels are created, top down.
         */
        private static void createDirectories(Path dir) throws IOException {
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
                String type = Files.isRegularFile(typeFile) ? Files.readString(typeFile) : "application/octet-stream";
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
            deleteTree(endpointDir(project, uid));
        }

        @Override
        public void deleteProject(String project) {
            Key.requireSafe("project", project);
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
                    try (Stream<Path> files = Files.list(d)) {
                        removed += (int) files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
                    }
                    deleteTree(d);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot expire artifacts under " + projects, e);
            }
            return removed;
        }

        private static boolean isOldWindowDir(Path projects, Path d, Instant cutoff) {
            Path rel = projects.relativize(d);
            if (rel.getNameCount() != 5 || !rel.getName(1).toString().equals("artifacts") || !Files.isDirectory(d)) {
                return false;
            }
            try {
                return Instant.from(DIR_TIME.parse(rel.getName(4).toString())).isBefore(cutoff);
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        private static void deleteTree(Path root) {
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete artifacts under " + root, e);
            }
        }
    }
}
