package io.driftwatch.store.sql;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.TimeZone;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.TimestampUtils;

/**
 * PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)} of append-only rows (the history tables {@code app_results},
 * {@code app_metrics}): one COPY per table and batch instead of a multi-row {@code INSERT} with 7-10 bound parameters
 * per row, which the server parses, binds and plans per statement. Rows are appended in list order, so the identity
 * column {@code seq} increases in that order as with the insert (the history's write order). Values are written as
 * the driver would send them: times through the driver's {@code TimestampUtils} (the text it sends for
 * {@code setObject(OffsetDateTime)}: microseconds, truncated as the driver does), doubles in Java's shortest round-trip form (exact, as the driver's binary
 * float8; NaN and ±Infinity as PostgreSQL spells them), text quoted (quotes doubled), null as an unquoted empty field.
 */
final class PgCopy {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private PgCopy() {
    }

    /** Appends {@code rows} to {@code table} ({@code columns} in the order of {@code values}); none: nothing sent. */
    static <T> void append(Connection c, String table, String columns, List<T> rows, Function<T, List<?>> values)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        TimestampUtils times = new TimestampUtils(false, () -> UTC);
        StringBuilder csv = new StringBuilder(rows.size() * 128);
        for (T row : rows) {
            List<?> v = values.apply(row);
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                field(times, csv, v.get(i));
            }
            csv.append('\n');
        }
        try {
            pg.getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)",
                    new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), "08006", e);
        }
    }

    private static void field(TimestampUtils times, StringBuilder csv, Object value) {
        switch (value) {
            case null -> {
                // an unquoted empty field is NULL in CSV
            }
            case Jdbc.Null ignored -> {
                // NULL
            }
            case Instant t -> quoted(csv, times.toString(OffsetDateTime.ofInstant(t, ZoneOffset.UTC)));
            case Double d -> csv.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity")
                    : d.toString());
            case Integer n -> csv.append(n.intValue());
            case Long n -> csv.append(n.longValue());
            default -> quoted(csv, value.toString());
        }
    }

    private static void quoted(StringBuilder csv, String s) {
        csv.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                csv.append('"');
            }
            csv.append(ch);
        }
        csv.append('"');
    }
}
