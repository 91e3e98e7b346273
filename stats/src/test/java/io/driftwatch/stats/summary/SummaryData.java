package io.driftwatch.stats.summary;

import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.Statistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Generated reference and window rows for the summary tests (fixed seeds). */
final class SummaryData {
    static final List<String> COLORS = List.of("red", "green", "blue", "cyan", "magenta");

    private SummaryData() {
    }

    /** A training set: x ~ N(0, 1), y ~ U(10, 20) integers, color from five colors, flag booleans. */
    static FeatureStats reference(long seed, int rows) {
        Random r = new Random(seed);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x", r.nextGaussian());
            row.put("y", (double) (10 + r.nextInt(11)));
            row.put("color", COLORS.get(r.nextInt(COLORS.size())));
            row.put("flag", r.nextBoolean());
            out.add(row);
        }
        return Statistics.reference(Frame.fromMaps(out)).stats();
    }

    /**
     * Window rows, shifted by {@code shift}: out-of-range values, nulls, NaN, ±Inf in x, unseen colors, and a column
     * {@code extra} that the reference lacks and that only some rows have.
     */
    static List<Map<String, Object>> window(long seed, int rows, double shift) {
        Random r = new Random(seed);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x", x(r, shift));
            row.put("y", r.nextInt(20) == 0 ? null : (double) (8 + r.nextInt(15)));
            row.put("color", r.nextInt(15) == 0 ? "black" : r.nextInt(30) == 0 ? null
                    : COLORS.get(r.nextInt(COLORS.size() - (shift > 0 ? 2 : 0))));
            row.put("flag", r.nextInt(3) == 0);
            if (r.nextBoolean()) {
                row.put("extra", r.nextDouble());
            }
            out.add(row);
        }
        return out;
    }

    private static Object x(Random r, double shift) {
        int k = r.nextInt(200);
        return switch (k) {
            case 0 -> null;
            case 1 -> Double.NaN;
            case 2 -> Double.POSITIVE_INFINITY;
            case 3 -> Double.NEGATIVE_INFINITY;
            case 4 -> 50 + r.nextDouble();
            case 5 -> -50 - r.nextDouble();
            default -> r.nextGaussian() * (1 + shift / 2) + shift;
        };
    }

    /** The summary of {@code rows} binned on {@code reference}, as the stream processor builds it. */
    static WindowSummary summarize(List<Map<String, Object>> rows, FeatureStats reference) {
        WindowSummary s = WindowSummary.create();
        for (Map<String, Object> row : rows) {
            for (Map.Entry<String, Object> e : row.entrySet()) {
                ColumnStats ref = reference.get(e.getKey()).orElse(null);
                s.column(e.getKey(), ref).update(e.getValue());
            }
            s.addRows(1);
            s.completeRows();
        }
        return s;
    }
}
