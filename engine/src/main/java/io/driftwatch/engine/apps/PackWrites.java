package io.driftwatch.engine.apps;

import io.driftwatch.engine.port.ArtifactStore.Artifact;
import io.driftwatch.engine.port.ArtifactStore.Key;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads and writes {@link WindowPack} files. A write reads the pack if it exists, merges the new artifacts in, writes
 * the result to a new hidden file beside it ({@code .tmp-{pack name}-{random}}, owner read/write) and renames that
 * over the pack; the endpoint's directory is made only when the first write finds it missing, so a window costs no
 * {@code stat} before its write: one failed open (no pack yet), one file created and written, one rename. Writes of
 * one pack are serialized by one of {@value #STRIPES} locks chosen by its path's hash. Thread-safe. The file's
 * creation is most of a window's artifact cost: ~150 µs of kernel CPU on the 2-core benchmark VM's ext4 (JFR, issue 17
 * round 11: 358 of a 10,000-window cycle's 1,867 samples), so the next step is fewer files, not faster encoding.
 */
final class PackWrites {
    /** The name prefix of a pack while it is written. */
    static final String TMP_PREFIX = ".tmp-";
    private static final int STRIPES = 64;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final FileAttribute<?> OWNER_RW = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    PackWrites() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The artifacts of the pack {@code file} as keys of {@code window}'s endpoint, app and end; empty if missing. */
    static Optional<List<Artifact>> read(Path file, Key window) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        }
        try {
            return Optional.of(WindowPack.decode(window, bytes));
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read artifact pack " + file + ": " + e.getMessage(), e);
        }
    }

    /** Puts {@code artifacts} (of {@code window}'s endpoint, app and end) into the pack {@code file}. */
    void merge(Path file, Key window, List<Artifact> artifacts) throws IOException {
        for (Artifact a : artifacts) {
            if (a.contentType().indexOf('\n') >= 0 || a.contentType().indexOf('\r') >= 0) {
                throw new IllegalArgumentException("content type of artifact '" + a.key().name()
                        + "' holds a line break");
            }
        }
        ReentrantLock lock = locks[Math.floorMod(file.hashCode(), STRIPES)];
        lock.lock();
        try {
            List<Artifact> merged = WindowPack.merge(read(file, window).orElse(List.of()), artifacts);
            Path tmp = writeHidden(file, WindowPack.encode(window.windowEnd(), merged));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) { // only then is the hidden file left to remove
                Files.deleteIfExists(tmp);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** A new hidden file beside {@code file} holding {@code bytes}, the directory made if missing. */
    private static Path writeHidden(Path file, byte[] bytes) throws IOException {
        Path dir = file.getParent();
        while (true) {
            Path tmp = dir.resolve(TMP_PREFIX + file.getFileName() + "-"
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
            SeekableByteChannel ch;
            try {
                ch = POSIX ? Files.newByteChannel(tmp, CREATE_NEW, OWNER_RW) : Files.newByteChannel(tmp, CREATE_NEW);
            } catch (FileAlreadyExistsException taken) {
                continue; // another name
            } catch (NoSuchFileException noDir) {
                ArtifactStores.createDirectories(dir);
                continue;
            }
            try (ch) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                return tmp;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        }
    }
}
