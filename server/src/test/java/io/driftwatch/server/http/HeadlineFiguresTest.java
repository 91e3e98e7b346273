package io.driftwatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.FeatureStats;
import io.driftwatch.LiveMetrics;
import io.driftwatch.ModelEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadlineFiguresTest {
    private static ModelEndpoint ep(String uid, double latencyAvg1h, long count1h, long count5m, long errors) {
        ModelEndpoint.Status st = ModelEndpoint.Status.initial(FeatureStats.empty()).toBuilder()
                .metrics(new LiveMetrics(count5m / 300.0, latencyAvg1h, latencyAvg1h, count5m, count1h))
                .errorCount(errors).build();
        return new ModelEndpoint(new ModelEndpoint.Metadata("p", uid, Map.of()), ModelEndpoint.Spec.builder().build(), st);
    }

    @Test
    void latencyIsTheRowWeightedMeanNotTheMeanOfEndpointMeans() {
        // a busy slow endpoint and an idle fast one: unweighted (5 + 1) / 2 = 3 ms, weighted (90*5 + 10*1) / 100 = 4.6 ms
        List<ModelEndpoint> eps = List.of(ep("busy", 5_000, 90, 30, 1), ep("idle", 1_000, 10, 0, 2), ep("none", 0, 0, 0, 0));
        assertThat(HeadlineFigures.latencyMicros(eps)).isCloseTo(4_600, within(1e-9));
        assertThat(HeadlineFigures.predictionsPerSecond(eps)).isCloseTo(0.1, within(1e-12));
        assertThat(HeadlineFigures.errors(eps)).isEqualTo(3);
    }

    @Test
    void noTrafficIsZeroLatency() {
        assertThat(HeadlineFigures.latencyMicros(List.of(ep("none", 0, 0, 0, 0)))).isZero();
        assertThat(HeadlineFigures.latencyMicros(List.of())).isZero();
    }
}
