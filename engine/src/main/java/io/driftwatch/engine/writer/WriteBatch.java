package io.driftwatch.engine.writer;

import io.driftwatch.AppOutput;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.Result;
import io.driftwatch.engine.port.EndpointStore.DriftUpdate;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outputs of many endpoint-windows, written together by {@link DefaultMonitoringWriter#flush}: per project one
 * read of the latest results and metrics of the batch's endpoints (the replay check), one write of the new results,
 * one of the new metrics and one of the endpoints' drift. Not thread-safe: one batch per controller worker.
 */
final class WriteBatch implements MonitoringWriter.Batch {
    /**
     * One buffered output, made ready when added ({@link DefaultMonitoringWriter#prepare}): its results as rows with
     * their extra_data serialized, so the batch holds ~10 KB of text per window until its flush instead of the apps'
     * object trees (a window's statistics as maps of boxed numbers), which a young collection copied (issue 17).
     */
    record Entry(ModelEndpoint endpoint, WindowTask task, List<Out> results, List<io.driftwatch.Metric> metrics) {
    }

    /**
     * A result ready to write: itself without its extra_data (for its event), its row, and the endpoint drift it
     * records when it is the drift app's {@code general_drift} (null otherwise, or when the endpoint is gone).
     */
    record Out(Result result, AppResult row, DriftUpdate drift) {
    }

    private final DefaultMonitoringWriter writer;
    private final Map<String, List<Entry>> byProject = new LinkedHashMap<>();

    WriteBatch(DefaultMonitoringWriter writer) {
        this.writer = writer;
    }

    @Override
    public void add(ModelEndpoint endpoint, WindowTask task, AppOutput output) {
        byProject.computeIfAbsent(task.project(), p -> new ArrayList<>()).add(writer.prepare(endpoint, task, output));
    }

    @Override
    public int size() {
        return byProject.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public int flush() {
        int n = 0;
        for (Map.Entry<String, List<Entry>> e : byProject.entrySet()) {
            n += writer.flush(e.getKey(), e.getValue());
        }
        byProject.clear();
        return n;
    }

    /** The uids of the entries, in order of first appearance. */
    static Set<String> uids(List<Entry> entries) {
        Set<String> out = new LinkedHashSet<>();
        entries.forEach(e -> out.add(e.task().endpointId()));
        return out;
    }

    /**
     * What a batch decided to write: new results and metrics, drift per endpoint (the last wins) and the results to
     * raise events for, with their entry.
     */
    static final class Plan {
        final List<AppResult> results = new ArrayList<>();
        final List<AppMetric> metrics = new ArrayList<>();
        final Map<String, DriftUpdate> drift = new LinkedHashMap<>();
        final List<Map.Entry<Entry, Result>> raised = new ArrayList<>();
        /** The latest window end per (uid, application, name), results and metrics apart, updated as rows are planned. */
        final Map<List<String>, Instant> latestResults = new HashMap<>();
        final Map<List<String>, Instant> latestMetrics = new HashMap<>();

        static List<String> key(String uid, String application, String name) {
            return List.of(uid, application, name);
        }

        /** True when nothing of this (uid, app, name) can be stored for a window ending at {@code end}. */
        boolean resultUnseen(String uid, String app, String name, Instant end) {
            Instant l = latestResults.get(key(uid, app, name));
            return l == null || l.isBefore(end);
        }

        boolean metricUnseen(String uid, String app, String name, Instant end) {
            Instant l = latestMetrics.get(key(uid, app, name));
            return l == null || l.isBefore(end);
        }

        void planned(AppResult r) {
            results.add(r);
            latestResults.merge(key(r.uid(), r.application(), r.name()), r.windowEnd(),
                    (a, b) -> b.isBefore(a) ? a : b);
        }

        void planned(AppMetric m) {
            metrics.add(m);
            latestMetrics.merge(key(m.uid(), m.application(), m.name()), m.windowEnd(),
                    (a, b) -> b.isBefore(a) ? a : b);
        }
    }
}
