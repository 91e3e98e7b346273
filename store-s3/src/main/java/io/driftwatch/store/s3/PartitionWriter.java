package io.driftwatch.store.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.store.embedded.parquet.ParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes of one stream partition and its stored offset, exactly once on an object store without transactions.
 * A write of {@code [first, next)} (first = the stored offset) goes:
 * <ol>
 *   <li>delete the objects of an earlier write of this partition that failed (they are listed in the pending
 *       record and are not written again by this one);</li>
 *   <li>PUT {@code offsets/{stream}/{partition}.pending.json} = {@code {next, keys}};</li>
 *   <li>write each endpoint-hour's Parquet file locally and PUT it under its deterministic key, then its window
 *       summaries ({@link CellSummary#encode}, when the processor gave some) under the same name ending in
 *       {@code .summary};</li>
 *   <li>PUT {@code offsets/{stream}/{partition}.json} = {@code {next}}: the commit point, after every upload
 *       succeeded.</li>
 * </ol>
 * A replay of the same range writes the same keys (an overwrite). A crash or outage before step 4 leaves objects
 * the offset does not cover: the next write (step 1) or the next opening of the partition ({@link #load}) deletes
 * them before the range is written again, perhaps with other boundaries, so no row is stored twice. Reads may see
 * such objects between a failure and that cleanup. Writes of one view are serialised (synchronized); one
 * instance should write a partition at a time (the processor that owns it): a second writer of the same partition
 * elsewhere (a zombie after a rebalance) is not fenced.
 */
final class PartitionWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String PARQUET_TYPE = "application/vnd.apache.parquet";
    private static final String SUMMARY_TYPE = "application/octet-stream";

    private final Samples samples;
    private final StreamPartition partition;
    private volatile long stored;
    /** The write that may have left objects behind (null: none). */
    private Pending pending;

    /** The record of a write in flight. */
    record Pending(long next, List<String> keys) {
    }

    /** The committed offset. */
    record Offset(long next) {
    }

    private PartitionWriter(Samples samples, StreamPartition partition, long stored, Pending pending) {
        this.samples = samples;
        this.partition = partition;
        this.stored = stored;
        this.pending = pending;
    }

    /**
     * Reads the partition's offset and deletes what an interrupted write left (2–3 requests).
     *
     * @throws UncheckedIOException when the object store cannot be read
     */
    static PartitionWriter load(Samples samples, StreamPartition partition) {
        Bucket b = samples.bucket();
        long stored = b.get(samples.keys().offset(partition)).map(s -> read(s.bytes(), Offset.class).next())
                .orElse(0L);
        Pending pending = b.get(samples.keys().pending(partition)).map(s -> read(s.bytes(), Pending.class))
                .orElse(null);
        PartitionWriter w = new PartitionWriter(samples, partition, stored, pending);
        w.deleteLeftovers(Set.of());
        return w;
    }

    long stored() {
        return stored;
    }

    StreamPartition partition() {
        return partition;
    }

    synchronized void write(List<SampleRow> rows, long next) {
        write(rows, List.of(), next);
    }

    /** As {@link #write(List, long)}, each endpoint-hour object with the summaries of its rows. */
    synchronized void write(List<SampleRow> rows, List<CellSummary> summaries, long next) {
        if (next <= stored) {
            return; // a replay of a stored range
        }
        Map<String, List<SampleRow>> groups = group(rows, stored, next);
        Map<String, List<CellSummary>> sidecars = sidecars(summaries, groups.keySet(), stored, next);
        Set<String> keys = new LinkedHashSet<>(groups.keySet());
        keys.addAll(sidecars.keySet());
        deleteLeftovers(keys);
        if (!groups.isEmpty()) {
            Pending p = new Pending(next, List.copyOf(keys));
            samples.bucket().put(samples.keys().pending(partition), bytes(p), JSON_TYPE);
            pending = p;
            uploadAll(groups, sidecars);
        }
        samples.bucket().put(samples.keys().offset(partition), bytes(new Offset(next)), JSON_TYPE);
        stored = next;
        pending = null;
    }

    /**
     * PUTs each object, then its summary. The summaries of objects written without one are deleted first (one
     * request), so that a replay without summaries leaves none that may describe other rows: those windows read rows.
     */
    private void uploadAll(Map<String, List<SampleRow>> groups, Map<String, List<CellSummary>> sidecars) {
        List<String> stale = groups.keySet().stream().map(SampleKeys::summaryOf)
                .filter(k -> !sidecars.containsKey(k)).toList();
        if (!stale.isEmpty()) {
            samples.bucket().delete(stale);
        }
        groups.forEach((key, objectRows) -> {
            upload(key, objectRows);
            List<CellSummary> cells = sidecars.get(SampleKeys.summaryOf(key));
            if (cells != null) {
                samples.bucket().put(SampleKeys.summaryOf(key), CellSummary.encode(cells), SUMMARY_TYPE);
            }
        });
    }

    /** Deletes the objects of a failed write that {@code keep} does not overwrite. */
    private void deleteLeftovers(Set<String> keep) {
        Pending p = pending;
        if (p == null || p.next() <= stored) {
            pending = null;
            return;
        }
        Set<String> gone = new HashSet<>(p.keys());
        gone.removeAll(keep);
        samples.bucket().delete(gone);
        samples.cache().evict(gone);
        if (!gone.isEmpty()) {
            LOG.info("samples of {}: deleted {} objects of the interrupted write up to offset {} (stored: {})",
                    partition, gone.size(), p.next(), stored);
        }
        pending = null;
    }

    /**
     * The summaries by summary key (endpoint × hour, beside the Parquet object of the same rows); cells of an
     * endpoint-hour without rows in this write are left out.
     */
    private Map<String, List<CellSummary>> sidecars(List<CellSummary> summaries, Set<String> objects, long first,
                                                    long next) {
        Map<String, List<CellSummary>> out = new LinkedHashMap<>();
        for (CellSummary c : summaries) {
            String object = samples.keys().object(c.project(), c.uid(), Instant.ofEpochSecond(c.hour() * 3600L),
                    partition, first, next);
            if (objects.contains(object)) {
                out.computeIfAbsent(SampleKeys.summaryOf(object), k -> new ArrayList<>()).add(c);
            }
        }
        return out;
    }

    /** Rows by object key (endpoint × hour), in first-seen order. */
    private Map<String, List<SampleRow>> group(List<SampleRow> rows, long first, long next) {
        Map<String, List<SampleRow>> out = new LinkedHashMap<>();
        for (SampleRow r : rows) {
            Objects.requireNonNull(r.timestamp(), "sample row timestamp");
            Instant hour = Instant.ofEpochSecond(Math.floorDiv(r.timestamp().getEpochSecond(), 3600L) * 3600L);
            String key = samples.keys().object(r.project(), r.uid(), hour, partition, first, next);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private void upload(String key, List<SampleRow> rows) {
        Path file = samples.staging().resolve(partition + "-" + Integer.toHexString(key.hashCode()) + ".parquet");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            samples.files().write(rows, file);
            samples.bucket().put(key, file, PARQUET_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the samples of " + key, e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover staging file is overwritten by the next write of the same name
            }
        }
    }

    private static byte[] bytes(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] b, Class<T> type) {
        try {
            return JSON.readValue(b, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse a sample offset record", e);
        }
    }
}
