package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.port.ReferenceVersion;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBConnection;

/**
 * The controller's reads of the endpoint store (issue 17 point 4, schema version 5): every endpoint's small state
 * from the columns {@code active, monitoring_mode, pending_late, reference_version} beside the record (written with it
 * by {@link DuckEndpointStore#upsert}), and the records of a batch of uids in one query. The JSON record is neither
 * read nor decoded for the state. A batch's records come without their reference statistics, which are read by hash
 * and parsed once per distinct content ({@link ReferenceStats}).
 */
final class DuckEndpointStates {
    private static final String STATES = "SELECT uid, active, monitoring_mode, epoch_us(first_request),"
            + " epoch_us(last_request), pending_late, reference_version FROM endpoints WHERE project = ? ORDER BY uid";

    private DuckEndpointStates() {
    }

    /** A stored record with its reference version (null for a row that has none). */
    record Stored(ModelEndpoint record, String referenceVersion) {
    }

    /** The small values of the record's row: {@code active, monitoring_mode, pending_late, reference_version}. */
    static List<Object> columns(ModelEndpoint e, String referenceVersion) {
        return List.of(e.spec().active(), e.spec().monitoringMode().wireName(), !e.status().pendingLate().isEmpty(),
                referenceVersion);
    }

    /** The version to store for {@code next} replacing {@code before} (absent for a new record). */
    static String version(Optional<Stored> before, ModelEndpoint next) {
        return before.map(b -> ReferenceVersion.carriedOver(b.record(), b.referenceVersion(), next))
                .orElseGet(() -> ReferenceVersion.of(next));
    }

    static List<EndpointState> states(DuckDatabase db, DuckDBConnection c, String project) throws SQLException {
        List<EndpointState> out = new ArrayList<>();
        try (PreparedStatement ps = db.statement(c, STATES)) {
            ps.setString(1, project);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean active = rs.getBoolean(2) || rs.wasNull();
                    String mode = rs.getString(3);
                    out.add(new EndpointState(project, rs.getString(1), active,
                            mode == null ? null : MonitoringMode.parse(mode), Sql.time(rs, 4), Sql.time(rs, 5),
                            rs.getBoolean(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    /** The records of {@code uids} of the project with their drift rows, by uid. */
    static Map<String, ModelEndpoint> records(DuckDatabase db, DuckDBConnection c, String project,
                                              Collection<String> uids) throws SQLException {
        List<DuckDrift.Row> rows = new ArrayList<>();
        for (List<String> part : Sql.inLists(uids)) {
            try (PreparedStatement ps = db.statement(c, "SELECT " + DuckDrift.COLUMNS + DuckDrift.FROM
                    + " WHERE e.project = ? AND e.uid IN (" + Sql.marks(part.size()) + ")")) {
                ps.setString(1, project);
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 2, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(DuckDrift.row(rs));
                    }
                }
            }
        }
        Map<String, ModelEndpoint> out = new LinkedHashMap<>();
        DuckDrift.records(db, c, rows).forEach(e -> out.put(e.uid(), e));
        return out;
    }

    /** The stored record and its reference version, through the caller's connection (and transaction). */
    static Optional<Stored> find(DuckDatabase db, DuckDBConnection c, String project, String uid) throws SQLException {
        try (PreparedStatement ps = db.statement(c, "SELECT " + DuckDrift.COLUMNS + ", e.reference_version"
                + DuckDrift.FROM + " WHERE e.project = ? AND e.uid = ?")) {
            ps.setString(1, project);
            ps.setString(2, uid);
            DuckDrift.Row row;
            String version;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                row = DuckDrift.row(rs);
                version = rs.getString(DuckDrift.WIDTH + 1);
            }
            return Optional.of(new Stored(DuckDrift.records(db, c, List.of(row)).getFirst(), version));
        }
    }
}
