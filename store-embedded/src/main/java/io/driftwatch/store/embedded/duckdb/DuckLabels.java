package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.LabelRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code labels} table (schema migration 3, issue 20): one row per (project, uid, request_id, row), upserted with
 * {@code INSERT OR REPLACE} so that a later label for the same prediction row replaces the earlier one and a replayed
 * write changes nothing. Read by prediction time (the window's {@code [start, end)}).
 */
final class DuckLabels {
    private static final String UPSERT = "INSERT OR REPLACE INTO labels (project, uid, request_id, row_index, "
            + "prediction_time, label, received_at) VALUES (?, ?, ?, ?, make_timestamp(?::BIGINT), ?, "
            + "make_timestamp(?::BIGINT))";
    private final DuckDatabase db;

    DuckLabels(DuckDatabase db) {
        this.db = db;
    }

    void write(List<LabelRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        db.write("write labels", c -> {
            try (PreparedStatement ps = db.statement(c, UPSERT)) {
                for (LabelRecord r : rows) {
                    ps.setString(1, r.project());
                    ps.setString(2, r.uid());
                    ps.setString(3, r.requestId());
                    ps.setInt(4, r.row());
                    Sql.setTime(ps, 5, r.predictionTime());
                    ps.setString(6, r.labelJson());
                    Sql.setTime(ps, 7, r.receivedAt());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    List<LabelRecord> read(String project, String uid, Instant start, Instant end) {
        return db.read("read labels", c -> {
            List<LabelRecord> out = new ArrayList<>();
            try (PreparedStatement ps = db.statement(c, "SELECT request_id, row_index, epoch_us(prediction_time), "
                    + "label, epoch_us(received_at) FROM labels WHERE project = ? AND uid = ? "
                    + "AND prediction_time >= make_timestamp(?::BIGINT) AND prediction_time < make_timestamp(?::BIGINT)")) {
                ps.setString(1, project);
                ps.setString(2, uid);
                Sql.setTime(ps, 3, start);
                Sql.setTime(ps, 4, end);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(project, uid, rs));
                    }
                }
            }
            return out;
        });
    }

    private static LabelRecord row(String project, String uid, ResultSet rs) throws SQLException {
        return new LabelRecord(project, uid, rs.getString(1), rs.getInt(2), Sql.time(rs, 3), rs.getString(4),
                Sql.time(rs, 5));
    }
}
