package io.driftwatch.engine.apps;

import io.driftwatch.FeatureStats;
import io.driftwatch.SampleFrame;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small fixtures: reference of x = 0..99 and y, and a 3-row window x = 1, 2, 3. */
final class MonitoringApplicationContractSupport {
    private MonitoringApplicationContractSupport() {
    }

    static FeatureStats reference() {
        double[] x = new double[100];
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            x[i] = i;
            y[i] = i % 2;
        }
        return Statistics.reference(Frame.of(Map.of("x", NumericColumn.of(x), "y", NumericColumn.of(y)))).stats();
    }

    static SampleFrame frame() {
        Instant t = Instant.parse("2024-03-01T12:00:00Z");
        return SampleFrames.of(Map.of("x", List.of(1.0, 2.0, 3.0), "y", List.of(0.0, 1.0, 1.0)),
                List.of(t, t.plusSeconds(1), t.plusSeconds(2)));
    }
}
