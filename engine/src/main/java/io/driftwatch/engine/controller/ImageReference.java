package io.driftwatch.engine.controller;

import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.engine.image.ImageStats;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.stats.Column;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference of image features (issue 15, point 6): a model's training set has no statistics of the derived
 * image columns ({@code {feature}.width}, {@code .brightness}, …), so the first window that has them supplies them:
 * their reference statistics (20 bins, as a training set's) are added to the endpoint's {@code feature_stats}, and
 * that window and every later one drift against it like numeric features. Columns already in the reference (e.g.
 * logged with the model) are kept.
 */
final class ImageReference {
    private ImageReference() {
    }

    /** The endpoint with the frame's image columns added to its reference when missing (stored), else as it was. */
    static ModelEndpoint complete(ModelEndpoint ep, SampleFrame frame, EndpointStore endpoints) {
        List<String> missing = frame.columnNames().stream()
                .filter(c -> ImageStats.featureOf(c, ep.spec().featureNames()) != null)
                .filter(c -> ep.status().featureStats().get(c).isEmpty()).toList();
        if (missing.isEmpty()) {
            return ep;
        }
        Map<String, Column> cols = new LinkedHashMap<>();
        for (String name : missing) {
            cols.put(name, numeric(frame.values(name)));
        }
        FeatureStats derived = Statistics.reference(Frame.of(cols)).stats();
        return endpoints.update(ep.project(), ep.uid(), stored -> withReference(stored, derived)).orElse(ep);
    }

    private static ModelEndpoint withReference(ModelEndpoint stored, FeatureStats derived) {
        Map<String, ColumnStats> all = new LinkedHashMap<>(stored.status().featureStats().columns());
        derived.columns().forEach(all::putIfAbsent);
        return stored.withStatus(stored.status().toBuilder().featureStats(FeatureStats.of(all)).build());
    }

    private static NumericColumn numeric(List<Object> values) {
        double[] d = new double[values.size()];
        BitSet nulls = new BitSet(values.size());
        for (int i = 0; i < d.length; i++) {
            if (values.get(i) instanceof Number n) {
                d[i] = n.doubleValue();
            } else {
                nulls.set(i);
            }
        }
        return NumericColumn.of(d, nulls);
    }
}
