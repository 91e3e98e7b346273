package io.driftwatch.store.sql;

import io.driftwatch.engine.port.LabelRecord;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/**
 * The {@code labels} table (migration V3, issue 20): one row per (project, uid, request_id, row_index), upserted
 * with the dialect's upsert so that a later label for the same prediction row replaces the earlier one and a replayed
 * write changes nothing; read by prediction time.
 */
final class SqlLabels {
    static final String TABLE = "labels";
    private static final List<String> COLUMNS = List.of("project", "uid", "request_id", "row_index",
            "prediction_time", "label", "received_at");
    private static final List<String> KEYS = List.of("project", "uid", "request_id", "row_index");
    private final SqlDatabase db;

    SqlLabels(SqlDatabase db) {
        this.db = db;
    }

    void write(List<LabelRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql = db.dialect().upsert(TABLE, COLUMNS, KEYS);
        db.write("write labels", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (LabelRecord r : rows) {
                    Jdbc.bind(db.dialect(), ps, List.of(r.project(), r.uid(), r.requestId(), r.row(),
                            r.predictionTime(), r.labelJson(), r.receivedAt()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    List<LabelRecord> read(String project, String uid, Instant start, Instant end) {
        return db.read("read labels", c -> Jdbc.query(c, db.dialect(), "SELECT request_id, row_index, "
                + "prediction_time, label, received_at FROM labels WHERE project = ? AND uid = ? "
                + "AND prediction_time >= ? AND prediction_time < ?", rs -> new LabelRecord(project, uid,
                rs.getString(1), rs.getInt(2), db.dialect().time(rs, 3), rs.getString(4), db.dialect().time(rs, 5)),
                List.of(project, uid, start, end)));
    }
}
