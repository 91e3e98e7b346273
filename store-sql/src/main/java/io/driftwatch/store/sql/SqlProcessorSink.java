package io.driftwatch.store.sql;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@link ProcessorSink} of one (stream, partition): one transaction per {@link #apply} that locks the partition's
 * row of {@code processor_offsets} ({@code SELECT … FOR UPDATE}), skips a replay ({@code nextOffset <=} the stored
 * offset), merges each endpoint into its locked stored record ({@link ProcessorSink#mergeProcessed}; endpoints
 * locked in (project, uid) order, so two partitions' sinks never deadlock), inserts the prediction and error rows
 * and stores the new offset. Commit makes all of it visible at once; a failure (a lost connection included) rolls
 * all of it back and surfaces as a {@link SqlStoreException}, so a retried apply is applied exactly once. Two
 * processes applying the same partition (a rebalance's old owner) serialise on the offset row and the second
 * sees the first's offset.
 */
final class SqlProcessorSink implements ProcessorSink {
    private static final Comparator<ModelEndpoint> KEY_ORDER =
            Comparator.comparing(ModelEndpoint::project).thenComparing(ModelEndpoint::uid);
    private final SqlDatabase db;
    private final StreamPartition partition;

    SqlProcessorSink(SqlDatabase db, StreamPartition partition) {
        this.db = db;
        this.partition = Objects.requireNonNull(partition, "partition");
    }

    @Override
    public ProcessorSink forPartition(StreamPartition p) {
        return p.equals(partition) ? this : new SqlProcessorSink(db, p);
    }

    @Override
    public long appliedOffset() {
        return db.read("read the offset of " + partition, c -> Jdbc.first(c, db.dialect(),
                "SELECT next_offset FROM processor_offsets WHERE stream = ? AND partition_id = ?",
                rs -> rs.getLong(1), key()).orElse(0L));
    }

    private List<Object> key() {
        return List.of(partition.stream(), partition.partition());
    }

    @Override
    public void apply(List<ModelEndpoint> endpoints, List<Prediction> predictions, List<ErrorEvent> errors,
                      long nextOffset) {
        if (nextOffset < 0) {
            throw new IllegalArgumentException("nextOffset must be >= 0, got " + nextOffset);
        }
        SqlTimeSeriesStore.preparePartitions(db, predictions, errors);
        db.read("create the offset row of " + partition, c -> Jdbc.update(c, db.dialect(), db.dialect()
                .insertIgnore("processor_offsets", List.of("stream", "partition_id", "next_offset")),
                List.of(partition.stream(), partition.partition(), 0L)));
        db.write("apply stream batch of " + partition + " up to offset " + nextOffset, c -> {
            if (nextOffset <= lockedOffset(c)) {
                return null; // a replay: nothing changes
            }
            upsertAll(c, endpoints);
            SqlTimeSeriesStore.insertPredictions(db, c, predictions);
            SqlTimeSeriesStore.insertErrors(db, c, errors);
            Jdbc.update(c, db.dialect(), "UPDATE processor_offsets SET next_offset = ? WHERE stream = ? AND "
                    + "partition_id = ?", List.of(nextOffset, partition.stream(), partition.partition()));
            return null;
        });
    }

    private long lockedOffset(Connection c) throws SQLException {
        return Jdbc.first(c, db.dialect(), "SELECT next_offset FROM processor_offsets WHERE stream = ? AND "
                + "partition_id = ? FOR UPDATE", rs -> rs.getLong(1), key()).orElse(0L);
    }

    /**
     * Locks and reads the stored records of the batch's endpoints, one statement each per project (rows locked in
     * uid order), then merges each and writes its changed columns.
     */
    private void upsertAll(Connection c, List<ModelEndpoint> endpoints) throws SQLException {
        Map<String, List<ModelEndpoint>> byProject = new TreeMap<>();
        endpoints.stream().sorted(KEY_ORDER).forEach(e -> byProject.computeIfAbsent(e.project(),
                k -> new ArrayList<>()).add(e));
        java.util.Set<String> ensured = new java.util.HashSet<>(); // reference statistics made sure of
        for (Map.Entry<String, List<ModelEndpoint>> p : byProject.entrySet()) {
            Map<String, ModelEndpoint> stored = SqlEndpointStore.lockAll(db, c, p.getKey(),
                    p.getValue().stream().map(ModelEndpoint::uid).distinct().toList());
            for (ModelEndpoint processed : p.getValue()) {
                ModelEndpoint before = stored.get(processed.uid());
                if (before == null) {
                    SqlEndpointStore.put(db, c, processed, ensured, false);
                    stored.put(processed.uid(), processed);
                } else {
                    ModelEndpoint merged = ProcessorSink.mergeProcessed(before, processed);
                    SqlEndpointStore.writeChanges(db, c, before, merged, ensured);
                    stored.put(processed.uid(), merged);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SqlProcessorSink[" + db + ", " + partition + "]";
    }
}
