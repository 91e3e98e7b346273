package io.driftwatch.engine.port;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Port: the model endpoint records and the controller's per endpoint × app schedule. Implementations:
 * embedded (DuckDB), later PostgreSQL/MySQL. Every implementation must pass the engine's store test kit.
 */
public interface EndpointStore {
    Optional<ModelEndpoint> get(String project, String uid);

    /** Endpoints of a project matching the filter, ordered by uid. */
    List<ModelEndpoint> list(String project, EndpointFilter filter);

    /**
     * The small state of every endpoint of the project, ordered by uid (issue 17 point 4): what the controller plans
     * its windows with, once per run. Stores answer it from small columns, without reading or decoding the records'
     * JSON and statistics. The default derives it from {@link #list} (computing each {@link ReferenceVersion}).
     */
    default List<EndpointState> states(String project) {
        return list(project, EndpointFilter.ALL).stream().map(EndpointState::of).toList();
    }

    /**
     * The records of {@code uids} of the project, by uid (uids without a record are absent): one query where the
     * store can, for the controller's batch of endpoints that have a window to analyse.
     */
    default Map<String, ModelEndpoint> getAll(String project, Collection<String> uids) {
        Map<String, ModelEndpoint> out = new LinkedHashMap<>();
        for (String uid : uids) {
            get(project, uid).ifPresent(e -> out.put(uid, e));
        }
        return out;
    }

    /**
     * The model name of every endpoint of the project, by uid (null where an endpoint names none): what the UI's
     * app-results table shows beside each result. One query of two columns where the store can; the default reads
     * the records.
     */
    default Map<String, String> models(String project) {
        Map<String, String> out = new LinkedHashMap<>();
        list(project, EndpointFilter.ALL).forEach(e -> out.put(e.uid(), e.spec().model()));
        return out;
    }

    /** Creates or replaces the record (keyed by project + uid). */
    void put(ModelEndpoint endpoint);

    /**
     * Atomically replaces the stored record with {@code change(stored)}: no other write to the record can happen
     * between the read and the write (the writer's drift fields, the API's PATCH and the processor's counters never
     * overwrite each other). The change runs once, under the store's write lock, and must be quick.
     *
     * @return the new record, or empty (and {@code change} not called) when there is none
     */
    Optional<ModelEndpoint> update(String project, String uid, UnaryOperator<ModelEndpoint> change);

    /** Deletes the record and its schedule entries; false if there was none. */
    boolean delete(String project, String uid);

    /** The end of the last window the app analysed for the endpoint, if any. */
    Optional<Instant> lastAnalyzed(String project, String uid, String application);

    void setLastAnalyzed(String project, String uid, String application, Instant windowEnd);

    /**
     * Every stored {@code last_analyzed} of the project's endpoints, uid → application → window end: what the
     * controller reads once per run instead of one query per endpoint × app. Stores answer it with one query by the
     * schedule's key prefix.
     */
    Map<String, Map<String, Instant>> lastAnalyzedOfProject(String project);

    /**
     * Sets many {@code last_analyzed} at once (one transaction where the store has them): the controller's write
     * after a batch of endpoints. Equal to calling {@link #setLastAnalyzed(String, String, String, Instant)} for each.
     */
    default void setLastAnalyzed(List<Schedule> schedules) {
        for (Schedule s : schedules) {
            setLastAnalyzed(s.project(), s.uid(), s.application(), s.lastAnalyzed());
        }
    }

    /**
     * Runs {@code writes} so that the writes it makes to this store and to the time-series store of the same backend
     * share one transaction where the backend can: all of them or none are stored. The controller writes each batch of
     * endpoints' outputs, drift and {@code last_analyzed} through it (the embedded store commits once per batch
     * instead of three times: every DuckDB statement and commit costs ~0.1–0.5 ms of CPU, whatever its size). Reads
     * inside may not see the uncommitted writes. The default runs {@code writes} as they are.
     */
    default <T> T writeTogether(String project, Supplier<T> writes) {
        return writes.get();
    }

    /**
     * Records analysed windows' drift on their endpoints (DESIGN.md §6: {@code drift_status}, {@code drift_measures},
     * {@code current_stats}) and nothing else of the records, in one transaction where the store has them, by key:
     * no read or rewrite of the whole record. Endpoints that are gone are skipped; for one endpoint the last update
     * of the list wins. Afterwards {@link #get} answers the records with these fields.
     */
    default void recordDrift(List<DriftUpdate> updates) {
        for (DriftUpdate u : updates) {
            update(u.project(), u.uid(), u::applyTo);
        }
    }

    /** One endpoint × app's {@code last_analyzed}. */
    record Schedule(String project, String uid, String application, Instant lastAnalyzed) {
        public Schedule {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(application, "application");
            Objects.requireNonNull(lastAnalyzed, "lastAnalyzed");
        }
    }

    /**
     * The drift fields the writer records on an endpoint for one analysed window. {@code statsSource}, when not null,
     * names the app result written in the same {@link #writeTogether} call whose extra_data holds these
     * {@code current_stats}: a store may keep a reference to that result instead of a second copy of the statistics
     * (the embedded store does: ~8 KB less per window to write and to checkpoint).
     */
    record DriftUpdate(String project, String uid, ResultStatus driftStatus, Map<String, Object> driftMeasures,
                       FeatureStats currentStats, StatsSource statsSource) {
        public DriftUpdate {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(driftMeasures, "driftMeasures");
            Objects.requireNonNull(currentStats, "currentStats");
        }

        /** An update whose statistics are not known to be stored elsewhere. */
        public DriftUpdate(String project, String uid, ResultStatus driftStatus, Map<String, Object> driftMeasures,
                           FeatureStats currentStats) {
            this(project, uid, driftStatus, driftMeasures, currentStats, null);
        }

        /** {@code ep} with these drift fields. */
        public ModelEndpoint applyTo(ModelEndpoint ep) {
            return ep.withStatus(ep.status().toBuilder().currentStats(currentStats).driftStatus(driftStatus)
                    .driftMeasures(driftMeasures).build());
        }
    }

    /**
     * The app result of the endpoint (application, name, window end) whose extra_data's {@code current_stats} equal a
     * {@link DriftUpdate}'s statistics.
     */
    record StatsSource(String application, String name, Instant windowEnd) {
        public StatsSource {
            Objects.requireNonNull(application, "application");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(windowEnd, "windowEnd");
        }
    }

    /**
     * The latest {@code last_analyzed} over the endpoint's apps, if any app analysed a window: a row whose event
     * time is before it arrived after its window was analysed (a late row, counted by the stream processor).
     */
    Optional<Instant> lastAnalyzedAny(String project, String uid);

    /** Deletes every endpoint record of the project and their schedule entries; returns how many records. */
    int deleteProject(String project);
}
