package io.driftwatch.store.embedded.duckdb;

import io.driftwatch.engine.port.LabelRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/**
 * The {@code labels} table (schema migration 3, issue 20): one row per (project, uid, request_id, row), upserted with
 * {@code INSERT OR REPLACE} so that a later label for the same prediction row replaces the earlier one and a replayed
 * write changes nothing. Read by prediction time (the window's {@code [start, end)}).
 */
final class DuckLabels {
    private static final String STAGE = "CREATE OR REPLACE TABLE labels_in (project VARCHAR, uid VARCHAR, "
            + "request_id VARCHAR, row_index INTEGER, prediction_time TIMESTAMP, label VARCHAR, received_at TIMESTAMP)";
    private final DuckDatabase db;

    DuckLabels(DuckDatabase db) {
        this.db = db;
    }

    /**
     * Upserts {@code rows} in one statement: the rows (the last per prediction row when a batch repeats one) go to a
     * staging table through DuckDB's appender, then one {@code INSERT OR REPLACE … SELECT}. Row-by-row upserts cost
     * a few ms each on a table of 10⁵ labels, which held label ingest under 250 labels/s.
     */
    void write(List<LabelRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<List<Object>, LabelRecord> last = new LinkedHashMap<>();
        rows.forEach(r -> last.put(List.of(r.project(), r.uid(), r.requestId(), r.row()), r));
        db.write("write labels", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(STAGE);
                try (DuckDBAppender a = c.createAppender("main", "labels_in")) {
                    for (LabelRecord r : last.values()) {
                        a.beginRow().append(r.project()).append(r.uid()).append(r.requestId()).append(r.row())
                                .appendEpochMicros(Sql.micros(r.predictionTime())).append(r.labelJson())
                                .appendEpochMicros(Sql.micros(r.receivedAt())).endRow();
                    }
                }
                s.execute("INSERT OR REPLACE INTO labels SELECT * FROM labels_in");
                s.execute("DROP TABLE labels_in");
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
