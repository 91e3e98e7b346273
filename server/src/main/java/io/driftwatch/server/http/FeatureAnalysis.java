package io.driftwatch.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.NumericStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code features} list of {@code GET …/model-endpoints/{uid}?feature_analysis=true} (MLRun's
 * {@code status.features}): per feature {@code name}, {@code expected} (reference) and {@code actual} (latest
 * window) {@code {min, mean, max, histogram: {buckets, counts}}}, and the latest window's {@code tvd},
 * {@code hellinger}, {@code kld} from {@code drift_measures}. Missing values are null.
 */
public final class FeatureAnalysis {
    private FeatureAnalysis() {
    }

    /** The {@code features} list of {@code ep} (see the class comment). */
    public static ArrayNode features(ModelEndpoint ep) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        List<String> names = new ArrayList<>(ep.spec().featureNames());
        if (names.isEmpty()) {
            names.addAll(ep.status().featureStats().names());
            names.removeAll(ep.spec().labelNames());
        }
        for (String name : names) {
            ObjectNode f = out.addObject().put("name", name).put("weight", -1.0);
            f.set("expected", describe(ep.status().featureStats(), name));
            f.set("actual", describe(ep.status().currentStats(), name));
            Object measures = ep.status().driftMeasures().get(name);
            for (String m : List.of("tvd", "hellinger", "kld")) {
                Object v = measures instanceof Map<?, ?> map ? map.get(m) : null;
                if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                    f.put(m, n.doubleValue());
                } else {
                    f.putNull(m);
                }
            }
        }
        return out;
    }

    private static ObjectNode describe(FeatureStats stats, String name) {
        ColumnStats c = stats.get(name).orElse(null);
        if (c == null) {
            return null;
        }
        ObjectNode o = Json.object();
        if (c instanceof NumericStats n) {
            put(o, "min", n.min());
            put(o, "mean", n.mean());
            put(o, "max", n.max());
            Histogram h = n.hist();
            ObjectNode hist = o.putObject("histogram");
            ArrayNode buckets = hist.putArray("buckets");
            for (double e : h.edges()) {
                buckets.add(e);
            }
            ArrayNode counts = hist.putArray("counts");
            for (double v : h.counts()) {
                counts.add(v);
            }
        } else if (c instanceof CategoricalStats cs) {
            o.put("count", cs.count()).put("top", cs.top());
            ObjectNode hist = o.putObject("histogram");
            ArrayNode buckets = hist.putArray("buckets");
            ArrayNode counts = hist.putArray("counts");
            cs.categories().forEach((k, v) -> {
                buckets.add(k);
                counts.add(v);
            });
        }
        return o;
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
