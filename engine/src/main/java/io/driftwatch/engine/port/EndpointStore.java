package io.driftwatch.engine.port;

import io.driftwatch.ModelEndpoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Port: the model endpoint records and the controller's per endpoint × app schedule. Implementations:
 * embedded (DuckDB), later PostgreSQL/MySQL. Every implementation must pass the engine's store test kit.
 */
public interface EndpointStore {
    Optional<ModelEndpoint> get(String project, String uid);

    /** Endpoints of a project matching the filter, ordered by uid. */
    List<ModelEndpoint> list(String project, EndpointFilter filter);

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
     * The latest {@code last_analyzed} over the endpoint's apps, if any app analysed a window: a row whose event
     * time is before it arrived after its window was analysed (a late row, counted by the stream processor).
     */
    Optional<Instant> lastAnalyzedAny(String project, String uid);

    /** Deletes every endpoint record of the project and their schedule entries; returns how many records. */
    int deleteProject(String project);
}
