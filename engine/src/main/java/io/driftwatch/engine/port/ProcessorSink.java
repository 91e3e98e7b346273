package io.driftwatch.engine.port;

import io.driftwatch.ModelEndpoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Port: where the stream processor applies the effects of a batch of stream records atomically together with
 * the stream offset they reach, so that replay after a crash applies nothing twice (exactly-once).
 */
public interface ProcessorSink {
    /**
     * The view of this store that keeps its offset for {@code partition} ({@code (stream, partition) -> next offset},
     * stored in the same transaction as the effects): {@link #appliedOffset} and the offset of
     * {@link #apply} refer to that partition. Stores of a single-partition stream return themselves for
     * {@link StreamPartition#SINGLE}.
     *
     * @throws UnsupportedOperationException when the store keeps one offset only and {@code partition} is another
     */
    default ProcessorSink forPartition(StreamPartition partition) {
        if (partition.single()) {
            return this;
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps one stream offset only, not "
                + partition);
    }

    /** The next stream offset to process: everything before it has been applied (0 when none). */
    long appliedOffset();

    /**
     * Atomically upserts the endpoint records, appends the time-series rows and records {@code nextOffset}.
     * Either all of it becomes visible or none. A call whose {@code nextOffset <= appliedOffset()} is a replay
     * and changes nothing; an empty call with a larger offset only advances the offset.
     */
    void apply(List<ModelEndpoint> endpoints, List<TimeSeriesRecords.Prediction> predictions,
               List<TimeSeriesRecords.ErrorEvent> errors, long nextOffset);

    /**
     * What {@link #apply} stores for an endpoint that already exists: the processor owns first/last request, error
     * count, live metrics and the late-row count, adds the batch's late event times to the stored pending ones, fills function, model, version and class from the events, adds event labels, and sets
     * names and reference statistics only where the stored record has none; everything else (the writer's
     * current_stats, drift_status and drift_measures, the API's spec changes) is kept from {@code stored}, so a write
     * that landed after the processor read the record is never lost. Adapters call this inside their transaction.
     */
    static ModelEndpoint mergeProcessed(ModelEndpoint stored, ModelEndpoint processed) {
        Map<String, String> labels = new LinkedHashMap<>(stored.metadata().labels());
        labels.putAll(processed.metadata().labels());
        ModelEndpoint.Spec s = stored.spec();
        ModelEndpoint.Spec p = processed.spec();
        ModelEndpoint.Spec spec = s.toBuilder().functionUri(p.functionUri()).model(p.model())
                .modelVersion(p.modelVersion()).modelClass(p.modelClass())
                .featureNames(s.featureNames().isEmpty() ? p.featureNames() : s.featureNames())
                .labelNames(s.labelNames().isEmpty() ? p.labelNames() : s.labelNames()).build();
        ModelEndpoint.Status st = stored.status();
        ModelEndpoint.Status ps = processed.status();
        ModelEndpoint.Status status = st.toBuilder()
                .featureStats(st.featureStats().isEmpty() ? ps.featureStats() : st.featureStats())
                .firstRequest(ps.firstRequest()).lastRequest(ps.lastRequest()).errorCount(ps.errorCount())
                .metrics(ps.metrics()).lateRows(ps.lateRows())
                .pendingLate(union(st.pendingLate(), ps.pendingLate())).build();
        return new ModelEndpoint(new ModelEndpoint.Metadata(stored.project(), stored.uid(), labels), spec, status);
    }

    /** The stored pending late times plus the batch's (distinct, sorted). */
    private static List<Instant> union(List<Instant> stored, List<Instant> added) {
        if (added.isEmpty()) {
            return stored;
        }
        TreeSet<Instant> all = new TreeSet<>(stored);
        all.addAll(added);
        return List.copyOf(all);
    }
}
