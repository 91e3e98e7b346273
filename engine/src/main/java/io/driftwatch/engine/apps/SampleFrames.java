package io.driftwatch.engine.apps;

import io.driftwatch.SampleFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** In-memory {@link SampleFrame}s, for app tests and adapters that already hold rows. */
public final class SampleFrames {
    private SampleFrames() {
    }

    /** A frame with no rows and no columns. */
    public static SampleFrame empty() {
        return of(Map.of(), List.of());
    }

    /**
     * A frame of the given columns (order kept); every column has one value per timestamp.
     *
     * @throws IllegalArgumentException naming the column whose length differs from the number of timestamps
     */
    public static SampleFrame of(Map<String, ? extends List<?>> columns, List<Instant> timestamps) {
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        columns.forEach((name, values) -> {
            if (values.size() != timestamps.size()) {
                throw new IllegalArgumentException("column '" + name + "' has " + values.size()
                        + " values, expected " + timestamps.size());
            }
            copy.put(name, Collections.unmodifiableList(new ArrayList<Object>(values)));
        });
        return new ListFrame(copy, List.copyOf(timestamps));
    }

    /** A frame from rows (maps of column → value); columns are the union of keys in first-seen order. */
    public static SampleFrame ofRows(List<Map<String, Object>> rows, List<Instant> timestamps) {
        if (rows.size() != timestamps.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + timestamps.size() + " timestamps");
        }
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            row.keySet().forEach(k -> cols.computeIfAbsent(k, x -> new ArrayList<>()));
        }
        for (Map<String, Object> row : rows) {
            cols.forEach((k, list) -> list.add(row.get(k)));
        }
        return of(cols, timestamps);
    }

    private record ListFrame(Map<String, List<Object>> columns, List<Instant> timestamps) implements SampleFrame {
        @Override
        public int rowCount() {
            return timestamps.size();
        }

        @Override
        public List<String> columnNames() {
            return List.copyOf(columns.keySet());
        }

        @Override
        public double[] numeric(String column) {
            List<Object> values = values(column);
            double[] out = new double[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = toDouble(values.get(i));
            }
            return out;
        }

        @Override
        public List<Object> values(String column) {
            List<Object> v = columns.get(Objects.requireNonNull(column, "column"));
            if (v == null) {
                throw new IllegalArgumentException("unknown column '" + column + "' (columns: " + columns.keySet() + ")");
            }
            return v;
        }

        private static double toDouble(Object o) {
            return switch (o) {
                case Number n -> n.doubleValue();
                case Boolean b -> b ? 1 : 0;
                case null, default -> Double.NaN;
            };
        }
    }
}
