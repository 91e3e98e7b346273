package io.driftwatch.store.embedded.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.EndpointStore.DriftUpdate;
import io.driftwatch.engine.port.EndpointStore.Schedule;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.duckdb.DuckDBConnection;

/**
 * The small per-window rows of the endpoint store (issue 17): {@code endpoint_drift} (an analysed window's drift, by
 * key; overlaid on the record's JSON when read) and batched {@code monitoring_schedules} writes. The endpoint's JSON
 * record is never read or rewritten for them.
 */
final class DuckDrift {
    /** The drift columns that the endpoint reads join in, after {@code record}. */
    static final String COLUMNS = "e.record, d.drift_status, d.drift_measures, d.current_stats, d.uid IS NOT NULL";
    static final String FROM = " FROM endpoints e LEFT JOIN endpoint_drift d ON d.project = e.project AND d.uid = e.uid";
    private static final String UPSERT_ROW = "(?, ?, ?, ?, ?, make_timestamp(?::BIGINT))";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private DuckDrift() {
    }

    /** The record of a row selected with {@link #COLUMNS}: its JSON, with the drift row's fields when there is one. */
    static ModelEndpoint read(ResultSet rs) throws SQLException {
        ModelEndpoint ep = EndpointJson.read(rs.getString(1), EndpointJson.Mode.LENIENT);
        if (!rs.getBoolean(5)) {
            return ep;
        }
        int code = rs.getInt(2);
        ResultStatus status = rs.wasNull() ? null : ResultStatus.ofCode(code);
        return new DriftUpdate(ep.project(), ep.uid(), status, measures(rs.getString(3)),
                EndpointJson.readStats(rs.getString(4))).applyTo(ep);
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

    /** Upserts the drift rows in the caller's transaction (one per endpoint: the last of the list wins). */
    static void write(DuckDatabase db, DuckDBConnection c, List<DriftUpdate> updates, Instant now)
            throws SQLException {
        Map<List<String>, DriftUpdate> last = new LinkedHashMap<>();
        updates.forEach(u -> last.put(List.of(u.project(), u.uid()), u));
        if (last.isEmpty()) {
            return;
        }
        MultiRow.insert(db, c, "INSERT OR REPLACE INTO endpoint_drift", UPSERT_ROW, 6, "",
                List.copyOf(last.values()), (ps, i, u) -> {
                    ps.setString(i, u.project());
                    ps.setString(i + 1, u.uid());
                    if (u.driftStatus() == null) {
                        ps.setNull(i + 2, Types.INTEGER);
                    } else {
                        ps.setInt(i + 2, u.driftStatus().code());
                    }
                    ps.setString(i + 3, Sql.json(u.driftMeasures()));
                    ps.setString(i + 4, EndpointJson.writeStats(u.currentStats()));
                    Sql.setTime(ps, i + 5, now);
                });
    }

    /** The updates whose endpoint exists (one query over their uids), read in the caller's transaction. */
    static List<DriftUpdate> existing(DuckDatabase db, DuckDBConnection c, String project, List<DriftUpdate> updates)
            throws SQLException {
        java.util.Set<String> uids = new java.util.HashSet<>();
        List<String> wanted = updates.stream().map(DriftUpdate::uid).distinct().toList();
        String in = String.join(", ", java.util.Collections.nCopies(wanted.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT uid FROM endpoints WHERE project = ? AND uid IN ("
                + in + ")")) {
            ps.setString(1, project);
            for (int i = 0; i < wanted.size(); i++) {
                ps.setString(i + 2, wanted.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    uids.add(rs.getString(1));
                }
            }
        }
        return updates.stream().filter(u -> uids.contains(u.uid())).toList();
    }

    /** Upserts schedule rows in the caller's transaction (one per key: the last of the list wins). */
    static void writeSchedules(DuckDatabase db, DuckDBConnection c, List<Schedule> schedules) throws SQLException {
        Map<List<String>, Schedule> last = new LinkedHashMap<>();
        schedules.forEach(s -> last.put(List.of(s.project(), s.uid(), s.application()), s));
        if (last.isEmpty()) {
            return;
        }
        MultiRow.insert(db, c, "INSERT OR REPLACE INTO monitoring_schedules", "(?, ?, ?, make_timestamp(?::BIGINT))",
                4, "", List.copyOf(last.values()), (ps, i, s) -> {
                    ps.setString(i, s.project());
                    ps.setString(i + 1, s.uid());
                    ps.setString(i + 2, s.application());
                    Sql.setTime(ps, i + 3, s.lastAnalyzed());
                });
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
