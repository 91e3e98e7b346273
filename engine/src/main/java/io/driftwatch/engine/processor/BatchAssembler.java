package io.driftwatch.engine.processor;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.engine.image.ImageStats;
import io.driftwatch.engine.labels.LabelStreamRecords;
import io.driftwatch.engine.port.LabelRecord;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.RowValues;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.engine.port.StreamRecord;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.processor.ParsedEvent.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one batch of stream records into the batch's effects. Records below {@code applied} only yield sample
 * rows (their other effects are already in the sink); records below {@code stored} yield no sample rows.
 */
final class BatchAssembler {
    static final String MODEL_ERROR = "model_error";
    static final String DATA_PROCESSING = "data_processing";
    private static final Logger LOG = LoggerFactory.getLogger(BatchAssembler.class);
    private static final int MAX_CACHED_ENDPOINTS = 10_000;

    private final StreamProcessor.Ports ports;
    private final Clock clock;
    private final Retrier retry;
    private final Counters counters;
    private final EventParser parser = new EventParser();
    private final Map<String, LiveWindow> windows = new LinkedHashMap<>();
    /** Row columns by endpoint ({@link #columns}); cleared when it reaches {@link #MAX_CACHED_ENDPOINTS}. */
    private final Map<String, List<String>> columns = new HashMap<>();
    private final LabelWrites labels;

    /**
     * The effects of a batch; {@code references} and {@code firstRequests} by {@code project/uid} of every endpoint
     * the batch touched (a first request is null until the endpoint has one).
     */
    record Batch(List<ModelEndpoint> endpoints, List<Prediction> predictions, List<ErrorEvent> errors,
                 List<SampleRow> rows, Map<String, FeatureStats> references, Map<String, Instant> firstRequests) {
    }

    BatchAssembler(StreamProcessor.Ports ports, Clock clock, Retrier retry, Counters counters) {
        this.ports = ports;
        this.clock = clock;
        this.retry = retry;
        this.counters = counters;
        this.labels = new LabelWrites(ports, retry);
    }

    /** One batch's mutable state. */
    private final class Work {
        final long applied;
        final long stored;
        final Instant now = clock.instant();
        final Map<String, EndpointDraft> drafts = new LinkedHashMap<>();
        final List<Prediction> predictions = new ArrayList<>();
        final List<ErrorEvent> errors = new ArrayList<>();
        final List<SampleRow> rows = new ArrayList<>();
        final List<LabelRecord> labels = new ArrayList<>();

        Work(long applied, long stored) {
            this.applied = applied;
            this.stored = stored;
        }
    }

    Batch assemble(List<StreamRecord> records, long applied, long stored) {
        Work w = new Work(applied, stored);
        for (StreamRecord r : records) {
            try {
                handle(w, r);
            } catch (Retrier.Stopped e) {
                throw e;
            } catch (RuntimeException e) {
                counters.unattributed.incrementAndGet();
                LOG.error("stream processor: record {} failed unexpectedly, skipped", r.offset(), e);
            }
        }
        labels.write(w.labels);
        List<ModelEndpoint> endpoints = new ArrayList<>();
        for (EndpointDraft d : w.drafts.values()) {
            if (d.changed()) {
                endpoints.add(d.build(window(d.project(), d.uid()).metrics(w.now)));
            }
        }
        Map<String, FeatureStats> references = new HashMap<>();
        Map<String, Instant> firstRequests = new HashMap<>();
        w.drafts.forEach((key, d) -> {
            references.put(key, d.featureStats());
            firstRequests.put(key, d.firstRequest());
        });
        return new Batch(endpoints, w.predictions, w.errors, w.rows, references, firstRequests);
    }

    private void handle(Work w, StreamRecord r) {
        boolean effects = r.offset() >= w.applied;
        if (LabelStreamRecords.isLabelRecord(r.payload())) {
            if (effects) {
                labels(w, r);
            }
            return;
        }
        ParsedEvent event = parser.parse(r.payload(), Instant.ofEpochMilli(r.appendTimeMillis()));
        if (effects) {
            counters.events.incrementAndGet();
        }
        switch (event) {
            case ParsedEvent.Unattributed u -> {
                if (effects) {
                    (u.unparseable() ? counters.unparseable : counters.unattributed).incrementAndGet();
                    LOG.warn("stream processor: record {} names no endpoint: {}", r.offset(), u.message());
                }
            }
            case ParsedEvent.Invalid i -> {
                if (effects) {
                    dataError(w, draft(w, i.id()), i.id(), i.time(), i.message());
                }
            }
            case ParsedEvent.ModelError m -> {
                if (effects) {
                    EndpointDraft d = draft(w, m.id());
                    d.seen(m.id());
                    d.error();
                    if (m.when() != null) {
                        d.request(m.when());
                    }
                    w.errors.add(new ErrorEvent(m.id().project(), m.id().uid(), m.time(), MODEL_ERROR, m.message()));
                    counters.modelErrors.incrementAndGet();
                }
            }
            case ParsedEvent.Predictions p -> predictions(w, p, effects, r.offset() >= w.stored);
        }
    }

    /**
     * A label record: its labels are upserted with the batch (before the sink applies it; a replay writes them
     * again, which changes nothing) and each prediction time whose window was analysed already is pending again,
     * so the controller analyses that window with its labels (as for late rows).
     */
    private void labels(Work w, StreamRecord r) {
        List<LabelRecord> decoded;
        try {
            decoded = LabelStreamRecords.decode(r.payload());
        } catch (IllegalArgumentException e) {
            counters.unparseable.incrementAndGet();
            LOG.warn("stream processor: record {}: {}", r.offset(), e.getMessage());
            return;
        }
        w.labels.addAll(decoded);
        for (LabelRecord l : decoded) {
            EndpointDraft d = storedDraft(w, l.project(), l.uid());
            if (d != null) {
                d.lateIfAnalysed(l.predictionTime(), 0);
            }
        }
    }

    /** The event's inline labels ({@code y_true}), stored like posted ones by (request id, row). */
    private static void inlineLabels(Work w, ParsedEvent.Predictions p) {
        List<String> truth = p.groundTruth();
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i) != null) {
                w.labels.add(new LabelRecord(p.id().project(), p.id().uid(), p.requestId(), i, p.when(),
                        truth.get(i), w.now));
            }
        }
    }

    /** The draft of an endpoint of the store (null when it has none). */
    private EndpointDraft storedDraft(Work w, String project, String uid) {
        String key = project + "/" + uid;
        EndpointDraft d = w.drafts.get(key);
        if (d != null) {
            return d;
        }
        Optional<ModelEndpoint> stored = retry.call("read endpoint " + key, () -> ports.endpoints().get(project, uid));
        if (stored.isEmpty()) {
            return null;
        }
        d = EndpointDraft.of(stored.get());
        d.analysedUntil(() -> retry.call("read last_analyzed of " + key,
                () -> ports.endpoints().lastAnalyzedAny(project, uid)));
        w.drafts.put(key, d);
        window(project, uid);
        return d;
    }

    private void dataError(Work w, EndpointDraft d, Identity id, Instant time, String message) {
        d.seen(id);
        d.error();
        w.errors.add(new ErrorEvent(id.project(), id.uid(), time, DATA_PROCESSING, message));
        counters.dataErrors.incrementAndGet();
    }

    private void predictions(Work w, ParsedEvent.Predictions p, boolean effects, boolean keepRows) {
        Identity id = p.id();
        EndpointDraft d = draft(w, id);
        names(d, id, p.inputs().getFirst().length, p.outputs().getFirst().length);
        List<String> features = d.featureNames();
        List<String> labels = d.labelNames();
        for (int i = 0; i < p.inputs().size(); i++) {
            String problem = width(i, p.inputs().get(i).length, features, "inputs", "feature")
                    + width(i, p.outputs().get(i).length, labels, "outputs", "label");
            if (!problem.isEmpty()) {
                if (effects) {
                    dataError(w, d, id, p.when(), problem.strip());
                }
                return;
            }
        }
        int n = p.inputs().size();
        if (effects) {
            d.seen(id);
            d.request(p.when());
            d.lateIfAnalysed(p.when(), n);
            window(id.project(), id.uid()).add(p.when(), w.now, n, p.latencyMicros());
            w.predictions.add(new Prediction(id.project(), id.uid(), p.when(), p.latencyMicros(), n,
                    p.customMetrics()));
            counters.rows.addAndGet(n);
            inlineLabels(w, p);
        }
        if (keepRows) {
            List<String> columns = hasImage(p.inputs()) ? null : columns(id, features, labels);
            for (int i = 0; i < n; i++) {
                w.rows.add(new SampleRow(id.project(), id.uid(), p.when(), p.requestId(), p.latencyMicros(),
                        row(columns, features, p.inputs().get(i), labels, p.outputs().get(i)), id.labels()));
            }
        }
    }

    /**
     * The endpoint's row columns (features then labels): one list instance for all its rows while its names stay
     * the same, across batches (the sample store then writes them by position), or null when a label repeats a
     * feature name (such rows keep the later value, as a map does).
     */
    private List<String> columns(Identity id, List<String> features, List<String> labels) {
        String key = id.project() + "/" + id.uid();
        List<String> cached = columns.get(key);
        if (cached != null && cached.size() == features.size() + labels.size()
                && cached.subList(0, features.size()).equals(features)
                && cached.subList(features.size(), cached.size()).equals(labels)) {
            return cached;
        }
        List<String> all = new ArrayList<>(features.size() + labels.size());
        all.addAll(features);
        all.addAll(labels);
        if (!RowValues.distinct(all)) {
            return null;
        }
        if (columns.size() >= MAX_CACHED_ENDPOINTS) {
            columns.clear();
        }
        List<String> shared = List.copyOf(all);
        columns.put(key, shared);
        return shared;
    }

    private static boolean hasImage(List<Object[]> rows) {
        for (Object[] row : rows) {
            for (Object v : row) {
                if (v instanceof ImageStats) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String width(int row, int width, List<String> names, String side, String kind) {
        return width == names.size() ? "" : "row " + row + " has " + width + " " + side + " but the endpoint has "
                + names.size() + " " + kind + " names " + names + ". ";
    }

    private static Map<String, Object> row(List<String> columns, List<String> features, Object[] in,
                                           List<String> labels, Object[] out) {
        if (columns != null) {
            Object[] values = new Object[in.length + out.length];
            System.arraycopy(in, 0, values, 0, in.length);
            System.arraycopy(out, 0, values, in.length, out.length);
            return RowValues.of(columns, values);
        }
        Map<String, Object> values = LinkedHashMap.newLinkedHashMap(in.length + out.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] instanceof ImageStats image) { // one image feature: its derived statistics as columns
                image.putColumns(features.get(i), values);
            } else {
                values.put(features.get(i), in[i]);
            }
        }
        for (int i = 0; i < out.length; i++) {
            values.put(labels.get(i), out[i]);
        }
        return values;
    }

    /** Feature/label names: the record's, else the logged model's, else generated f0../p0.. (written back). */
    private void names(EndpointDraft d, Identity id, int inputs, int outputs) {
        if (!d.featureNames().isEmpty() && !d.labelNames().isEmpty()) {
            return;
        }
        Optional<ProjectRecords.ModelRecord> model = d.featureNames().isEmpty() || !d.hasFeatureStats()
                ? loggedModel(id) : Optional.empty();
        List<String> features = d.featureNames();
        if (features.isEmpty()) {
            features = model.map(ProjectRecords.ModelRecord::featureNames).filter(l -> !l.isEmpty())
                    .orElseGet(() -> generated("f", inputs));
        }
        List<String> labels = d.labelNames();
        if (labels.isEmpty()) {
            labels = model.map(ProjectRecords.ModelRecord::labelNames).filter(l -> !l.isEmpty())
                    .orElseGet(() -> generated("p", outputs));
        }
        d.names(features, labels, model.map(ProjectRecords.ModelRecord::featureStats).orElse(null));
    }

    private Optional<ProjectRecords.ModelRecord> loggedModel(Identity id) {
        return retry.call("read logged model " + id.model(), () -> {
            Optional<ProjectRecords.ModelRecord> m = id.version() == null ? Optional.empty()
                    : ports.projects().model(id.project(), id.model(), id.version());
            return m.isPresent() ? m : ports.projects().model(id.project(), id.model(), null);
        });
    }

    private static List<String> generated(String prefix, int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    private EndpointDraft draft(Work w, Identity id) {
        String key = id.project() + "/" + id.uid();
        EndpointDraft d = w.drafts.get(key);
        if (d == null) {
            Optional<ModelEndpoint> stored = retry.call("read endpoint " + key,
                    () -> ports.endpoints().get(id.project(), id.uid()));
            d = stored.map(EndpointDraft::of).orElseGet(() -> EndpointDraft.create(id, mode(id.project())));
            if (stored.isPresent()) {
                d.analysedUntil(() -> retry.call("read last_analyzed of " + key,
                        () -> ports.endpoints().lastAnalyzedAny(id.project(), id.uid())));
            }
            w.drafts.put(key, d);
            window(id.project(), id.uid());
        }
        return d;
    }

    private MonitoringMode mode(String project) {
        boolean enabled = retry.call("read monitoring settings of " + project, () -> ports.projects()
                .monitoringSettings(project).map(ProjectRecords.MonitoringSettings::enabled).orElse(false));
        return enabled ? MonitoringMode.ENABLED : MonitoringMode.DISABLED;
    }

    /** The endpoint's live window, rebuilt from the time-series store's last hour on first use. */
    private LiveWindow window(String project, String uid) {
        String key = project + "/" + uid;
        LiveWindow lw = windows.get(key);
        if (lw == null) {
            Instant now = clock.instant();
            List<Prediction> recent = retry.call("read recent predictions of " + key, () -> ports.timeSeries()
                    .predictions(project, uid, now.minus(Duration.ofMinutes(61)), now.plus(Duration.ofDays(1))));
            lw = new LiveWindow();
            for (Prediction p : recent) {
                lw.add(p.time(), now, p.rows(), p.latencyMicros());
            }
            windows.put(key, lw);
        }
        return lw;
    }
}
