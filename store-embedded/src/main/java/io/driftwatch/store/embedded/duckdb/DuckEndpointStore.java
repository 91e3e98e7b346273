package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ReferenceVersion;
import java.sql.PreparedStatement;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.duckdb.DuckDBConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link EndpointStore} on the {@code endpoints}, {@code endpoint_drift} and {@code monitoring_schedules} tables. The
 * record is stored as the codec's JSON ({@link EndpointJson}, read leniently) with its drift fields overlaid from
 * its {@code endpoint_drift} row when it has one ({@link DuckDrift}): the writer's per-window
 * {@link #recordDrift} and the controller's batched schedule writes touch only those small rows by key. Model,
 * function, first/last request are filtered in SQL, labels on the decoded records. The record's reference statistics
 * are stored apart, once per distinct content ({@link ReferenceStats}, schema version 7): a batch read of 256 of 10,000
 * records went from 108–142 ms to 11–26 ms.
 */
final class DuckEndpointStore implements EndpointStore {
    private static final String UPSERT = "INSERT OR REPLACE INTO endpoints VALUES (?, ?, ?, ?, ?, ?, ?, "
            + "make_timestamp(?::BIGINT), make_timestamp(?::BIGINT), ?, make_timestamp(?::BIGINT), ?, ?, ?, ?, ?)";

    private final DuckDatabase db;

    DuckEndpointStore(DuckDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<ModelEndpoint> get(String project, String uid) {
        return db.read("get endpoint " + uid, c -> find(db, c, project, uid));
    }

    /** The stored record, read through the caller's connection (and transaction). */
    static Optional<ModelEndpoint> find(DuckDatabase db, DuckDBConnection c, String project, String uid) throws SQLException {
        try (PreparedStatement ps = db.statement(c, "SELECT " + DuckDrift.COLUMNS + DuckDrift.FROM
                + " WHERE e.project = ? AND e.uid = ?")) {
            ps.setString(1, project);
            ps.setString(2, uid);
            DuckDrift.Row row;
            try (ResultSet rs = ps.executeQuery()) {
                row = rs.next() ? DuckDrift.row(rs) : null;
            }
            return row == null ? Optional.empty() : Optional.of(DuckDrift.records(db, c, List.of(row)).getFirst());
        }
    }

    @Override
    public Optional<ModelEndpoint> update(String project, String uid,
                                          UnaryOperator<ModelEndpoint> change) {
        Objects.requireNonNull(change, "change");
        return db.write("update endpoint " + uid, c -> {
            Optional<DuckEndpointStates.Stored> current = DuckEndpointStates.find(db, c, project, uid);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            ModelEndpoint before = current.get().record();
            ModelEndpoint next = change.apply(before);
            if (!next.project().equals(project) || !next.uid().equals(uid)) {
                throw new IllegalArgumentException("update must not change the endpoint's project or uid");
            }
            upsert(db, c, List.of(next), List.of(DuckEndpointStates.version(current, next)), db.clock().instant());
            if (DuckDrift.changed(before, next)) {
                DuckDrift.write(db, c, List.of(DuckDrift.of(next)), db.clock().instant(), false);
            }
            return Optional.of(next);
        });
    }

    /** Every endpoint's small state from its row's columns (no JSON decoded). */
    @Override
    public List<EndpointState> states(String project) {
        return db.read("read endpoint states of " + project, c -> DuckEndpointStates.states(db, c, project));
    }

    /** The records of the uids in one query (per 256 uids). */
    @Override
    public Map<String, ModelEndpoint> getAll(String project, Collection<String> uids) {
        if (uids.isEmpty()) {
            return Map.of();
        }
        return db.read("read " + uids.size() + " endpoints of " + project,
                c -> DuckEndpointStates.records(db, c, project, uids));
    }

    /** The model column of the project's rows: no record decoded, no statistics read. */
    @Override
    public Map<String, String> models(String project) {
        return db.read("read endpoint models of " + project, c -> {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = db.statement(c, "SELECT uid, model FROM endpoints WHERE project = ?"
                    + " ORDER BY uid")) {
                ps.setString(1, project);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<ModelEndpoint> list(String project, EndpointFilter filter) {
        Objects.requireNonNull(filter, "filter");
        StringBuilder sql = new StringBuilder("SELECT " + DuckDrift.COLUMNS + DuckDrift.FROM + " WHERE e.project = ?");
        List<Object> args = new ArrayList<>(List.of(project));
        if (filter.model() != null) {
            sql.append(" AND e.model = ?");
            args.add(filter.model());
        }
        if (filter.function() != null) {
            sql.append(" AND (e.function_uri = ? OR e.function_tagged = ? OR e.function_name = ?)");
            args.addAll(List.of(filter.function(), filter.function(), filter.function()));
        }
        if (filter.start() != null) {
            sql.append(" AND e.last_request >= make_timestamp(?::BIGINT)");
            args.add(Sql.micros(filter.start()));
        }
        if (filter.end() != null) {
            sql.append(" AND e.first_request < make_timestamp(?::BIGINT)");
            args.add(Sql.micros(filter.end()));
        }
        sql.append(" ORDER BY e.uid");
        List<ModelEndpoint> found = db.read("list endpoints of " + project, c -> {
            List<DuckDrift.Row> rows = new ArrayList<>();
            try (PreparedStatement ps = db.statement(c, sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(DuckDrift.row(rs));
                    }
                }
            }
            return DuckDrift.records(db, c, rows);
        });
        return found.stream().filter(e -> labelsMatch(e, filter.labels())).toList();
    }

    private static boolean labelsMatch(ModelEndpoint e, Map<String, String> wanted) {
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            if (!w.getValue().equals(e.metadata().labels().get(w.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void put(ModelEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        db.write("put endpoint " + endpoint.uid(), c -> {
            upsert(db, c, List.of(endpoint), List.of(ReferenceVersion.of(endpoint)), db.clock().instant());
            DuckDrift.write(db, c, List.of(DuckDrift.of(endpoint)), db.clock().instant(), false);
            return null;
        });
    }

    /**
     * Upserts the records in the caller's transaction, each with its {@link ReferenceVersion} (same order) and the
     * small state columns the controller reads ({@link DuckEndpointStates#columns}).
     */
    static void upsert(DuckDatabase db, DuckDBConnection c, List<ModelEndpoint> endpoints, List<String> versions,
                       Instant now) throws SQLException {
        if (endpoints.isEmpty()) {
            return;
        }
        List<ReferenceStats.Split> splits = endpoints.stream().map(ReferenceStats::split).toList();
        Set<String> before = previousHashes(db, c, endpoints);
        ReferenceStats.insert(db, c, splits);
        try (PreparedStatement ps = db.statement(c, UPSERT)) {
            for (int i = 0; i < endpoints.size(); i++) {
                ModelEndpoint e = endpoints.get(i);
                String fn = e.spec().functionUri();
                String tagged = fn == null ? null : fn.substring(fn.indexOf('/') + 1);
                String bare = tagged == null || tagged.indexOf(':') < 0 ? tagged
                        : tagged.substring(0, tagged.indexOf(':'));
                ps.setString(1, e.project());
                ps.setString(2, e.uid());
                ps.setString(3, e.spec().model());
                ps.setString(4, fn);
                ps.setString(5, tagged);
                ps.setString(6, bare);
                ps.setString(7, EndpointJson.labelsJson(e.metadata().labels()));
                Sql.setTime(ps, 8, e.status().firstRequest());
                Sql.setTime(ps, 9, e.status().lastRequest());
                ps.setString(10, splits.get(i).record());
                Sql.setTime(ps, 11, now);
                List<Object> small = DuckEndpointStates.columns(e, versions.get(i));
                for (int j = 0; j < small.size(); j++) {
                    ps.setObject(12 + j, small.get(j));
                }
                ps.setString(16, splits.get(i).hash());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        splits.forEach(s -> before.remove(s.hash()));
        ReferenceStats.deleteOrphans(db, c, before);
    }

    /** The stored statistics hashes of the endpoints' rows (before they are replaced), per project. */
    private static Set<String> previousHashes(DuckDatabase db, DuckDBConnection c, List<ModelEndpoint> endpoints)
            throws SQLException {
        Map<String, List<String>> byProject = new java.util.LinkedHashMap<>();
        endpoints.forEach(e -> byProject.computeIfAbsent(e.project(), p -> new ArrayList<>()).add(e.uid()));
        Set<String> out = new java.util.HashSet<>();
        for (Map.Entry<String, List<String>> p : byProject.entrySet()) {
            out.addAll(ReferenceStats.hashes(db, c, p.getKey(), p.getValue()));
        }
        return out;
    }

    @Override
    public boolean delete(String project, String uid) {
        return db.write("delete endpoint " + uid, c -> {
            Set<String> hashes = ReferenceStats.hashes(db, c, project, List.of(uid));
            int n;
            try (PreparedStatement ps = db.statement(c, "DELETE FROM endpoints WHERE project = ? AND uid = ?")) {
                ps.setString(1, project);
                ps.setString(2, uid);
                n = ps.executeUpdate();
            }
            for (String table : List.of("monitoring_schedules", "endpoint_drift")) {
                try (PreparedStatement ps = db.statement(c, "DELETE FROM " + table + " WHERE project = ? AND uid = ?")) {
                    ps.setString(1, project);
                    ps.setString(2, uid);
                    ps.executeUpdate();
                }
            }
            ReferenceStats.deleteOrphans(db, c, hashes);
            return n > 0;
        });
    }

    @Override
    public Optional<Instant> lastAnalyzed(String project, String uid, String application) {
        return db.read("read last_analyzed of " + uid, c -> {
            try (PreparedStatement ps = db.statement(c, "SELECT epoch_us(last_analyzed) FROM monitoring_schedules"
                    + " WHERE project = ? AND uid = ? AND application = ?")) {
                ps.setString(1, project);
                ps.setString(2, uid);
                ps.setString(3, application);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Sql.time(rs, 1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Instant> lastAnalyzedAny(String project, String uid) {
        return db.read("read last_analyzed of " + uid, c -> {
            try (PreparedStatement ps = db.statement(c, "SELECT epoch_us(max(last_analyzed)) FROM"
                    + " monitoring_schedules WHERE project = ? AND uid = ?")) {
                ps.setString(1, project);
                ps.setString(2, uid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(Sql.time(rs, 1));
                }
            }
        });
    }

    @Override
    public void setLastAnalyzed(String project, String uid, String application, Instant windowEnd) {
        Objects.requireNonNull(windowEnd, "windowEnd");
        db.write("set last_analyzed of " + uid, c -> {
            try (PreparedStatement ps = db.statement(c, 
                    "INSERT OR REPLACE INTO monitoring_schedules VALUES (?, ?, ?, make_timestamp(?::BIGINT))")) {
                ps.setString(1, project);
                ps.setString(2, uid);
                ps.setString(3, application);
                Sql.setTime(ps, 4, windowEnd);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void setLastAnalyzed(List<Schedule> schedules) {
        if (schedules.isEmpty()) {
            return;
        }
        db.write("set last_analyzed of " + schedules.size() + " endpoint-apps", c -> {
            DuckDrift.writeSchedules(db, c, schedules);
            return null;
        });
    }

    @Override
    public Map<String, Map<String, Instant>> lastAnalyzedOfProject(String project) {
        return db.read("read last_analyzed of project " + project, c -> DuckDrift.schedules(db, c, project));
    }

    /** The embedded store's and its time series' writes in {@code writes} commit once ({@link DuckDatabase#together}). */
    @Override
    public <T> T writeTogether(String project, Supplier<T> writes) {
        return db.together("write together in project " + project, writes);
    }

    /** One transaction per project of the list: the drift rows of the endpoints that exist, by key. */
    @Override
    public void recordDrift(List<DriftUpdate> updates) {
        Map<String, List<DriftUpdate>> byProject = new java.util.LinkedHashMap<>();
        updates.forEach(u -> byProject.computeIfAbsent(u.project(), p -> new ArrayList<>()).add(u));
        byProject.forEach((project, list) -> db.write("record drift of " + list.size() + " endpoint(s)", c -> {
            DuckDrift.write(db, c, list, db.clock().instant(), true);
            return null;
        }));
    }

    @Override
    public int deleteProject(String project) {
        return db.write("delete endpoints of project " + project, c -> {
            Set<String> hashes = ReferenceStats.hashes(db, c, project);
            int n;
            try (PreparedStatement ps = db.statement(c, "DELETE FROM endpoints WHERE project = ?")) {
                ps.setString(1, project);
                n = ps.executeUpdate();
            }
            for (String table : List.of("monitoring_schedules", "endpoint_drift")) {
                try (PreparedStatement ps = db.statement(c, "DELETE FROM " + table + " WHERE project = ?")) {
                    ps.setString(1, project);
                    ps.executeUpdate();
                }
            }
            ReferenceStats.deleteOrphans(db, c, hashes);
            return n;
        });
    }
}
