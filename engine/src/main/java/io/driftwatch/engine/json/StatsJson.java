package io.driftwatch.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The §5 statistics JSON ({@code feature_stats}, {@code current_stats}): per column, numeric
 * {@code {count, mean, std, min, 25%, 50%, 75%, max, hist: [[counts], [edges]]}} or categorical
 * {@code {count, unique, top, freq, hist: [[counts], [categories]]}}. NaN is written as null and read back as NaN.
 * A minimal private mapping until the stats module's codec is available.
 */
final class StatsJson {
    private StatsJson() {
    }

    static ObjectNode write(FeatureStats stats) {
        ObjectNode out = EndpointJson.MAPPER.createObjectNode();
        for (Map.Entry<String, ColumnStats> e : stats.columns().entrySet()) {
            out.set(e.getKey(), switch (e.getValue()) {
                case NumericStats n -> numeric(n);
                case CategoricalStats c -> categorical(c);
            });
        }
        return out;
    }

    private static ObjectNode numeric(NumericStats n) {
        ObjectNode o = EndpointJson.MAPPER.createObjectNode();
        o.put("count", n.count());
        putDouble(o, "mean", n.mean());
        putDouble(o, "std", n.std());
        putDouble(o, "min", n.min());
        putDouble(o, "25%", n.p25());
        putDouble(o, "50%", n.p50());
        putDouble(o, "75%", n.p75());
        putDouble(o, "max", n.max());
        ArrayNode hist = o.putArray("hist");
        ArrayNode counts = hist.addArray();
        for (double c : n.hist().counts()) {
            counts.add(c);
        }
        ArrayNode edges = hist.addArray();
        for (double e : n.hist().edges()) {
            edges.add(e);
        }
        return o;
    }

    private static ObjectNode categorical(CategoricalStats c) {
        ObjectNode o = EndpointJson.MAPPER.createObjectNode();
        o.put("count", c.count());
        o.put("unique", c.unique());
        o.put("top", c.top());
        o.put("freq", c.freq());
        ArrayNode hist = o.putArray("hist");
        ArrayNode counts = hist.addArray();
        ArrayNode names = hist.addArray();
        for (Map.Entry<String, Long> e : c.categories().entrySet()) {
            counts.add(e.getValue());
            names.add(e.getKey());
        }
        return o;
    }

    private static void putDouble(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    static FeatureStats read(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return FeatureStats.empty();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("model endpoint field '" + path + "' must be an object");
        }
        Map<String, ColumnStats> columns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String p = path + "." + e.getKey();
            JsonNode c = e.getValue();
            if (!c.isObject()) {
                throw new IllegalArgumentException("model endpoint field '" + p + "' must be an object");
            }
            columns.put(e.getKey(), c.has("unique") || c.has("top") ? readCategorical(c, p) : readNumeric(c, p));
        }
        return FeatureStats.of(columns);
    }

    private static NumericStats readNumeric(JsonNode c, String p) {
        JsonNode hist = c.path("hist");
        if (!hist.isArray() || hist.size() != 2 || !hist.get(0).isArray() || !hist.get(1).isArray()) {
            throw new IllegalArgumentException("model endpoint field '" + p + ".hist' must be [[counts], [edges]]");
        }
        double[] counts = doubles(hist.get(0), p + ".hist[0]");
        double[] edges = doubles(hist.get(1), p + ".hist[1]");
        Histogram h;
        try {
            h = Histogram.of(counts, edges);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("model endpoint field '" + p + ".hist': " + ex.getMessage(), ex);
        }
        return new NumericStats(count(c, p), dbl(c, "mean", p), dbl(c, "std", p), dbl(c, "min", p),
                dbl(c, "25%", p), dbl(c, "50%", p), dbl(c, "75%", p), dbl(c, "max", p), h);
    }

    private static CategoricalStats readCategorical(JsonNode c, String p) {
        Map<String, Long> categories = new LinkedHashMap<>();
        JsonNode hist = c.path("hist");
        if (!hist.isMissingNode()) {
            if (!hist.isArray() || hist.size() != 2 || hist.get(0).size() != hist.get(1).size()) {
                throw new IllegalArgumentException("model endpoint field '" + p
                        + ".hist' must be [[counts], [categories]] of equal length");
            }
            for (int i = 0; i < hist.get(0).size(); i++) {
                categories.put(hist.get(1).get(i).asText(), hist.get(0).get(i).asLong());
            }
        }
        JsonNode top = c.path("top");
        return new CategoricalStats(count(c, p), EndpointReader.number(c.path("unique"), p + ".unique", 0).longValue(),
                top.isNull() || top.isMissingNode() ? null : top.asText(),
                EndpointReader.number(c.path("freq"), p + ".freq", 0).longValue(), categories);
    }

    private static long count(JsonNode c, String p) {
        return EndpointReader.number(c.path("count"), p + ".count", 0).longValue();
    }

    private static double dbl(JsonNode c, String field, String p) {
        return EndpointReader.number(c.path(field), p + "." + field, Double.NaN).doubleValue();
    }

    private static double[] doubles(JsonNode arr, String p) {
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = arr.get(i);
            if (!v.isNumber()) {
                throw new IllegalArgumentException("model endpoint field '" + p + "' must hold numbers, got " + v);
            }
            out[i] = v.doubleValue();
        }
        return out;
    }
}
