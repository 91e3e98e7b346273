package io.driftwatch.stats.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The lenient reader behind {@link FeatureStatsJson#read(JsonNode)}. */
final class StatsReader {
    private static final int DEFAULT_BINS = 20;

    private StatsReader() {
    }

    static FeatureStats read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("feature stats must be a JSON object of columns, got "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        Map<String, ColumnStats> columns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            columns.put(e.getKey(), column(e.getKey(), e.getValue()));
        }
        return FeatureStats.of(columns);
    }

    private static ColumnStats column(String name, JsonNode o) {
        if (!o.isObject()) {
            throw new IllegalArgumentException("feature stats of column '" + name + "' must be an object, got "
                    + o.getNodeType());
        }
        boolean categorical = present(o, "categories") || (present(o, "top") && !present(o, "mean"));
        try {
            return categorical ? categorical(name, o) : numeric(name, o);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("feature stats of column '" + name + "': " + e.getMessage(), e);
        }
    }

    private static boolean present(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v != null && !v.isNull();
    }

    private static NumericStats numeric(String name, JsonNode o) {
        Histogram hist = present(o, "hist") ? hist(o.get("hist")) : emptyHist();
        double count = number(o, "count");
        long n = Double.isNaN(count) ? Math.round(hist.total()) : count(count, "count");
        return new NumericStats(n, number(o, "mean"), number(o, "std"), number(o, "min"), number(o, "25%"),
                number(o, "50%"), number(o, "75%"), number(o, "max"), hist);
    }

    private static CategoricalStats categorical(String name, JsonNode o) {
        Map<String, Long> categories = new LinkedHashMap<>();
        JsonNode cats = o.get("categories");
        if (cats != null && !cats.isNull()) {
            if (!cats.isObject()) {
                throw new IllegalArgumentException("'categories' must be an object of counts");
            }
            for (Map.Entry<String, JsonNode> e : cats.properties()) {
                categories.put(e.getKey(), count(value(e.getValue(), "categories." + e.getKey()), "categories"));
            }
        }
        double count = number(o, "count");
        long n = Double.isNaN(count) ? categories.values().stream().mapToLong(Long::longValue).sum()
                : count(count, "count");
        JsonNode top = o.get("top");
        String topText = top == null || top.isNull() ? null : top.isTextual() ? top.textValue() : top.toString();
        return new CategoricalStats(n, countOrZero(o, "unique"), topText, countOrZero(o, "freq"), categories);
    }

    private static long countOrZero(JsonNode o, String key) {
        double v = number(o, key);
        return Double.isNaN(v) ? 0 : count(v, key);
    }

    private static long count(double v, String key) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("'" + key + "' must be a count >= 0, got " + v);
        }
        return Math.round(v);
    }

    private static Histogram hist(JsonNode h) {
        if (!h.isArray() || h.size() != 2 || !h.get(0).isArray() || !h.get(1).isArray()) {
            throw new IllegalArgumentException("'hist' must be [[counts], [edges]], got " + h);
        }
        return Histogram.of(numbers(h.get(0), "hist counts"), numbers(h.get(1), "hist edges"));
    }

    private static Histogram emptyHist() {
        double[] edges = new double[DEFAULT_BINS + 1];
        for (int i = 0; i <= DEFAULT_BINS; i++) {
            edges[i] = i / (double) DEFAULT_BINS;
        }
        return Histogram.of(new double[DEFAULT_BINS], edges);
    }

    private static double[] numbers(JsonNode array, String what) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(array.get(i), what);
            if (Double.isNaN(out[i])) {
                throw new IllegalArgumentException(what + " must not be NaN/null (index " + i + ")");
            }
        }
        return out;
    }

    private static double number(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null ? Double.NaN : value(v, key);
    }

    /** A number from a numeric node, null (NaN), or a string such as "NaN", "inf", "-Infinity", "1.5". */
    private static double value(JsonNode v, String key) {
        if (v.isNull() || v.isMissingNode()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            String t = v.textValue().trim().toLowerCase(Locale.ROOT);
            switch (t) {
                case "nan", "", "none", "null":
                    return Double.NaN;
                case "inf", "+inf", "infinity", "+infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf", "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(t);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + key + "' is not a number: " + v);
                    }
            }
        }
        throw new IllegalArgumentException("'" + key + "' is not a number: " + v);
    }
}
