package io.driftwatch.engine.apps;

import io.driftwatch.engine.files.FileTrees;
import io.driftwatch.engine.port.ArtifactStore.Artifact;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The file-system artifact store's write of a new window directory ({@code …/{app}/{windowEnd}/}) with all the
 * artifacts one app logged for the window (issue 17): the files are written once each into a new hidden directory
 * beside it ({@code .tmp-{windowEnd}-{random}}), with one {@value #TYPES} file holding every artifact's content type
 * ({@code name TAB type} per line) instead of one {@code .{name}.content-type} file each — none when every type is
 * its name's default for the app ({@link TypeDefaults}) — and the directory is then renamed into place: readers see
 * all of the window's artifacts or none. Per window of two artifacts with the default types: 1 mkdir,
 * 2 × (open, write, close), 1 rename and 2 {@code stat}s, where one {@code put} per artifact made 1 mkdir and
 * 4 × (create, close, open, write, close, rename); measured over 2,000 windows of two artifacts (3 KB + 2 KB) on
 * the 2-core VM at load ~6.5: 0.14–0.57 ms CPU per window with the default types, 0.59–1.06 ms with a types file of
 * the window's own (the kernel's file creation varies with the other load). The app directories known to exist are remembered (at most
 * {@value #MAX_KNOWN} paths, ~100 bytes each), so a window costs no {@code stat} of its parent. Thread-safe.
 */
final class WindowDirs {
    /** The content types of the artifacts written together, one {@code name\ttype} line each. */
    static final String TYPES = ".content-types";
    /** The name prefix of a window's hidden directory while it is written ({@code .tmp-{windowEnd}-{random}}). */
    static final String TMP_PREFIX = ".tmp-";
    private static final int MAX_KNOWN = 100_000;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final FileAttribute<?> OWNER_RW = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
    private final Set<Path> known = ConcurrentHashMap.newKeySet();
    private final TypeDefaults defaults = new TypeDefaults();

    /**
     * Writes {@code list} (distinct names) as the new directory {@code dir}; false, nothing written, when {@code dir}
     * exists or appears meanwhile, or when a content type cannot be kept on one line.
     */
    boolean putNew(Path dir, List<Artifact> list) throws IOException {
        StringBuilder types = new StringBuilder();
        for (Artifact a : list) {
            if (a.contentType().indexOf('\n') >= 0 || a.contentType().indexOf('\r') >= 0) {
                return false;
            }
            types.append(a.key().name()).append('\t').append(a.contentType()).append('\n');
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path tmp = newHiddenDir(dir);
        boolean moved = false;
        try {
            String typeLines = types.toString();
            if (!defaults.covers(TypeDefaults.fileOf(dir), list, typeLines)) {
                writeNew(tmp.resolve(TYPES), typeLines.getBytes(StandardCharsets.UTF_8));
            }
            for (Artifact a : list) {
                writeNew(tmp.resolve(a.key().name()), a.content());
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            return true;
        } catch (FileSystemException raced) { // the window's directory appeared meanwhile: the caller puts each
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
            return false;
        } finally {
            if (!moved) {
                FileTrees.delete(tmp, "artifacts under " + tmp);
            }
        }
    }

    /**
     * The content type {@code name} was written with by {@link #putNew} in {@code dir}, if it was: from the window's
     * {@value #TYPES} file when it has one, else from its app's {@link TypeDefaults}.
     */
    static Optional<String> contentType(Path dir, String name) throws IOException {
        Path types = dir.resolve(TYPES);
        if (!Files.isRegularFile(types)) {
            return TypeDefaults.lookup(dir, name);
        }
        return Optional.ofNullable(parse(Files.readString(types, StandardCharsets.UTF_8)).get(name));
    }

    /** The {@code name TAB type} lines of a types file (the first line of a name wins). */
    static Map<String, String> parse(String typeLines) {
        Map<String, String> types = new HashMap<>();
        for (String line : typeLines.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                types.putIfAbsent(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return types;
    }

    /** Forgets the known directories and default types (after deletions). */
    void forget() {
        known.clear();
        defaults.forget();
    }

    /** A new directory beside {@code dir}, named {@code .tmp-{dir's name}-{random}}, its parents made if missing. */
    private Path newHiddenDir(Path dir) throws IOException {
        Path parent = dir.getParent();
        if (!known.contains(parent)) {
            ArtifactStores.createDirectories(parent);
            remember(parent);
        }
        while (true) {
            Path tmp = parent.resolve(TMP_PREFIX + dir.getFileName() + "-"
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
            try {
                return Files.createDirectory(tmp);
            } catch (FileAlreadyExistsException taken) {
                // another name
            } catch (NoSuchFileException gone) { // the app's directory was deleted since it was remembered
                known.remove(parent);
                ArtifactStores.createDirectories(parent);
                remember(parent);
            }
        }
    }

    private void remember(Path dir) {
        if (known.size() >= MAX_KNOWN) {
            known.clear();
        }
        known.add(dir);
    }

    /** A new file (owner read/write, as {@code Files.createTempFile} made them) holding {@code bytes}. */
    private static void writeNew(Path file, byte[] bytes) throws IOException {
        try (SeekableByteChannel ch = POSIX ? Files.newByteChannel(file, CREATE_NEW, OWNER_RW)
                : Files.newByteChannel(file, CREATE_NEW)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }
}
