package io.driftwatch.server.ingest;

import io.driftwatch.server.http.ApiException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of historical predictions (CSV with a header row, or Parquet) read through an in-memory DuckDB: column
 * names, and per row its timestamp and its values in column order (numbers as {@code Double}, strings, booleans,
 * null). Timestamps may be TIMESTAMP columns (UTC assumed without an offset), ISO-8601 strings (with {@code T} or a
 * space, optional offset), or epoch numbers (seconds, or milliseconds above 10^11). Reads ~1M rows × 5 columns in
 * about 2 s; the whole file is held in memory (≈100 B per value).
 */
final class BatchFile {
    /** One row: its time and its values (the timestamp column excluded). */
    record Row(Instant time, Object[] values) {
    }

    final List<String> columns;
    final List<Row> rows;

    private BatchFile(List<String> columns, List<Row> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads the file.
     *
     * @throws ApiException 400 if it is not CSV/Parquet, lacks the timestamp column, has no rows or a bad timestamp
     */
    static BatchFile read(Path file, boolean parquet, String timestampColumn) {
        String source = parquet ? "read_parquet(?)" : "read_csv(?, header = true, auto_detect = true)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement st = c.prepareStatement("SELECT * FROM " + source)) {
            st.setString(1, file.toString());
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> all = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    all.add(md.getColumnName(i));
                }
                int ts = all.indexOf(timestampColumn);
                if (ts < 0) {
                    throw ApiException.badRequest("the file has no timestamp column '" + timestampColumn + "'; columns: "
                            + all + " (set 'timestamp_column')");
                }
                List<String> columns = new ArrayList<>(all);
                columns.remove(ts);
                List<Row> rows = new ArrayList<>();
                boolean local = "TIMESTAMP".equalsIgnoreCase(md.getColumnTypeName(ts + 1));
                while (rs.next()) {
                    Object[] values = new Object[columns.size()];
                    for (int i = 0, v = 0; i < all.size(); i++) {
                        if (i != ts) {
                            values[v++] = value(rs.getObject(i + 1));
                        }
                    }
                    Object t = local ? rs.getObject(ts + 1, LocalDateTime.class) : rs.getObject(ts + 1);
                    rows.add(new Row(time(t, rows.size() + 1, timestampColumn), values));
                }
                if (rows.isEmpty()) {
                    throw ApiException.badRequest("the file has no rows");
                }
                return new BatchFile(List.copyOf(columns), rows);
            }
        } catch (SQLException e) {
            throw ApiException.badRequest("cannot read the file as " + (parquet ? "Parquet" : "CSV with a header row")
                    + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Object value(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o == null || o instanceof String || o instanceof Boolean) {
            return o;
        }
        return o.toString();
    }

    static Instant time(Object o, int row, String column) {
        try {
            return switch (o) {
                case null -> throw new IllegalArgumentException("empty");
                case Timestamp t -> t.toLocalDateTime().toInstant(ZoneOffset.UTC);
                case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
                case OffsetDateTime t -> t.toInstant();
                case Number n -> n.doubleValue() > 1e11 ? Instant.ofEpochMilli(n.longValue())
                        : Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000));
                default -> parse(o.toString().trim());
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiException.badRequest("row " + row + ": column '" + column + "' is not a time: '" + o + "' ("
                    + e.getMessage() + ")");
        }
    }

    private static Instant parse(String s) {
        String t = s.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        }
    }
}
