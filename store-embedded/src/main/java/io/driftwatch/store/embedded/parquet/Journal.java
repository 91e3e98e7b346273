package io.driftwatch.store.embedded.parquet;

import io.driftwatch.engine.port.StreamPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The commit record of the sample store: {@code samples.offset} (the stored offset and the files of the last
 * committed write) and {@code samples.pending} (the files a write in progress is creating). Each is replaced
 * atomically: written to a temporary file, fsync'd, renamed over the old one, directory fsync'd.
 *
 * <pre>
 * next=1234
 * file=projects/p/model-endpoints/parquet/key=u/year=2025/month=01/day=02/hour=03/part-1000-1234.parquet
 * </pre>
 */
final class Journal {
    static final String PENDING_FILE = "samples.pending";

    /** An offset with the data-directory-relative files of one write. */
    record Entry(long next, List<String> files) {
    }

    private final Path dir;
    private final String offsetFile;
    private final String pendingFile;

    /** The journal of the single partition: {@code samples.offset} and {@code samples.pending}. */
    Journal(Path dir) {
        this(dir, ParquetSamples.OFFSET_FILE, PENDING_FILE);
    }

    private Journal(Path dir, String offsetFile, String pendingFile) {
        this.dir = dir;
        this.offsetFile = offsetFile;
        this.pendingFile = pendingFile;
    }

    /**
     * The journal of one partition of a partitioned stream: {@code samples.offset.{stream}-{partition}} and
     * {@code samples.pending.{stream}-{partition}} (the single partition keeps {@link #Journal(Path)}).
     */
    static Journal ofPartition(Path dir, StreamPartition partition) {
        if (partition.single()) {
            return new Journal(dir);
        }
        return new Journal(dir, ParquetSamples.OFFSET_FILE + "." + partition, PENDING_FILE + "." + partition);
    }

    Entry committed() {
        return read(dir.resolve(offsetFile));
    }

    Entry pending() {
        return read(dir.resolve(pendingFile));
    }

    void commit(Entry e) {
        replace(dir.resolve(offsetFile), e);
    }

    void begin(Entry e) {
        replace(dir.resolve(pendingFile), e);
    }

    void end() {
        try {
            Files.deleteIfExists(dir.resolve(pendingFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + pendingFile, e);
        }
    }

    private static Entry read(Path file) {
        if (!Files.exists(file)) {
            return new Entry(0, List.of());
        }
        try {
            long next = -1;
            List<String> files = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("next=")) {
                    next = Long.parseLong(line.substring(5).trim());
                } else if (line.startsWith("file=")) {
                    files.add(line.substring(5));
                }
            }
            if (next < 0) {
                throw new IllegalStateException("damaged sample journal " + file + ": no next= line");
            }
            return new Entry(next, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("damaged sample journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void replace(Path file, Entry e) {
        StringBuilder text = new StringBuilder("next=").append(e.next()).append('\n');
        e.files().forEach(f -> text.append("file=").append(f).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            fsync(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsync(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /** Forces a file or directory to stable storage. */
    static void fsync(Path p) throws IOException {
        boolean isDir = Files.isDirectory(p);
        try (FileChannel ch = FileChannel.open(p, isDir ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
