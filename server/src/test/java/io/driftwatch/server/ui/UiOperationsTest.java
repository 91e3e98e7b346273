package io.driftwatch.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class UiOperationsTest {
    @Test
    void percentilesAreNearestRank() {
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(UiOperations.percentile(hundred, 0.5)).isEqualTo(50);
        assertThat(UiOperations.percentile(hundred, 0.95)).isEqualTo(95);
        assertThat(UiOperations.percentile(hundred, 0.99)).isEqualTo(99);
        assertThat(UiOperations.percentile(new long[] {7}, 0.99)).isEqualTo(7);
        // 4 events: p50 is the 2nd, p95 and p99 the 4th (never an interpolated value that no event had)
        long[] four = {1_000, 2_000, 3_000, 40_000};
        assertThat(UiOperations.percentile(four, 0.5)).isEqualTo(2_000);
        assertThat(UiOperations.percentile(four, 0.95)).isEqualTo(40_000);
    }
}
