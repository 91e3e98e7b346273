package io.driftwatch.store.embedded.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EndpointStore.DriftUpdate;
import io.driftwatch.engine.port.EndpointStore.Schedule;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The small per-window rows of the endpoint store (issue 17): {@code endpoint_drift} (an analysed window's drift, by
 * key; overlaid on the record's JSON when read) and batched {@code monitoring_schedules} writes. The endpoint's JSON
 * record is never read or rewritten for them.
 */
final class DuckDrift {
    /**
     * The drift columns that the endpoint reads join in, after {@code record}, then the record's
     * {@code stats_hash} ({@link #WIDTH} columns; a caller's own columns follow from {@code WIDTH + 1}).
     */
    static final String COLUMNS = "e.record, d.drift_status, d.drift_measures, d.current_stats, d.uid IS NOT NULL,"
            + " d.stats_seq, e.stats_hash";
    /** The number of columns of {@link #COLUMNS}. */
    static final int WIDTH = 7;
    static final String FROM = " FROM endpoints e LEFT JOIN endpoint_drift d ON d.project = e.project AND d.uid = e.uid";
    private static final String UPSERT = "INSERT OR REPLACE INTO endpoint_drift SELECT * FROM temp.main."
            + Staging.DRIFT;
    private static final String UPSERT_EXISTING = UPSERT + " s WHERE EXISTS (SELECT 1 FROM endpoints e"
            + " WHERE e.project = s.project AND e.uid = s.uid)";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private DuckDrift() {
    }

    /**
     * A row selected with {@link #COLUMNS}, read before its statistics are: they may be in the history
     * ({@code statsSeq}, {@link HistoryExtra}), which is read for many rows at once, after the row's result set.
     */
    record Row(ModelEndpoint record, boolean drift, ResultStatus status, String measures, String stats,
               Long statsSeq, String statsHash) {
    }

    /** The row of a result set positioned on a row selected with {@link #COLUMNS}. */
    static Row row(ResultSet rs) throws SQLException {
        ModelEndpoint ep = EndpointJson.read(rs.getString(1), EndpointJson.Mode.LENIENT);
        String hash = rs.getString(7);
        if (!rs.getBoolean(5)) {
            return new Row(ep, false, null, null, null, null, hash);
        }
        int code = rs.getInt(2);
        ResultStatus status = rs.wasNull() ? null : ResultStatus.ofCode(code);
        long seq = rs.getLong(6);
        Long statsSeq = rs.wasNull() ? null : seq;
        return new Row(ep, true, status, rs.getString(3), rs.getString(4), statsSeq, hash);
    }

    /**
     * The records of the rows with their reference statistics ({@link ReferenceStats}: each distinct hash parsed
     * once, cached) and drift fields; referenced statistics read in one query per 256.
     */
    static List<ModelEndpoint> records(DuckDatabase db, DuckDBConnection c, List<Row> rows) throws SQLException {
        Map<Long, String> extra = HistoryExtra.extraData(db, c, rows.stream().map(Row::statsSeq).toList());
        Map<String, FeatureStats> reference = db.referenceStats().resolve(db, c,
                rows.stream().map(Row::statsHash).toList());
        List<ModelEndpoint> out = new java.util.ArrayList<>(rows.size());
        for (Row r : rows) {
            ModelEndpoint ep = ReferenceStats.withStats(r.record(), r.statsHash(), reference);
            if (!r.drift()) {
                out.add(ep);
                continue;
            }
            FeatureStats stats = r.statsSeq() != null ? EndpointJson.currentStatsOf(extra.get(r.statsSeq()))
                    : EndpointJson.readStats(r.stats());
            out.add(new DriftUpdate(ep.project(), ep.uid(), r.status(), measures(r.measures()), stats).applyTo(ep));
        }
        return out;
    }

    private static Map<String, Object> measures(String json) {
        try {
            return Sql.JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("drift_measures is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The drift fields of a record. */
    static DriftUpdate of(ModelEndpoint e) {
        return new DriftUpdate(e.project(), e.uid(), e.status().driftStatus(), e.status().driftMeasures(),
                e.status().currentStats());
    }

    /** Whether the records differ in a drift field. */
    static boolean changed(ModelEndpoint before, ModelEndpoint after) {
        return !Objects.equals(before.status().driftStatus(), after.status().driftStatus())
                || !Objects.equals(before.status().driftMeasures(), after.status().driftMeasures())
                || !Objects.equals(before.status().currentStats(), after.status().currentStats());
    }

    /**
     * Upserts the drift rows in the caller's transaction (one per endpoint: the last of the list wins), staged with
     * the Appender and written in one statement of fixed text ({@link Staging}); with {@code onlyExisting} the rows
     * of endpoints that are not (or no longer) stored are dropped in that statement, not by a read before it.
     */
    static void write(DuckDatabase db, DuckDBConnection c, List<DriftUpdate> updates, Instant now,
                      boolean onlyExisting) throws SQLException {
        Map<List<String>, DriftUpdate> last = new LinkedHashMap<>();
        updates.forEach(u -> last.put(List.of(u.project(), u.uid()), u));
        if (last.isEmpty()) {
            return;
        }
        Staging.begin(db, c);
        long updated = Sql.micros(now);
        try (DuckDBAppender a = Staging.appender(c, Staging.DRIFT)) {
            for (DriftUpdate u : last.values()) {
                a.beginRow().append(u.project()).append(u.uid());
                if (u.driftStatus() == null) {
                    a.appendNull();
                } else {
                    a.append(u.driftStatus().code());
                }
                a.append(Sql.json(u.driftMeasures()));
                Long ref = statsRef(db, u);
                if (ref == null) {
                    a.append(EndpointJson.writeStats(u.currentStats())).appendEpochMicros(updated).appendNull();
                } else {
                    a.appendNull().appendEpochMicros(updated).append(ref.longValue());
                }
                a.endRow();
            }
        }
        Staging.apply(db, c, onlyExisting ? UPSERT_EXISTING : UPSERT, Staging.DRIFT);
    }

    /** The history row holding the update's statistics, when it was written in this transaction with them. */
    private static Long statsRef(DuckDatabase db, DriftUpdate u) {
        EndpointStore.StatsSource src = u.statsSource();
        return src == null ? null : db.historyOnlySeq(HistoryExtra.key(u.project(), u.uid(), src.application(),
                src.name(), src.windowEnd()));
    }

    /** Upserts schedule rows in the caller's transaction (one per key: the last of the list wins), staged. */
    static void writeSchedules(DuckDatabase db, DuckDBConnection c, List<Schedule> schedules) throws SQLException {
        Map<List<String>, Schedule> last = new LinkedHashMap<>();
        schedules.forEach(s -> last.put(List.of(s.project(), s.uid(), s.application()), s));
        if (last.isEmpty()) {
            return;
        }
        Staging.begin(db, c);
        try (DuckDBAppender a = Staging.appender(c, Staging.SCHEDULES)) {
            for (Schedule s : last.values()) {
                a.beginRow().append(s.project()).append(s.uid()).append(s.application())
                        .appendEpochMicros(Sql.micros(s.lastAnalyzed())).endRow();
            }
        }
        Staging.apply(db, c, "INSERT OR REPLACE INTO monitoring_schedules SELECT * FROM temp.main."
                + Staging.SCHEDULES, Staging.SCHEDULES);
    }

    /** Every schedule row of the project, uid → application → last_analyzed. */
    static Map<String, Map<String, Instant>> schedules(DuckDatabase db, DuckDBConnection c, String project)
            throws SQLException {
        Map<String, Map<String, Instant>> out = new java.util.HashMap<>();
        try (PreparedStatement ps = db.statement(c, "SELECT uid, application, epoch_us(last_analyzed) FROM "
                + "monitoring_schedules WHERE project = ?")) {
            ps.setString(1, project);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), u -> new java.util.HashMap<>()).put(rs.getString(2),
                            Sql.time(rs, 3));
                }
            }
        }
        return out;
    }
}
