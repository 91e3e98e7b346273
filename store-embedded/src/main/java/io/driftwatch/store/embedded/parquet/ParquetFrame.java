package io.driftwatch.store.embedded.parquet;

import io.driftwatch.SampleFrame;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.duckdb.DuckDBConnection;

/**
 * A window's rows read lazily from Parquet: the first call loads the column names and timestamps, each column is
 * loaded on its first use (one DuckDB scan of that column) and cached. Thread-safe.
 */
final class ParquetFrame implements SampleFrame {
    private final Supplier<DuckDBConnection> connections;
    private final List<String> files;
    private final Instant start;
    private final Instant end;
    private final Map<String, List<Object>> columns = new ConcurrentHashMap<>();
    private volatile List<String> names;
    private volatile List<Instant> timestamps;

    ParquetFrame(Supplier<DuckDBConnection> connections, List<String> files, Instant start, Instant end) {
        this.connections = connections;
        this.files = List.copyOf(files);
        this.start = start;
        this.end = end;
    }

    @Override
    public int rowCount() {
        return timestamps().size();
    }

    @Override
    public List<String> columnNames() {
        load();
        return names;
    }

    @Override
    public double[] numeric(String column) {
        List<Object> values = values(column);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (values.get(i)) {
                case Number n -> n.doubleValue();
                case Boolean b -> b ? 1 : 0;
                case null, default -> Double.NaN;
            };
        }
        return out;
    }

    @Override
    public List<Object> values(String column) {
        load();
        if (!names.contains(column)) {
            throw new IllegalArgumentException("unknown sample column '" + column + "' (columns: " + names + ")");
        }
        return columns.computeIfAbsent(column, c -> Collections.unmodifiableList(query(
                "SELECT " + FileWriter.quote(c) + " FROM " + Query.source(files) + Query.where(start, end)
                        + Query.ORDER, rs -> rs.getObject(1))));
    }

    @Override
    public List<Instant> timestamps() {
        load();
        return timestamps;
    }

    private synchronized void load() {
        if (names != null) {
            return;
        }
        if (files.isEmpty()) {
            timestamps = List.of();
            names = List.of();
            return;
        }
        List<Object> described = query("DESCRIBE SELECT * FROM " + Query.source(files), rs -> rs.getString(1));
        List<String> cols = new ArrayList<>();
        for (Object c : described) {
            if (!FileWriter.METADATA.contains((String) c)) {
                cols.add((String) c);
            }
        }
        List<Instant> ts = new ArrayList<>();
        for (Object micros : query("SELECT epoch_us(timestamp) FROM " + Query.source(files) + Query.where(start, end)
                + Query.ORDER, rs -> rs.getLong(1))) {
            long us = (Long) micros;
            ts.add(Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L));
        }
        timestamps = Collections.unmodifiableList(ts);
        names = List.copyOf(cols);
    }

    /** Reads one value of the current row. */
    @FunctionalInterface
    private interface Cell {
        Object get(ResultSet rs) throws SQLException;
    }

    private List<Object> query(String sql, Cell cell) {
        try (DuckDBConnection c = connections.get(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<Object> out = new ArrayList<>();
            while (rs.next()) {
                out.add(cell.get(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read samples: " + e.getMessage(), e);
        }
    }
}
