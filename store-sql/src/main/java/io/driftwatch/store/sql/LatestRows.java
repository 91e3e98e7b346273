package io.driftwatch.store.sql;

import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The latest result and metric per (endpoint, application, name) ({@code app_results_latest},
 * {@code app_metrics_latest}, schema version 2), upserted in the transaction that appends the history: a row
 * replaces the stored one when its window ends at or after the stored one's (equal ends: the later written wins,
 * as in the history's order). Keyed by (project, uid, series), series = SHA-256 hex of {@code application\nname}.
 */
final class LatestRows {
    static final List<String> RESULT_COLUMNS = List.of("project", "uid", "series", "application", "name",
            "window_start", "window_end", "value", "kind", "status", "extra_data", "extra_seq");
    static final List<String> METRIC_COLUMNS = List.of("project", "uid", "series", "application", "name",
            "window_start", "window_end", "value");

    private static final Jdbc.Null NULL_TEXT = new Jdbc.Null(java.sql.Types.VARCHAR);
    private static final Jdbc.Null NULL_SEQ = new Jdbc.Null(java.sql.Types.BIGINT);

    static final int SERIES_CACHED = 4096;
    private static final Map<String, String> SERIES = new java.util.concurrent.ConcurrentHashMap<>();

    private LatestRows() {
    }

    /**
     * Upserts the newest of the rows per key; {@code seq[i]} (null: unknown) is the history row of
     * {@code rows.get(i)}, which then holds a large extra_data instead of the latest row ({@link HistoryExtra}).
     */
    static void upsertResults(SqlDatabase db, Connection c, List<AppResult> rows, long[] seq) throws SQLException {
        List<Integer> latest = latest(java.util.stream.IntStream.range(0, rows.size()).boxed().toList(),
                i -> rows.get(i).project() + '\n' + rows.get(i).uid() + '\n' + series(rows.get(i).application(),
                        rows.get(i).name()), i -> rows.get(i).windowEnd());
        upsert(db, c, "app_results_latest", RESULT_COLUMNS, latest, i -> {
            AppResult r = rows.get(i);
            boolean ref = seq != null && !HistoryExtra.inline(r.extraDataJson());
            return Arrays.asList(r.project(), r.uid(), series(r.application(), r.name()), r.application(), r.name(),
                    r.windowStart(), r.windowEnd(), r.value(), r.kind().code(), r.status().code(),
                    ref ? NULL_TEXT : r.extraDataJson(), ref ? seq[i] : NULL_SEQ);
        });
    }

    static void upsertMetrics(SqlDatabase db, Connection c, List<AppMetric> rows) throws SQLException {
        List<AppMetric> latest = latest(rows, m -> m.project() + '\n' + m.uid() + '\n' + series(m.application(),
                m.name()), AppMetric::windowEnd);
        upsert(db, c, "app_metrics_latest", METRIC_COLUMNS, latest, m -> Arrays.asList(m.project(), m.uid(),
                series(m.application(), m.name()), m.application(), m.name(), m.windowStart(), m.windowEnd(),
                m.value()));
    }

    /** One row per key: the latest window end, the last given on ties (one statement must not hit a key twice). */
    private static <T> List<T> latest(List<T> rows, Function<T, String> key, Function<T, Instant> end) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T r : rows) {
            T kept = out.get(key.apply(r));
            if (kept == null || !end.apply(r).isBefore(end.apply(kept))) {
                out.put(key.apply(r), r);
            }
        }
        return new ArrayList<>(out.values());
    }

    private static <T> void upsert(SqlDatabase db, Connection c, String table, List<String> columns, List<T> rows,
                                   Function<T, List<?>> values) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql(db.dialect(), table, columns))) {
            for (T row : rows) {
                Jdbc.bind(db.dialect(), ps, values.apply(row));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Upsert that replaces only when the new window is not older; {@code window_end} assigned last on MySQL. */
    static String sql(Dialect d, String table, List<String> columns) {
        List<String> set = columns.stream().filter(col -> !List.of("project", "uid", "series", "window_end")
                .contains(col)).toList();
        String insert = Dialect.insert(table, columns);
        if (d == Dialect.POSTGRESQL) {
            StringBuilder s = new StringBuilder(insert).append(" ON CONFLICT (project, uid, series) DO UPDATE SET ");
            set.forEach(col -> s.append(col).append(" = EXCLUDED.").append(col).append(", "));
            return s.append("window_end = EXCLUDED.window_end WHERE ").append(table)
                    .append(".window_end <= EXCLUDED.window_end").toString();
        }
        StringBuilder s = new StringBuilder(insert).append(" ON DUPLICATE KEY UPDATE ");
        set.forEach(col -> s.append(col).append(" = IF(VALUES(window_end) >= window_end, VALUES(").append(col)
                .append("), ").append(col).append("), "));
        return s.append("window_end = GREATEST(window_end, VALUES(window_end))").toString();
    }

    /**
     * The key of a series: SHA-256 hex of {@code application + '\n' + name} (as the V2 migration computes it),
     * remembered: a controller cycle asks for the same few dozen series for every row (twice each), and a digest
     * with its {@code MessageDigest.getInstance} was ~9 % of the controller threads' allocation at 10,000 endpoints
     * on PostgreSQL (issue 17, round 12). At most {@value #SERIES_CACHED} remembered, then it starts over.
     */
    static String series(String application, String name) {
        String text = application + '\n' + name;
        String cached = SERIES.get(text);
        if (cached != null) {
            return cached;
        }
        String key = digest(text);
        if (SERIES.size() >= SERIES_CACHED) {
            SERIES.clear();
        }
        SERIES.put(text, key);
        return key;
    }

    private static String digest(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
