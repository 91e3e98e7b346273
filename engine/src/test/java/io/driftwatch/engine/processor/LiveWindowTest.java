package io.driftwatch.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.LiveMetrics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveWindowTest {
    static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void countsAndRowWeightedLatencyOverFiveMinutesAndAnHour() {
        LiveWindow w = new LiveWindow();
        w.add(NOW.minusSeconds(30), NOW, 10, 1000);     // in 5m and 1h
        w.add(NOW.minusSeconds(200), NOW, 2, 4000);     // in 5m and 1h
        w.add(NOW.minusSeconds(1200), NOW, 5, 100);     // 1h only
        w.add(NOW.minusSeconds(4000), NOW, 100, 1);     // too old
        LiveMetrics m = w.metrics(NOW);
        assertThat(m.predictionsCount5m()).isEqualTo(12);
        assertThat(m.predictionsCount1h()).isEqualTo(17);
        assertThat(m.predictionsPerSecond()).isCloseTo(12 / 300.0, within(1e-12));
        assertThat(m.latencyAvg5m()).isCloseTo((10 * 1000 + 2 * 4000) / 12.0, within(1e-9));
        assertThat(m.latencyAvg1h()).isCloseTo((10 * 1000 + 2 * 4000 + 5 * 100) / 17.0, within(1e-9));
    }

    @Test
    void metricsAgeWithTheClockAndFutureEventsCountAsNow() {
        LiveWindow w = new LiveWindow();
        w.add(NOW.plusSeconds(3600), NOW, 3, 10);
        assertThat(w.metrics(NOW).predictionsCount5m()).isEqualTo(3);
        assertThat(w.metrics(NOW.plusSeconds(301)).predictionsCount5m()).isZero();
        assertThat(w.metrics(NOW.plusSeconds(301)).predictionsCount1h()).isEqualTo(3);
        assertThat(w.metrics(NOW.plusSeconds(3601))).isEqualTo(LiveMetrics.ZERO);
    }
}
