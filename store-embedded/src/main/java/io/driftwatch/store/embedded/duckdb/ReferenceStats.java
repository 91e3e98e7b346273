package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.ReferenceVersion;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;

/**
 * The endpoints' reference statistics stored once per distinct content (schema version 7): table
 * {@code reference_stats (hash, stats)}, referenced by {@code endpoints.stats_hash} (hex SHA-256 of the statistics'
 * JSON, {@link EndpointJson#writeStats}). The statistics are ~23 KB of a ~24 KB record and the same for every endpoint
 * of a model version. Stored inside each record, DuckDB read the whole {@code record} column of every row for a batch
 * of 256 uids (it plans the IN list as a hash join after a full scan), and every record's copy was parsed: a
 * {@code getAll} of 256 of 10,000 endpoints of one model took 108–142 ms (its SQL alone 56–77 ms) on 2 busy shared
 * cores; with the statistics apart (records ~1.2 KB) 11–26 ms (SQL alone 7.5–13.5 ms), after the JIT's first round
 * (39 batches timed through the store, docs/benchmarks.md "Issue 17, round 11"). Rows written before version 7
 * ({@code stats_hash} NULL) keep their statistics inside the record and read as before: no backfill, a row moves to
 * the new form at its next write.
 * <p>
 * Writes insert each distinct content once per batch ({@code ON CONFLICT DO NOTHING}); a write that replaces or
 * deletes rows deletes, in its transaction, the contents of their old hashes that no row references any more
 * (reading only {@code uid, stats_hash}, never {@code record}). Measured on the same 10,000 endpoints: a
 * {@code put} of an unchanged endpoint 33–37 ms before, 15–22 ms after; an {@code update} 37–46 ms before, 14–16 ms
 * after (both mostly DuckDB's commit; the hash query and the insert that conflicts cost little).
 * <p>
 * Parsed statistics are kept by hash, least recently used evicted, {@link #CACHE_ENTRIES} entries: content-addressed,
 * so an entry is never stale. A parsed entry takes about as much heap as its JSON (measured: ~21 KB for 23 KB of JSON,
 * 40 numeric columns with 20-bin histograms), so the cache holds at most ~5 MB of such statistics (256 × 21 KB), and
 * usually a few entries (one per model version in use). Thread-safe.
 */
final class ReferenceStats {
    /** The most parsed statistics kept. */
    static final int CACHE_ENTRIES = 256;
    private static final String INSERT = "INSERT INTO reference_stats VALUES (?, ?) ON CONFLICT DO NOTHING";

    private final Map<String, FeatureStats> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FeatureStats> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };
    /** Statistics parsed from {@code reference_stats} since open (package-private for tests). */
    final AtomicLong parses = new AtomicLong();

    /** One endpoint's row values: the record's JSON (without its statistics when hashed) and the hash, or null. */
    record Split(String record, String hash, String statsJson) {
    }

    /** The values to store for {@code e}: statistics apart when it has any, else the record as it is. */
    static Split split(ModelEndpoint e) {
        FeatureStats stats = e.status().featureStats();
        if (stats.isEmpty()) {
            return new Split(EndpointJson.write(e), null, null);
        }
        String json = EndpointJson.writeStats(stats);
        ModelEndpoint bare = e.withStatus(e.status().toBuilder().featureStats(FeatureStats.empty()).build());
        return new Split(EndpointJson.write(bare), ReferenceVersion.contentHash(json), json);
    }

    /** Inserts the distinct statistics of {@code splits} that are not stored yet, in the caller's transaction. */
    static void insert(DuckDatabase db, DuckDBConnection c, Collection<Split> splits) throws SQLException {
        Map<String, String> distinct = new LinkedHashMap<>();
        splits.stream().filter(s -> s.hash() != null).forEach(s -> distinct.putIfAbsent(s.hash(), s.statsJson()));
        if (distinct.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = db.statement(c, INSERT)) {
            for (Map.Entry<String, String> e : distinct.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Deletes the rows of {@code hashes} that no endpoint references any more, in the caller's transaction (after the
     * endpoints' rows changed). One statement per 256 hashes; reads only the {@code stats_hash} column.
     */
    static void deleteOrphans(DuckDatabase db, DuckDBConnection c, Collection<String> hashes) throws SQLException {
        Set<String> distinct = new HashSet<>(hashes);
        distinct.remove(null);
        for (List<String> part : Sql.inLists(distinct)) {
            try (PreparedStatement ps = db.statement(c, "DELETE FROM reference_stats WHERE hash IN ("
                    + Sql.marks(part.size()) + ") AND hash NOT IN (SELECT stats_hash FROM endpoints"
                    + " WHERE stats_hash IS NOT NULL)")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                ps.executeUpdate();
            }
        }
    }

    /** The distinct stored hashes of the project's {@code uids} (one query per 256 over small columns only). */
    static Set<String> hashes(DuckDatabase db, DuckDBConnection c, String project, Collection<String> uids)
            throws SQLException {
        Set<String> out = new HashSet<>();
        for (List<String> part : Sql.inLists(new java.util.LinkedHashSet<>(uids))) {
            try (PreparedStatement ps = db.statement(c, "SELECT DISTINCT stats_hash FROM endpoints WHERE project = ?"
                    + " AND uid IN (" + Sql.marks(part.size()) + ") AND stats_hash IS NOT NULL")) {
                ps.setString(1, project);
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 2, part.get(i));
                }
                collect(ps, out);
            }
        }
        return out;
    }

    /** The distinct stored hashes of the project's endpoints. */
    static Set<String> hashes(DuckDatabase db, DuckDBConnection c, String project) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = db.statement(c, "SELECT DISTINCT stats_hash FROM endpoints WHERE project = ?"
                + " AND stats_hash IS NOT NULL")) {
            ps.setString(1, project);
            collect(ps, out);
        }
        return out;
    }

    private static void collect(PreparedStatement ps, Set<String> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
    }

    /** The parsed statistics of {@code hashes}: cached ones from memory, the others in one query per 256. */
    Map<String, FeatureStats> resolve(DuckDatabase db, DuckDBConnection c, Collection<String> hashes)
            throws SQLException {
        Map<String, FeatureStats> out = new HashMap<>();
        Set<String> missing = new HashSet<>();
        synchronized (cache) {
            for (String h : hashes) {
                FeatureStats s = h == null ? null : cache.get(h);
                if (s != null) {
                    out.put(h, s);
                } else if (h != null) {
                    missing.add(h);
                }
            }
        }
        for (List<String> part : Sql.inLists(missing)) {
            read(db, c, part, out);
        }
        for (String h : missing) {
            if (!out.containsKey(h)) {
                throw new IllegalStateException("reference_stats has no row " + h + " that an endpoint references");
            }
        }
        return out;
    }

    private void read(DuckDatabase db, DuckDBConnection c, List<String> part, Map<String, FeatureStats> out)
            throws SQLException {
        try (PreparedStatement ps = db.statement(c, "SELECT hash, stats FROM reference_stats WHERE hash IN ("
                + Sql.marks(part.size()) + ")")) {
            for (int i = 0; i < part.size(); i++) {
                ps.setString(i + 1, part.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String hash = rs.getString(1);
                    if (!out.containsKey(hash)) {
                        FeatureStats parsed = EndpointJson.readStats(rs.getString(2));
                        parses.incrementAndGet();
                        out.put(hash, parsed);
                        synchronized (cache) {
                            cache.put(hash, parsed);
                        }
                    }
                }
            }
        }
    }

    /** The record with the statistics of {@code hash} (the record unchanged when it has none). */
    static ModelEndpoint withStats(ModelEndpoint record, String hash, Map<String, FeatureStats> resolved) {
        return hash == null ? record
                : record.withStatus(record.status().toBuilder().featureStats(resolved.get(hash)).build());
    }

}
