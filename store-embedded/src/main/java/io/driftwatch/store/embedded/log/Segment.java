package io.driftwatch.store.embedded.log;

import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment file: records with offsets {@code [baseOffset, endOffset)}. The active (last) segment
 * has a write channel used only by the writer thread; every segment has a lazily opened read
 * channel. {@code durableSize} bounds reads: bytes beyond it are not yet fsync'd.
 */
final class Segment {

    private static final Logger LOG = LoggerFactory.getLogger(Segment.class);

    final long baseOffset;
    final Path path;
    /** Record bytes (file headers excluded) of all earlier segments since the log was created. */
    final long logicalStart;
    private final SparseIndex index;
    private volatile boolean indexed;
    private volatile long durableSize;
    private volatile long endOffset;
    private volatile boolean deleted;
    private boolean closed;
    private long size;
    private FileChannel writer;
    private FileChannel reader;

    private Segment(Path path, long baseOffset, long logicalStart, int indexInterval) {
        this.path = path;
        this.baseOffset = baseOffset;
        this.logicalStart = logicalStart;
        this.index = new SparseIndex(indexInterval);
        this.endOffset = baseOffset;
    }

    /** Creates a new, empty active segment (the caller fsyncs the directory). */
    static Segment create(Path dir, long baseOffset, long logicalStart, int indexInterval) throws IOException {
        Segment s = new Segment(dir.resolve(RecordFormat.fileName(baseOffset)), baseOffset, logicalStart, indexInterval);
        s.writer = FileChannel.open(s.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        s.writeFully(RecordFormat.fileHeader());
        s.writer.force(true);
        s.durableSize = s.size;
        s.indexed = true;
        return s;
    }

    /** A sealed segment found at open; its index is built on first use. */
    static Segment sealed(Path path, long baseOffset, long endOffset, long logicalStart, int indexInterval)
            throws IOException {
        Segment s = new Segment(path, baseOffset, logicalStart, indexInterval);
        s.size = Files.size(path);
        s.durableSize = s.size;
        s.endOffset = endOffset;
        return s;
    }

    /**
     * Opens the last segment for appending: validates every record and truncates the file at the
     * first torn or corrupt one (never serves it), then fsyncs.
     */
    static Segment recoverActive(Path path, long baseOffset, long logicalStart, int indexInterval) throws IOException {
        Segment s = new Segment(path, baseOffset, logicalStart, indexInterval);
        s.writer = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long length = s.writer.size();
        if (length < RecordFormat.FILE_HEADER) {
            s.writer.truncate(0);
            s.writeFully(RecordFormat.fileHeader());
            s.writer.force(true);
        } else {
            checkHeader(s.writer, path);
            s.size = length;
            long valid = s.scan(s.writer, length);
            if (valid < length) {
                LOG.warn("Stream segment {}: dropping torn/corrupt tail of {} bytes at byte {}; log ends at offset {}",
                        path.getFileName(), length - valid, valid, s.endOffset);
                s.writer.truncate(valid);
                s.writer.force(true);
                s.size = valid;
            }
        }
        s.durableSize = s.size;
        s.indexed = true;
        return s;
    }

    private static void checkHeader(FileChannel ch, Path path) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(RecordFormat.FILE_HEADER);
        while (h.hasRemaining() && ch.read(h, h.position()) >= 0) {
            // fill
        }
        if (h.getInt(0) != RecordFormat.MAGIC || h.getInt(4) != RecordFormat.VERSION) {
            throw new IOException("Not a Driftwatch stream segment (version " + RecordFormat.VERSION + "): " + path);
        }
    }

    /** Validates records from the file header on, indexing them; returns the end of the valid prefix. */
    private long scan(FileChannel ch, long limit) throws IOException {
        RecordReader r = new RecordReader(ch, RecordFormat.FILE_HEADER, baseOffset, limit);
        try {
            for (long pos = r.position(), offset = r.nextOffset(); r.next() != null; pos = r.position()) {
                index.maybeAdd(offset++, pos);
            }
        } catch (CorruptRecordException e) {
            LOG.debug("Scan of {} stopped: {}", path.getFileName(), e.getMessage());
        }
        endOffset = r.nextOffset();
        return r.position();
    }

    // ---- writer thread only ----

    long size() {
        return size;
    }

    void writeFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            size += writer.write(buf, size);
        }
    }

    void noteRecord(long offset, long position) {
        index.maybeAdd(offset, position);
    }

    void force() throws IOException {
        writer.force(false);
    }

    /** Makes everything written so far readable: records up to {@code newEndOffset} are durable. */
    void publish(long newEndOffset) {
        durableSize = size;
        endOffset = newEndOffset;
    }

    /** Closes the write channel of a segment that has been forced and published. */
    void seal() throws IOException {
        writer.close();
        writer = null;
    }

    // ---- any thread ----

    long durableSize() {
        return durableSize;
    }

    long endOffset() {
        return endOffset;
    }

    boolean isDeleted() {
        return deleted;
    }

    /**
     * A reader of the durable records positioned at or before {@code offset}'s record (at most one
     * index interval before it); its {@link RecordReader#nextOffset()} tells where it starts.
     */
    RecordReader readerFor(long offset) throws IOException {
        ensureIndexed();
        SparseIndex.Entry e = index.floor(offset);
        return e == null
                ? new RecordReader(readChannel(), RecordFormat.FILE_HEADER, baseOffset, durableSize)
                : new RecordReader(readChannel(), e.position(), e.offset(), durableSize);
    }

    /** Approximate record bytes before {@code offset} in this segment (exact at index entries). */
    long bytesBefore(long offset) throws IOException {
        if (offset <= baseOffset) {
            return 0;
        }
        ensureIndexed();
        SparseIndex.Entry e = index.floor(offset);
        return e == null ? 0 : e.position() - RecordFormat.FILE_HEADER;
    }

    private void ensureIndexed() throws IOException {
        if (indexed) {
            return;
        }
        synchronized (this) {
            if (!indexed) {
                long expectedEnd = endOffset;
                long valid = scan(readChannel(), durableSize);
                if (valid != durableSize || endOffset != expectedEnd) {
                    long validEnd = endOffset;
                    endOffset = expectedEnd;
                    throw new CorruptRecordException("sealed segment " + path.getFileName() + " is corrupt (valid up to offset "
                            + validEnd + " of " + expectedEnd + ", byte " + valid + " of " + durableSize + ")", valid);
                }
                indexed = true;
            }
        }
    }

    private synchronized FileChannel readChannel() throws IOException {
        if (deleted) {
            throw new SegmentDeletedException();
        }
        if (closed) {
            throw new ClosedChannelException();
        }
        if (reader == null || !reader.isOpen()) {
            reader = FileChannel.open(path, StandardOpenOption.READ);
        }
        return reader;
    }

    /** Closes the channels and deletes the file (retention). */
    synchronized void delete() throws IOException {
        deleted = true;
        close();
        Files.deleteIfExists(path);
    }

    synchronized void close() throws IOException {
        closed = true;
        if (reader != null) {
            reader.close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    /** Thrown when a reader races with retention. */
    static final class SegmentDeletedException extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        SegmentDeletedException() {
            super("segment deleted by retention");
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e.getMessage(), e);
    }
}
