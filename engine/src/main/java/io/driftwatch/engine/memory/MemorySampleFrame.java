package io.driftwatch.engine.memory;

import io.driftwatch.SampleFrame;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/** A {@link SampleFrame} over rows in memory: columns are the union of the rows' value names, first seen first. */
final class MemorySampleFrame implements SampleFrame {
    private final List<SampleRow> rows;
    private final List<String> columns;

    MemorySampleFrame(List<SampleRow> rows) {
        this.rows = List.copyOf(rows);
        LinkedHashSet<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.values().keySet()));
        this.columns = List.copyOf(names);
    }

    List<SampleRow> rows() {
        return rows;
    }

    @Override
    public int rowCount() {
        return rows.size();
    }

    @Override
    public List<String> columnNames() {
        return columns;
    }

    @Override
    public double[] numeric(String column) {
        check(column);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = rows.get(i).values().get(column);
            out[i] = switch (v) {
                case Number n -> n.doubleValue();
                case Boolean b -> b ? 1 : 0;
                case null, default -> Double.NaN;
            };
        }
        return out;
    }

    @Override
    public List<Object> values(String column) {
        check(column);
        List<Object> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(r.values().get(column)));
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<String> requestIds() {
        return rows.stream().map(SampleRow::requestId).toList();
    }

    @Override
    public List<Instant> timestamps() {
        return rows.stream().map(SampleRow::timestamp).toList();
    }

    private void check(String column) {
        if (!columns.contains(column)) {
            throw new IllegalArgumentException("unknown column '" + column + "' (columns: " + columns + ")");
        }
    }
}
