package io.driftwatch.engine.processor;

import io.driftwatch.FeatureStats;
import io.driftwatch.LiveMetrics;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.engine.processor.ParsedEvent.Identity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * An endpoint record being updated by one batch. Starts from the stored record (read fresh each batch, so the
 * writer's and the API's changes are kept) or from a new one; the processor owns first/last request, error count,
 * live metrics, and fills function_uri, model, model_class, labels and names.
 */
final class EndpointDraft {
    /** At most this many late event times are recorded per batch (more rows still count in {@code late_rows}). */
    static final int MAX_PENDING_LATE = 1000;
    private final ModelEndpoint base;
    private final String project;
    private final String uid;
    private final Map<String, String> labels;
    private ModelEndpoint.Spec spec;
    private FeatureStats featureStats;
    private Instant first;
    private Instant last;
    private long errorCount;
    private boolean changed;
    /** The stored record's last request: no row at or after it can be late. */
    private final Instant lateBound;
    private Supplier<Optional<Instant>> analysedUntilSource;
    /**
     * The end of the last analysed window (over the apps): rows before it are late. Read lazily from
     * {@link #analysedUntilSource}; {@link Instant#MIN} when nothing was analysed, null before the read.
     */
    private Instant analysedUntil;
    private long lateRows;
    /** Event times of this batch's late rows (distinct); merged into the stored pending list by the sink. */
    private final TreeSet<Instant> newLate = new TreeSet<>();

    private EndpointDraft(ModelEndpoint base) {
        this.base = base;
        this.project = base.project();
        this.uid = base.uid();
        this.labels = new LinkedHashMap<>(base.metadata().labels());
        this.spec = base.spec();
        this.featureStats = base.status().featureStats();
        this.first = base.status().firstRequest();
        this.last = base.status().lastRequest();
        this.errorCount = base.status().errorCount();
        this.lateRows = base.status().lateRows();
        this.lateBound = base.status().lastRequest();
    }

    static EndpointDraft of(ModelEndpoint stored) {
        return new EndpointDraft(stored);
    }

    /** A new record for the event's endpoint (not yet stored: marked changed). */
    static EndpointDraft create(Identity id, MonitoringMode mode) {
        ModelEndpoint fresh = new ModelEndpoint(
                new ModelEndpoint.Metadata(id.project(), id.uid(), id.labels()),
                ModelEndpoint.Spec.builder().functionUri(id.functionUri()).model(id.model()).modelVersion(id.version())
                        .modelClass(id.modelClass()).monitoringMode(mode).active(true).build(),
                ModelEndpoint.Status.initial(null));
        EndpointDraft d = new EndpointDraft(fresh);
        d.changed = true;
        return d;
    }

    String project() {
        return project;
    }

    String uid() {
        return uid;
    }

    List<String> featureNames() {
        return spec.featureNames();
    }

    List<String> labelNames() {
        return spec.labelNames();
    }

    /** The reference statistics the record has (or gets from the logged model in this batch). */
    FeatureStats featureStats() {
        return featureStats;
    }

    boolean hasFeatureStats() {
        return !featureStats.isEmpty();
    }

    /** Sets names (and the reference statistics when the record has none). Written only with a later change. */
    void names(List<String> features, List<String> outputs, FeatureStats stats) {
        spec = spec.toBuilder().featureNames(features).labelNames(outputs).build();
        if (featureStats.isEmpty() && stats != null) {
            featureStats = stats;
        }
    }

    /** Records what every attributable event says about the endpoint: function, model, class, labels. */
    void seen(Identity id) {
        labels.putAll(id.labels());
        changed = true;
        if (id.functionUri().equals(spec.functionUri()) && id.model().equals(spec.model())
                && (id.version() == null || id.version().equals(spec.modelVersion()))
                && (id.modelClass() == null || id.modelClass().equals(spec.modelClass()))) {
            return;
        }
        String modelClass = id.modelClass() != null ? id.modelClass() : spec.modelClass();
        String version = id.version() != null ? id.version() : spec.modelVersion();
        spec = spec.toBuilder().functionUri(id.functionUri()).model(id.model()).modelVersion(version)
                .modelClass(modelClass).build();
        changed = true;
    }

    /** The endpoint's first request as of this batch (the stored one or earlier; null before any). */
    Instant firstRequest() {
        return first;
    }

    /** A request at event time {@code t}. */
    void request(Instant t) {
        first = first == null || t.isBefore(first) ? t : first;
        last = last == null || t.isAfter(last) ? t : last;
        changed = true;
    }

    /**
     * Where the end of the last analysed window comes from (the schedule), read at most once and only when a row is
     * older than the stored record's last request: the controller analyses only up to {@code last_request - grace},
     * so a row at or after it can never be late and in-order traffic costs no read.
     */
    void analysedUntil(Supplier<Optional<Instant>> source) {
        analysedUntilSource = source;
    }

    /** Counts {@code rows} at event time {@code t} as late when their window was already analysed. */
    void lateIfAnalysed(Instant t, int rows) {
        if (analysedUntilSource == null || lateBound == null || !t.isBefore(lateBound)) {
            return;
        }
        if (analysedUntil == null) {
            analysedUntil = analysedUntilSource.get().orElse(Instant.MIN);
        }
        if (!t.isBefore(analysedUntil)) {
            return;
        }
        lateRows += rows;
        if (newLate.size() < MAX_PENDING_LATE) {
            newLate.add(t);
        }
        changed = true;
    }

    void error() {
        errorCount++;
        changed = true;
    }

    boolean changed() {
        return changed;
    }

    ModelEndpoint build(LiveMetrics metrics) {
        ModelEndpoint.Status s = base.status();
        return new ModelEndpoint(new ModelEndpoint.Metadata(project, uid, labels), spec,
                s.toBuilder().featureStats(featureStats).firstRequest(first).lastRequest(last).errorCount(errorCount)
                        .metrics(metrics == null ? s.metrics() : metrics).lateRows(lateRows)
                        .pendingLate(List.copyOf(newLate)).build());
    }
}
