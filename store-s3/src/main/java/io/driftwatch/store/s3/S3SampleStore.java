package io.driftwatch.store.s3;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.SummarizedFrame;
import io.driftwatch.stats.summary.WindowSummary;
import io.driftwatch.store.embedded.parquet.ParquetFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link SampleStore} on S3: the rows of each write as Parquet objects (one per endpoint-hour, names in
 * {@link SampleKeys}), each with the window summaries of its rows in a {@code .summary} object beside it, the offset
 * of each stream partition in its own object written after the uploads ({@link PartitionWriter}). Reads list the
 * hour (or day) folders of the window; a window's summary is merged from the summary objects of its Parquet objects
 * ({@link #summary}); its rows are downloaded (the objects not cached yet) and read with DuckDB only when asked for.
 * Drift over a range reads the summary objects alone ({@link #cellSummaries}). This instance is the view of
 * {@link StreamPartition#SINGLE}; {@link #forPartition}
 * returns the view of another partition, with its offset read from the bucket. Thread-safe.
 */
final class S3SampleStore implements SampleStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3SampleStore.class);
    private static final Duration HOUR = Duration.ofHours(1);
    private final Samples samples;
    private final SummaryCache summaries;
    private final PartitionWriter writer;
    private final boolean owner;

    private S3SampleStore(Samples samples, SummaryCache summaries, PartitionWriter writer, boolean owner) {
        this.samples = samples;
        this.summaries = summaries;
        this.writer = writer;
        this.owner = owner;
    }

    /** Opens the store: the bucket is created if missing, the offset of {@link StreamPartition#SINGLE} read. */
    static S3SampleStore open(Bucket bucket, String base, Path cacheDir, Path stagingDir) {
        return open(bucket, base, cacheDir, stagingDir, SampleCache.DEFAULT_MAX_BYTES);
    }

    /** As {@link #open(Bucket, String, Path, Path)}, the local copies bounded to {@code cacheBytes}. */
    static S3SampleStore open(Bucket bucket, String base, Path cacheDir, Path stagingDir, long cacheBytes) {
        bucket.ensureExists();
        ParquetFiles files = ParquetFiles.open();
        try {
            Samples s = new Samples(bucket, new SampleKeys(base), files, new SampleCache(bucket, cacheDir, cacheBytes),
                    stagingDir);
            return new S3SampleStore(s, new SummaryCache(bucket, SummaryCache.DEFAULT_MAX_BYTES),
                    PartitionWriter.load(s, StreamPartition.SINGLE), true);
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
    }

    /** A view of {@code partition}: reads its offset and cleans an interrupted write of it (2–3 requests). */
    @Override
    public SampleStore forPartition(StreamPartition partition) {
        if (partition.equals(writer.partition())) {
            return this;
        }
        return new S3SampleStore(samples, summaries, PartitionWriter.load(samples, partition), false);
    }

    @Override
    public void write(List<SampleRow> rows, long nextOffset) {
        writer.write(rows, nextOffset);
    }

    @Override
    public void write(List<SampleRow> rows, List<CellSummary> summaries, long nextOffset) {
        writer.write(rows, summaries, nextOffset);
    }

    @Override
    public long storedOffset() {
        return writer.stored();
    }

    /** The window's rows, downloaded and read on first use, with its summary when every object of it has one. */
    @Override
    public SampleFrame read(String project, String uid, Window window) {
        LazyListing listing = new LazyListing(() -> listed(project, uid, window.start(), window.end()));
        return SummarizedFrame.of(new LazyFrame(() -> rows(listing.get(), window)),
                () -> summary(project, uid, window, listing.get()));
    }

    /** One LIST of a window's objects shared by its summary and its rows (done once, on first use). */
    private static final class LazyListing {
        private final Supplier<List<S3Object>> source;
        private List<S3Object> objects;

        LazyListing(Supplier<List<S3Object>> source) {
            this.source = source;
        }

        synchronized List<S3Object> get() {
            if (objects == null) {
                objects = source.get();
            }
            return objects;
        }
    }

    private SampleFrame rows(List<S3Object> listed, Window window) {
        List<Path> files = samples.cache().fetch(parquet(listed));
        try {
            SampleFrame frame = samples.files().frame(files, window.start(), window.end());
            frame.rowCount(); // loads the rows while the copies are pinned
            return frame;
        } finally {
            samples.cache().release(files);
        }
    }

    /**
     * The window's summary merged from the summary objects of its Parquet objects; empty when one of them has none
     * (written before summaries, or without), when one is unreadable, or when the window is not a union of whole
     * cells (docs/statistics.md "Window summaries").
     */
    @Override
    public Optional<WindowSummary> summary(String project, String uid, Window window) {
        return summary(project, uid, window, listed(project, uid, window.start(), window.end()));
    }

    private Optional<WindowSummary> summary(String project, String uid, Window window, List<S3Object> listed) {
        Map<String, S3Object> summaryObjects = new HashMap<>();
        for (S3Object o : listed) {
            if (!SampleKeys.isParquet(o.key())) {
                summaryObjects.put(o.key(), o);
            }
        }
        List<CellSummary> cells = new ArrayList<>();
        for (S3Object o : listed) {
            if (!SampleKeys.isParquet(o.key())) {
                continue;
            }
            S3Object side = summaryObjects.get(SampleKeys.summaryOf(o.key()));
            if (side == null) {
                return Optional.empty();
            }
            try {
                cells.addAll(CellSummary.decode(project, uid, summaries.bytes(side)));
            } catch (IllegalArgumentException | UncheckedIOException e) {
                LOG.warn("sample store: unreadable summary {}, the window's rows are read: {}", side.key(),
                        e.toString());
                return Optional.empty();
            }
        }
        return CellSummary.forWindow(cells, window);
    }

    /**
     * Every stored cell piece whose cell overlaps {@code range}, from the summary objects alone (never a Parquet
     * object): those of the hours from the range's start hour to its end (one LIST per hour or day folder, as
     * {@link #read}), then of later hours, one LIST each, as long as a cell found so far continues into them. As the
     * Parquet store: a summary object that is gone (retention) or unreadable is logged and left out.
     */
    @Override
    public List<CellSummary> cellSummaries(String project, String uid, Window range) {
        List<CellSummary> out = new ArrayList<>();
        Instant last = addOverlapping(project, uid, range, listed(project, uid, range.start(), range.end()), out,
                range.start());
        Instant next = hourStart(range.end().minusNanos(1)).plus(HOUR);
        for (; !next.isAfter(last); next = next.plus(HOUR)) {
            Instant more = addOverlapping(project, uid, range, listed(project, uid, next, next.plus(HOUR)), out,
                    next);
            last = more.isAfter(last) ? more : last;
        }
        return out;
    }

    /**
     * Adds the pieces of {@code listed}'s summary objects whose cell overlaps {@code range}; returns the start of
     * the last hour such a cell reaches ({@code floor} when none reaches further).
     */
    private Instant addOverlapping(String project, String uid, Window range, List<S3Object> listed,
                                   List<CellSummary> out, Instant floor) {
        Instant last = floor;
        for (S3Object o : listed.stream().filter(o -> !SampleKeys.isParquet(o.key()))
                .sorted(Comparator.comparing(S3Object::key)).toList()) {
            for (CellSummary c : decoded(project, uid, o)) {
                if (c.cell().start().isBefore(range.end()) && range.start().isBefore(c.cell().end())) {
                    out.add(c);
                    Instant hour = hourStart(c.cell().end().minusNanos(1));
                    last = hour.isAfter(last) ? hour : last;
                }
            }
        }
        return last;
    }

    /** The cells of one summary object; none when it is gone or unreadable (other S3 failures are thrown). */
    private List<CellSummary> decoded(String project, String uid, S3Object summary) {
        try {
            return CellSummary.decode(project, uid, summaries.bytes(summary));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            if (e instanceof UncheckedIOException u && !(u.getCause() instanceof FileNotFoundException)) {
                throw u;
            }
            LOG.warn("sample store: summary {} left out of a range's drift: {}", summary.key(), e.toString());
            return List.of();
        }
    }

    @Override
    public void export(String project, String uid, Instant start, Instant end, String format, OutputStream out)
            throws IOException {
        ParquetFiles.checkFormat(format);
        List<Path> files = download(project, uid, start, end);
        try {
            samples.files().export(files, start, end, format, out);
        } finally {
            samples.cache().release(files);
        }
    }

    /** The local copies of the objects that may hold rows of {@code [start, end)}, pinned until released. */
    private List<Path> download(String project, String uid, Instant start, Instant end) {
        return samples.cache().fetch(parquet(listed(project, uid, start, end)));
    }

    private static List<S3Object> parquet(List<S3Object> objects) {
        return objects.stream().filter(o -> SampleKeys.isParquet(o.key())).toList();
    }

    /** The sample objects (Parquet and summaries) of the hours that may hold rows of {@code [start, end)}. */
    private List<S3Object> listed(String project, String uid, Instant start, Instant end) {
        Instant firstHour = hourStart(start);
        List<S3Object> objects = new ArrayList<>();
        for (String prefix : samples.keys().listPrefixes(project, uid, start, end)) {
            for (S3Object o : samples.bucket().list(prefix)) {
                SampleKeys.hourOf(o.key()).filter(h -> !h.isBefore(firstHour) && h.isBefore(end))
                        .ifPresent(h -> objects.add(o));
            }
        }
        return objects;
    }

    private static Instant hourStart(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 3600L) * 3600L);
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        deleteFolder(samples.keys().endpoint(project, uid));
    }

    @Override
    public void deleteProject(String project) {
        deleteFolder(samples.keys().project(project));
    }

    private void deleteFolder(String folder) {
        samples.bucket().delete(samples.bucket().list(folder).stream().map(S3Object::key).toList());
        samples.cache().evictTree(folder);
    }

    /** Deletes the objects of the hours that ended at or before {@code cutoff}; one LIST per project and 1,000 objects. */
    @Override
    public long deleteOlderThan(Instant cutoff) {
        long removed = 0;
        for (String project : samples.bucket().folders(samples.keys().projects())) {
            List<String> old = new ArrayList<>();
            for (S3Object o : samples.bucket().list(project + "model-endpoints/parquet/")) {
                SampleKeys.hourOf(o.key()).filter(h -> !h.plus(Duration.ofHours(1)).isAfter(cutoff))
                        .ifPresent(h -> old.add(o.key()));
            }
            samples.bucket().delete(old);
            samples.cache().evict(old);
            removed += old.size();
        }
        return removed;
    }

    /** Closes the Parquet reader of the store (views close nothing). */
    @Override
    public void close() {
        if (owner) {
            samples.files().close();
        }
    }
}
