package io.driftwatch.engine.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Port: the audit log of the REST API (issue 18 pt 9): one entry per state-changing call — who, what, when, from
 * where. The server appends after the answer's status is known; the retention job deletes old entries.
 * Implementations: in memory ({@code MemoryStores.auditLog()}) and embedded DuckDB ({@code audit_log}). Thread-safe.
 */
public interface AuditLog {
    /**
     * One state-changing call.
     *
     * @param time    when it was answered (the server's clock)
     * @param actor   who: a key's public prefix ({@code dw_<id>}), {@code admin} (server admin key),
     *                {@code anonymous} (auth off) or {@code unauthenticated} (no valid key)
     * @param role    the key's role ({@code viewer}, {@code ingest}, {@code editor}, {@code admin},
     *                {@code server-admin}); null for the last two actors
     * @param method  the HTTP method
     * @param route   the route pattern as registered (e.g. {@code /api/v1/projects/{p}/alerts/{name}})
     * @param project the project the call was about; null for server-wide calls
     * @param status  the answer's HTTP status
     * @param remote  the caller's address
     */
    record Entry(Instant time, String actor, String role, String method, String route, String project, int status,
                 String remote) {
        public Entry {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(remote, "remote");
        }
    }

    /** Appends an entry. */
    void append(Entry entry);

    /**
     * What to read.
     *
     * @param project only this project's entries; null: every entry, server-wide ones included
     * @param actor   only this actor's entries ({@code dw_<id>}, {@code admin}, …); null: every actor
     * @param since   only entries at or after it; null: from the oldest
     * @param until   only entries before it; null: up to the newest
     * @param limit   at most this many (positive)
     */
    record Filter(String project, String actor, Instant since, Instant until, int limit) {
        public Filter {
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be positive, got " + limit);
            }
        }

        /** True when {@code e} passes every condition but the limit. */
        public boolean matches(Entry e) {
            return (project == null || project.equals(e.project())) && (actor == null || actor.equals(e.actor()))
                    && (since == null || !e.time().isBefore(since)) && (until == null || e.time().isBefore(until));
        }
    }

    /** The newest entries first (by time; equal times: the later appended first) that pass {@code filter}. */
    List<Entry> query(Filter filter);

    /**
     * As {@link #query(Filter)} by project and start only.
     *
     * @param project only this project's entries; null: every entry, server-wide ones included
     * @param since   only entries at or after it; null: from the oldest
     * @param limit   at most this many (positive)
     */
    default List<Entry> query(String project, Instant since, int limit) {
        return query(new Filter(project, null, since, null, limit));
    }

    /** Deletes the entries before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff);
}
