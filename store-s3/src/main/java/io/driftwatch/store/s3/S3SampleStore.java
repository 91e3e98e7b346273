package io.driftwatch.store.s3;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.store.embedded.parquet.ParquetFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link SampleStore} on S3: the rows of each write as Parquet objects (one per endpoint-hour, names in
 * {@link SampleKeys}), the offset of each stream partition in its own object written after the uploads
 * ({@link PartitionWriter}). Reads list the hour (or day) folders of the window, download the objects not cached
 * yet and read them with DuckDB. This instance is the view of {@link StreamPartition#SINGLE}; {@link #forPartition}
 * returns the view of another partition, with its offset read from the bucket. Thread-safe.
 */
final class S3SampleStore implements SampleStore, AutoCloseable {
    private final Samples samples;
    private final PartitionWriter writer;
    private final boolean owner;

    private S3SampleStore(Samples samples, PartitionWriter writer, boolean owner) {
        this.samples = samples;
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
            return new S3SampleStore(s, PartitionWriter.load(s, StreamPartition.SINGLE), true);
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
        return new S3SampleStore(samples, PartitionWriter.load(samples, partition), false);
    }

    @Override
    public void write(List<SampleRow> rows, long nextOffset) {
        writer.write(rows, nextOffset);
    }

    @Override
    public long storedOffset() {
        return writer.stored();
    }

    @Override
    public SampleFrame read(String project, String uid, Window window) {
        List<Path> files = download(project, uid, window.start(), window.end());
        try {
            return samples.files().frame(files, window.start(), window.end());
        } finally {
            samples.cache().release(files);
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
        Instant firstHour = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), 3600L) * 3600L);
        List<S3Object> objects = new ArrayList<>();
        for (String prefix : samples.keys().listPrefixes(project, uid, start, end)) {
            for (S3Object o : samples.bucket().list(prefix)) {
                SampleKeys.hourOf(o.key()).filter(h -> !h.isBefore(firstHour) && h.isBefore(end))
                        .ifPresent(h -> objects.add(o));
            }
        }
        return samples.cache().fetch(objects);
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
