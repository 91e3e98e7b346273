package io.driftwatch.store.sql;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.port.EndpointStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@link EndpointStore} on {@code endpoints}, {@code endpoint_drift} (see {@link EndpointRows}) and
 * {@code monitoring_schedules}. Every read and write of one endpoint goes by primary key; {@link #update} locks the
 * endpoint row ({@code SELECT … FOR UPDATE}) for its transaction, so concurrent updates from any number of
 * processes serialise on that row and none is lost. Model, function, first/last request are filtered in SQL,
 * labels on the decoded records of the project. The reference statistics are stored once per distinct content in
 * {@code reference_stats} ({@link ReferenceStats}): a write adds the row of new statistics, a read fetches the hashes
 * not cached in one query, a deletion or a change of statistics removes the rows no endpoint uses any more, each in
 * the operation's transaction.
 */
final class SqlEndpointStore implements EndpointStore {
    private final SqlDatabase db;

    SqlEndpointStore(SqlDatabase db) {
        this.db = db;
    }

    /** The database the store writes to (the time-series setting must name the same). */
    Target target() {
        return db.target();
    }

    @Override
    public Optional<ModelEndpoint> get(String project, String uid) {
        return db.read("get endpoint " + uid, c -> find(db, c, project, uid));
    }

    static Optional<ModelEndpoint> find(SqlDatabase db, Connection c, String project, String uid)
            throws SQLException {
        return resolve(db, c, Jdbc.query(c, db.dialect(), EndpointRows.SELECT + " WHERE e.project = ? AND e.uid = ?",
                rs -> EndpointRows.read(db.dialect(), rs), List.of(project, uid))).stream().findFirst();
    }

    /**
     * The records of rows read with {@link EndpointRows#SELECT}, each with its reference statistics and its current
     * statistics (those kept in a history row read in one query, {@link HistoryExtra}).
     */
    static List<ModelEndpoint> resolve(SqlDatabase db, Connection c, List<ReferenceStats.Row> rows)
            throws SQLException {
        List<ModelEndpoint> out = db.referenceStats().resolve(c, db.dialect(), rows);
        if (rows.stream().allMatch(r -> r.statsSeq() == null)) {
            return out;
        }
        Map<Long, String> extra = HistoryExtra.extraData(c, db.dialect(),
                rows.stream().map(ReferenceStats.Row::statsSeq).toList());
        List<ModelEndpoint> withStats = new ArrayList<>(out.size());
        for (int i = 0; i < rows.size(); i++) {
            ModelEndpoint e = out.get(i);
            Long seq = rows.get(i).statsSeq();
            withStats.add(seq == null ? e : e.withStatus(e.status().toBuilder()
                    .currentStats(EndpointJson.currentStatsOf(extra.get(seq))).build()));
        }
        return withStats;
    }

    /** Locks the endpoint row for the caller's transaction and reads the record; empty when there is none. */
    static Optional<ModelEndpoint> lock(SqlDatabase db, Connection c, String project, String uid)
            throws SQLException {
        boolean exists = Jdbc.first(c, db.dialect(), "SELECT 1 FROM endpoints WHERE project = ? AND uid = ? FOR UPDATE",
                rs -> true, List.of(project, uid)).isPresent();
        return exists ? find(db, c, project, uid) : Optional.empty();
    }

    /**
     * Locks the rows of {@code uids} of the project for the caller's transaction (in uid order) and reads their
     * records; uids without a record are absent from the map. Both statements are primary-key lookups per uid
     * ({@link ByUids}: {@code uid IN (…)} read the whole project on a PostgreSQL table without statistics).
     */
    static Map<String, ModelEndpoint> lockAll(SqlDatabase db, Connection c, String project, List<String> uids)
            throws SQLException {
        List<String> ordered = uids.stream().sorted().distinct().toList();
        List<String> locked = ByUids.query(c, db.dialect(), "SELECT uid FROM endpoints", "", project, ordered, true,
                rs -> rs.getString(1));
        Map<String, ModelEndpoint> out = new java.util.HashMap<>();
        if (!locked.isEmpty()) {
            resolve(db, c, ByUids.query(c, db.dialect(), EndpointRows.SELECT, "e", project, locked,
                    rs -> EndpointRows.read(db.dialect(), rs))).forEach(e -> out.put(e.uid(), e));
        }
        return out;
    }

    @Override
    public Optional<ModelEndpoint> update(String project, String uid, UnaryOperator<ModelEndpoint> change) {
        Objects.requireNonNull(change, "change");
        return db.write("update endpoint " + uid, c -> {
            Optional<ModelEndpoint> current = lock(db, c, project, uid);
            if (current.isEmpty()) {
                return current;
            }
            ModelEndpoint next = change.apply(current.get());
            if (!next.project().equals(project) || !next.uid().equals(uid)) {
                throw new IllegalArgumentException("update must not change the endpoint's project or uid");
            }
            writeChanges(db, c, current.get(), next);
            return Optional.of(next);
        });
    }

    /**
     * One transaction on one connection for every read and write of this database's stores that {@code writes}
     * makes on this thread: the endpoint store's and the time-series store's (they share the pool,
     * {@link SqlStoreProvider}); see {@link BatchTransaction} (on PostgreSQL with asynchronous commit, and why that
     * is safe). One commit per controller batch instead of ~4.
     */
    @Override
    public <T> T writeTogether(String project, java.util.function.Supplier<T> writes) {
        Objects.requireNonNull(writes, "writes");
        return db.together("write a batch of project " + project, writes);
    }

    /** Writes the columns of {@code after} that differ from {@code before} (both rows keyed by project, uid). */
    static void writeChanges(SqlDatabase db, Connection c, ModelEndpoint before, ModelEndpoint after)
            throws SQLException {
        writeChanges(db, c, before, after, new HashSet<>());
    }

    /**
     * As {@link #writeChanges(SqlDatabase, Connection, ModelEndpoint, ModelEndpoint)}; changed statistics get their
     * {@code reference_stats} row (unless its hash is in {@code ensured}, the hashes this transaction made sure of)
     * and the old one goes when no endpoint uses it any more.
     */
    static void writeChanges(SqlDatabase db, Connection c, ModelEndpoint before, ModelEndpoint after,
                             Set<String> ensured) throws SQLException {
        Map<String, Object> main = EndpointRows.changedMain(before, after);
        String oldHash = null;
        String newHash = null;
        if (main.containsKey("stats_hash")) {
            oldHash = ReferenceStats.statsHash(c, db.dialect(), after.project(), after.uid());
            newHash = main.get("stats_hash") instanceof String h ? h : null;
            ReferenceStats.lockForChange(c, db.dialect(), oldHash, newHash, after.status().featureStats(), ensured);
        }
        if (!main.isEmpty()) {
            List<Object> args = new ArrayList<>(main.values());
            StringBuilder sql = new StringBuilder("UPDATE endpoints SET ");
            main.keySet().forEach(col -> sql.append(col).append(" = ?, "));
            sql.append("updated = ? WHERE project = ? AND uid = ?");
            args.addAll(List.of(db.clock().instant(), after.project(), after.uid()));
            Jdbc.update(c, db.dialect(), sql.toString(), args);
        }
        if (EndpointRows.driftChanged(before, after)) {
            upsert(db, c, "endpoint_drift", EndpointRows.DRIFT, EndpointRows.driftRow(after));
        }
        ReferenceStats.dropIfOrphaned(c, db.dialect(), oldHash, newHash);
    }

    /** Inserts or replaces both rows of the record in the caller's transaction. */
    static void put(SqlDatabase db, Connection c, ModelEndpoint e) throws SQLException {
        put(db, c, e, new HashSet<>(), true);
    }

    /**
     * As {@link #put(SqlDatabase, Connection, ModelEndpoint)}; {@code ensured}: the statistics hashes this transaction
     * made sure of; {@code mayExist} false when the caller knows the row is new (no old statistics to check).
     */
    static void put(SqlDatabase db, Connection c, ModelEndpoint e, Set<String> ensured, boolean mayExist)
            throws SQLException {
        Map<String, Object> row = EndpointRows.mainRow(e);
        String newHash = row.get("stats_hash") instanceof String h ? h : null;
        String oldHash = mayExist ? ReferenceStats.statsHash(c, db.dialect(), e.project(), e.uid()) : null;
        ReferenceStats.lockForChange(c, db.dialect(), oldHash, newHash, e.status().featureStats(), ensured);
        upsert(db, c, "endpoints", EndpointRows.MAIN, row);
        upsert(db, c, "endpoint_drift", EndpointRows.DRIFT, EndpointRows.driftRow(e));
        ReferenceStats.dropIfOrphaned(c, db.dialect(), oldHash, newHash);
    }

    private static void upsert(SqlDatabase db, Connection c, String table, List<String> columns,
                               Map<String, Object> row) throws SQLException {
        List<Object> args = new ArrayList<>(row.values());
        args.add(db.clock().instant());
        Jdbc.update(c, db.dialect(), db.dialect().upsert(table, columns, EndpointRows.KEY), args);
    }

    @Override
    public List<ModelEndpoint> list(String project, EndpointFilter filter) {
        Objects.requireNonNull(filter, "filter");
        StringBuilder sql = new StringBuilder(EndpointRows.SELECT).append(" WHERE e.project = ?");
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
            sql.append(" AND e.last_request >= ?");
            args.add(filter.start());
        }
        if (filter.end() != null) {
            sql.append(" AND e.first_request < ?");
            args.add(filter.end());
        }
        sql.append(" ORDER BY e.uid");
        List<ModelEndpoint> found = db.read("list endpoints of " + project, c -> resolve(db, c,
                Jdbc.query(c, db.dialect(), sql.toString(), rs -> EndpointRows.read(db.dialect(), rs), args)));
        return found.stream().filter(e -> labelsMatch(e, filter.labels())).toList();
    }

    private static boolean labelsMatch(ModelEndpoint e, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(w -> w.getValue().equals(e.metadata().labels().get(w.getKey())));
    }

    /** The model column of the project's rows: no record decoded. */
    @Override
    public Map<String, String> models(String project) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        db.read("read endpoint models of " + project, c -> Jdbc.query(c, db.dialect(),
                "SELECT uid, model FROM endpoints WHERE project = ? ORDER BY uid",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, List.of(project)))
                .forEach(row -> out.put(row[0], row[1]));
        return out;
    }

    /** Every endpoint's small state from its row's columns (no JSON decoded). */
    @Override
    public List<EndpointState> states(String project) {
        return db.read("read endpoint states of " + project, c -> Jdbc.query(c, db.dialect(), EndpointRows.STATES,
                rs -> EndpointRows.state(db.dialect(), project, rs), List.of(project)));
    }

    /**
     * The records of the uids in one query (per 256 uids), and one for their reference statistics not cached
     * ({@link ReferenceStats}).
     */
    @Override
    public Map<String, ModelEndpoint> getAll(String project, Collection<String> uids) {
        List<String> all = List.copyOf(uids);
        Map<String, ModelEndpoint> out = new java.util.LinkedHashMap<>();
        for (int from = 0; from < all.size(); from += 256) {
            List<String> part = all.subList(from, Math.min(all.size(), from + 256));
            db.read("read " + part.size() + " endpoints of " + project, c -> resolve(db, c, ByUids.query(c,
                    db.dialect(), EndpointRows.SELECT, "e", project, part, rs -> EndpointRows.read(db.dialect(), rs))))
                    .forEach(e -> out.put(e.uid(), e));
        }
        return out;
    }

    @Override
    public void put(ModelEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        db.write("put endpoint " + endpoint.uid(), c -> {
            put(db, c, endpoint);
            return null;
        });
    }

    @Override
    public boolean delete(String project, String uid) {
        return db.write("delete endpoint " + uid, c -> {
            String hash = ReferenceStats.statsHash(c, db.dialect(), project, uid);
            if (hash != null) {
                ReferenceStats.lockForUpdate(c, db.dialect(), List.of(hash)); // before the row goes: lockForChange
            }
            int n = Jdbc.update(c, db.dialect(), "DELETE FROM endpoints WHERE project = ? AND uid = ?",
                    List.of(project, uid));
            for (String table : List.of("endpoint_drift", "monitoring_schedules")) {
                Jdbc.update(c, db.dialect(), "DELETE FROM " + table + " WHERE project = ? AND uid = ?",
                        List.of(project, uid));
            }
            ReferenceStats.dropIfOrphaned(c, db.dialect(), hash, null);
            return n > 0;
        });
    }

    @Override
    public Optional<Instant> lastAnalyzed(String project, String uid, String application) {
        return db.read("read last_analyzed of " + uid, c -> Jdbc.first(c, db.dialect(), "SELECT last_analyzed FROM "
                + "monitoring_schedules WHERE project = ? AND uid = ? AND application = ?",
                rs -> db.dialect().time(rs, 1), List.of(project, uid, application)));
    }

    @Override
    public Optional<Instant> lastAnalyzedAny(String project, String uid) {
        return db.read("read last_analyzed of " + uid, c -> Jdbc.first(c, db.dialect(), "SELECT max(last_analyzed)"
                + " FROM monitoring_schedules WHERE project = ? AND uid = ?", rs -> db.dialect().time(rs, 1),
                List.of(project, uid)).filter(Objects::nonNull));
    }

    @Override
    public void setLastAnalyzed(String project, String uid, String application, Instant windowEnd) {
        Objects.requireNonNull(windowEnd, "windowEnd");
        db.read("set last_analyzed of " + uid, c -> Jdbc.update(c, db.dialect(), db.dialect().upsert(
                "monitoring_schedules", List.of("project", "uid", "application", "last_analyzed"),
                List.of("project", "uid", "application")), List.of(project, uid, application, windowEnd)));
    }

    @Override
    public Map<String, Map<String, Instant>> lastAnalyzedOfProject(String project) {
        Map<String, Map<String, Instant>> out = new java.util.HashMap<>();
        db.read("read last_analyzed of project " + project, c -> Jdbc.query(c, db.dialect(), "SELECT uid, "
                + "application, last_analyzed FROM monitoring_schedules WHERE project = ?", rs -> {
                    out.computeIfAbsent(rs.getString(1), u -> new java.util.HashMap<>()).put(rs.getString(2),
                            db.dialect().time(rs, 3));
                    return null;
                }, List.of(project)));
        return out;
    }

    /** One transaction: every schedule row upserted by primary key. */
    @Override
    public void setLastAnalyzed(List<Schedule> schedules) {
        if (schedules.isEmpty()) {
            return;
        }
        String sql = db.dialect().upsert("monitoring_schedules", List.of("project", "uid", "application",
                "last_analyzed"), List.of("project", "uid", "application"));
        Map<List<String>, Schedule> last = new java.util.LinkedHashMap<>();
        schedules.forEach(s -> last.put(List.of(s.project(), s.uid(), s.application()), s));
        db.write("set last_analyzed of " + last.size() + " endpoint-apps", c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                for (Schedule s : last.values()) {
                    Jdbc.bind(db.dialect(), ps, List.of(s.project(), s.uid(), s.application(), s.lastAnalyzed()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * One transaction per project: the {@code endpoint_drift} rows of the endpoints that exist (one query over the
     * batch's uids, a primary-key lookup per uid: {@link ByUids}), upserted by primary key in one JDBC batch (one multi-row upsert on the wire: PostgreSQL's
     * {@code reWriteBatchedInserts}, MariaDB's {@code rewriteBatchedStatements}); the {@code endpoints} row is
     * neither locked nor written. Before: one statement per endpoint (64 round trips per controller batch).
     */
    @Override
    public void recordDrift(List<DriftUpdate> updates) {
        Map<String, Map<String, DriftUpdate>> byProject = new java.util.LinkedHashMap<>();
        updates.forEach(u -> byProject.computeIfAbsent(u.project(), p -> new java.util.LinkedHashMap<>())
                .put(u.uid(), u));
        String sql = db.dialect().upsert("endpoint_drift", EndpointRows.DRIFT, EndpointRows.KEY);
        byProject.forEach((project, byUid) -> db.write("record drift of " + byUid.size() + " endpoint(s)", c -> {
            // ordered: one lock order for every writer, so concurrent batches cannot deadlock
            List<String> existing = ByUids.query(c, db.dialect(), "SELECT uid FROM endpoints", "", project,
                    byUid.keySet().stream().sorted().toList(), rs -> rs.getString(1)).stream().sorted().toList();
            Instant now = db.clock().instant();
            Jdbc.batch(c, db.dialect(), sql, existing, uid -> {
                DriftUpdate u = byUid.get(uid);
                List<Object> row = new ArrayList<>(EndpointRows.driftRow(u, statsSeq(u)).values());
                row.add(now);
                return row;
            });
            return null;
        }));
    }

    /**
     * The history row written in this transaction that holds the update's statistics as its result's
     * current_stats ({@link HistoryExtra}); null when there is none: the drift row gets its own copy.
     */
    private Long statsSeq(DriftUpdate u) {
        StatsSource src = u.statsSource();
        return src == null ? null : db.historyOnlySeq(HistoryExtra.key(u.project(), u.uid(), src.application(),
                src.name(), src.windowEnd()));
    }

    @Override
    public int deleteProject(String project) {
        return db.write("delete endpoints of project " + project, c -> {
            List<String> hashes = Jdbc.query(c, db.dialect(), "SELECT DISTINCT stats_hash FROM endpoints WHERE"
                    + " project = ? AND stats_hash IS NOT NULL", rs -> rs.getString(1), List.of(project));
            ReferenceStats.lockForUpdate(c, db.dialect(), hashes); // before the rows go: lockForChange
            int n = Jdbc.update(c, db.dialect(), "DELETE FROM endpoints WHERE project = ?", List.of(project));
            for (String table : List.of("endpoint_drift", "monitoring_schedules")) {
                Jdbc.update(c, db.dialect(), "DELETE FROM " + table + " WHERE project = ?", List.of(project));
            }
            ReferenceStats.deleteOrphans(c, db.dialect(), hashes);
            return n;
        });
    }
}
