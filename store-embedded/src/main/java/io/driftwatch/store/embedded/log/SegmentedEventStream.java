package io.driftwatch.store.embedded.log;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The segmented on-disk {@link EventStream}; see {@link EmbeddedEventStream} for the contract. */
final class SegmentedEventStream implements EventStream, LogWriter.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentedEventStream.class);
    static final String LOCK_FILE = "stream.lock";

    private final Path dir;
    private final EmbeddedEventStream.Options options;
    private final ConcurrentSkipListMap<Long, Segment> segments;
    private final ConsumerOffsets offsets;
    private final FileChannel lockChannel;
    private final Admission admission;
    private final ReentrantLock arrivalLock = new ReentrantLock();
    private final Condition arrived = arrivalLock.newCondition();
    private final LogWriter writer;
    private volatile long durableEnd;
    private volatile boolean closed;

    private SegmentedEventStream(Path dir, EmbeddedEventStream.Options options, FileChannel lockChannel,
            ConcurrentSkipListMap<Long, Segment> segments, ConsumerOffsets offsets) {
        this.dir = dir;
        this.options = options;
        this.lockChannel = lockChannel;
        this.segments = segments;
        this.offsets = offsets;
        Segment last = segments.lastEntry().getValue();
        this.durableEnd = last.endOffset();
        long endBytes = last.logicalStart + last.durableSize() - RecordFormat.FILE_HEADER;
        this.admission = new Admission(options.maxLagRecords(), options.maxLagBytes(), options.clock(),
                durableEnd, endBytes);
        this.writer = new LogWriter(dir, last, options, this);
    }

    static SegmentedEventStream open(Path dir, EmbeddedEventStream.Options options) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("Stream directory " + dir + " is in use by another process");
            }
            SegmentedEventStream stream = new SegmentedEventStream(dir, options, lockChannel,
                    loadSegments(dir, options.indexIntervalBytes()), ConsumerOffsets.load(dir));
            stream.clampOffsets();
            stream.updateMinimum();
            stream.writer.start();
            LOG.info("Stream log {} open: offsets [{}, {}), {} segment(s), consumers {}", dir,
                    stream.segments.firstKey(), stream.durableEnd, stream.segments.size(), stream.offsets.snapshot());
            return stream;
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    private static ConcurrentSkipListMap<Long, Segment> loadSegments(Path dir, int indexInterval) throws IOException {
        List<Long> bases;
        try (Stream<Path> files = Files.list(dir)) {
            bases = files.map(p -> RecordFormat.parseBaseOffset(p.getFileName().toString()))
                    .filter(b -> b >= 0).sorted().toList();
        }
        ConcurrentSkipListMap<Long, Segment> map = new ConcurrentSkipListMap<>();
        if (bases.isEmpty()) {
            map.put(0L, Segment.create(dir, 0, 0, indexInterval));
            ConsumerOffsets.fsyncDirectory(dir);
            return map;
        }
        long logical = 0;
        for (int i = 0; i < bases.size() - 1; i++) {
            Path path = dir.resolve(RecordFormat.fileName(bases.get(i)));
            Segment s = Segment.sealed(path, bases.get(i), bases.get(i + 1), logical, indexInterval);
            logical += s.durableSize() - RecordFormat.FILE_HEADER;
            map.put(s.baseOffset, s);
        }
        long lastBase = bases.getLast();
        map.put(lastBase, Segment.recoverActive(dir.resolve(RecordFormat.fileName(lastBase)), lastBase, logical, indexInterval));
        return map;
    }

    /** Committed offsets beyond the recovered end (only possible if the disk lost fsync'd data). */
    private void clampOffsets() throws IOException {
        for (Map.Entry<String, Long> e : offsets.snapshot().entrySet()) {
            if (e.getValue() > durableEnd) {
                LOG.error("Consumer {} committed offset {} beyond the recovered end {}; resetting it to the end",
                        e.getKey(), e.getValue(), durableEnd);
                offsets.put(e.getKey(), durableEnd);
            }
        }
    }

    @Override
    public long append(List<byte[]> records) {
        Objects.requireNonNull(records, "records");
        checkOpen();
        if (records.isEmpty()) {
            return durableEnd;
        }
        long bytes = 0;
        for (byte[] payload : records) {
            if (payload.length > RecordFormat.MAX_PAYLOAD) {
                throw new IllegalArgumentException("Record of " + payload.length + " bytes exceeds "
                        + RecordFormat.MAX_PAYLOAD);
            }
            bytes += RecordFormat.encodedSize(payload);
        }
        admission.admit(records.size(), bytes);
        return writer.append(List.copyOf(records));
    }

    @Override
    public List<StreamRecord> read(long fromOffset, int maxRecords, Duration maxWait) throws InterruptedException {
        if (fromOffset < 0 || maxRecords <= 0) {
            throw new IllegalArgumentException("fromOffset must be >= 0 and maxRecords > 0");
        }
        if (!awaitData(fromOffset, maxWait)) {
            return List.of();
        }
        while (true) {
            try {
                return readDurable(fromOffset, maxRecords);
            } catch (Segment.SegmentDeletedException e) {
                LOG.debug("Read raced with retention; retrying from the oldest segment");
            } catch (ClosedByInterruptException e) {
                Thread.interrupted();
                throw new InterruptedException("Interrupted while reading the stream log");
            } catch (ClosedChannelException e) {
                if (closed) {
                    return List.of();
                }
                LOG.debug("Read channel closed under a reader (retention or another reader's interrupt); retrying");
            } catch (IOException e) {
                if (closed) {
                    return List.of();
                }
                throw Segment.unchecked(e);
            }
        }
    }

    private boolean awaitData(long fromOffset, Duration maxWait) throws InterruptedException {
        if (durableEnd > fromOffset || closed) {
            return durableEnd > fromOffset;
        }
        long nanos = maxWait.toNanos();
        arrivalLock.lockInterruptibly();
        try {
            while (durableEnd <= fromOffset && !closed && nanos > 0) {
                nanos = arrived.awaitNanos(nanos);
            }
            return durableEnd > fromOffset;
        } finally {
            arrivalLock.unlock();
        }
    }

    private List<StreamRecord> readDurable(long from, int max) throws IOException {
        long end = durableEnd;
        Map.Entry<Long, Segment> entry = segments.floorEntry(from);
        Segment seg = entry != null ? entry.getValue() : segments.firstEntry().getValue();
        List<StreamRecord> out = new ArrayList<>((int) Math.min(max, Math.max(1, end - from)));
        while (seg != null && out.size() < max && Math.max(from, seg.baseOffset) < end) {
            RecordReader reader = seg.readerFor(from);
            StreamRecord rec;
            while (out.size() < max && reader.nextOffset() < end && (rec = reader.next()) != null) {
                if (rec.offset() >= from) {
                    out.add(rec);
                }
            }
            Map.Entry<Long, Segment> next = segments.higherEntry(seg.baseOffset);
            seg = next == null ? null : next.getValue();
        }
        return out;
    }

    @Override
    public synchronized void commit(String consumer, long nextOffset) {
        ConsumerOffsets.checkName(consumer);
        checkOpen();
        if (nextOffset < 0 || nextOffset > durableEnd) {
            throw new IllegalArgumentException("Offset " + nextOffset + " outside [0, " + durableEnd + "]");
        }
        try {
            offsets.put(consumer, nextOffset);
            updateMinimum();
        } catch (IOException e) {
            throw Segment.unchecked(e);
        }
    }

    @Override
    public long committed(String consumer) {
        return offsets.get(ConsumerOffsets.checkName(consumer));
    }

    @Override
    public long endOffset() {
        return durableEnd;
    }

    /** Recomputes the slowest registered consumer, feeds backpressure, applies retention. */
    private void updateMinimum() throws IOException {
        Set<String> registered = new HashSet<>(options.consumers());
        registered.addAll(offsets.snapshot().keySet());
        if (registered.isEmpty()) {
            admission.consumerAt(-1, 0);
            return;
        }
        long min = registered.stream().mapToLong(offsets::get).min().orElseThrow();
        Map.Entry<Long, Segment> entry = segments.floorEntry(min);
        Segment seg = entry != null ? entry.getValue() : segments.firstEntry().getValue();
        admission.consumerAt(min, seg.logicalStart + (entry != null ? bytesBefore(seg, min) : 0));
        deleteSegmentsBelow(min);
    }

    /** Record bytes before {@code offset} in its segment; 0 (lag over-counted) if the segment is unreadable. */
    private static long bytesBefore(Segment seg, long offset) {
        try {
            return seg.bytesBefore(offset);
        } catch (IOException e) {
            LOG.error("Stream segment {} cannot be indexed: {}", seg.path.getFileName(), e.getMessage());
            return 0;
        }
    }

    private void deleteSegmentsBelow(long offset) throws IOException {
        for (Map.Entry<Long, Segment> e = segments.firstEntry(); e != null; e = segments.firstEntry()) {
            Long nextBase = segments.higherKey(e.getKey());
            if (nextBase == null || nextBase > offset) {
                return;
            }
            segments.remove(e.getKey());
            e.getValue().delete();
            LOG.info("Stream retention deleted segment {} (offsets [{}, {}))", e.getValue().path.getFileName(),
                    e.getKey(), nextBase);
        }
    }

    @Override
    public void rolled(Segment next) {
        segments.put(next.baseOffset, next);
    }

    @Override
    public void published(long endOffset) {
        durableEnd = endOffset;
        arrivalLock.lock();
        try {
            arrived.signalAll();
        } finally {
            arrivalLock.unlock();
        }
    }

    @Override
    public AppendStats appendStats() {
        return new AppendStats(writer.appends(), writer.batches(), writer.forces());
    }

    /** Number of data fsyncs so far (group-commit batches plus segment rolls). */
    long forceCount() {
        return writer.forces();
    }

    /** Number of group-commit batches so far. */
    long batchCount() {
        return writer.batches();
    }

    /** Base offsets of the segments on disk, ascending. */
    List<Long> segmentBases() {
        return List.copyOf(segments.keySet());
    }

    Path directory() {
        return dir;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Stream closed: " + dir);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.stop();
        published(durableEnd);
        for (Segment s : segments.values()) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.warn("Closing stream segment {} failed", s.path, e);
            }
        }
        try {
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("Releasing stream lock {} failed", dir, e);
        }
        LOG.info("Stream log {} closed at offset {}", dir, durableEnd);
    }
}
