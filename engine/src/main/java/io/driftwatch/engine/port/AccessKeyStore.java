package io.driftwatch.engine.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: the per-project access keys of the REST API (issue 18). A store keeps only each key's hash (the server
 * hashes; a store never sees a key in clear), keyed by its public id. Implementations: in memory
 * ({@code MemoryAccessKeyStore} of the engine's memory package) and embedded DuckDB ({@code access_keys}).
 * A deleted key is gone for every reader at once (no cache in the store). Thread-safe.
 */
public interface AccessKeyStore {
    /**
     * One access key.
     *
     * @param id      the public id (also the key's visible prefix); unique over all projects
     * @param project the project the key grants access to
     * @param role    the role name ({@code viewer}, {@code editor}, {@code admin}, {@code ingest})
     * @param hash    the key's hash, self-describing (algorithm, parameters, salt)
     * @param created when the key was created
     */
    record KeyRow(String id, String project, String role, String hash, Instant created) {
        public KeyRow {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(created, "created");
        }
    }

    /**
     * Adds a key.
     *
     * @throws IllegalArgumentException if a key with the same id exists
     */
    void addKey(KeyRow row);

    /** The key with this id, in any project. */
    Optional<KeyRow> key(String id);

    /** The keys of a project, oldest first (created, then id). */
    List<KeyRow> keys(String project);

    /** Deletes (revokes) the key of {@code project} with this id; false if there was none. */
    boolean deleteKey(String project, String id);
}
