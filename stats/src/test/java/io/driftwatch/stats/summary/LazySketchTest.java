package io.driftwatch.stats.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.FeatureStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Decoded summaries keep their KLL sketches serialized until a quantile, an update or an encoding needs them (drift
 * over a range reads histograms only): merging decoded parts gives the whole window's summary as eager merging does
 * (the {@link SummaryMergeTest} property, through the codec), re-encoding a decoded summary gives its bytes back, and
 * concurrent readers of a shared lazy summary see the same quantiles.
 */
class LazySketchTest {
    @Test
    void mergingDecodedPartsGivesTheWholeWindowsSummary() {
        for (int trial = 0; trial < 20; trial++) {
            Random r = new Random(31L * trial + 5);
            FeatureStats reference = SummaryData.reference(trial, 300);
            List<Map<String, Object>> window = SummaryData.window(trial, 2_000 + r.nextInt(20_000), 0.7);
            WindowSummary whole = SummaryData.summarize(window, reference);
            WindowSummary merged = WindowSummary.create();
            for (List<Map<String, Object>> part : SummaryMergeTest.split(window, r)) {
                byte[] bytes = SummaryData.summarize(part, reference).toByteArray();
                merged.merge(WindowSummary.fromByteArray(bytes));
            }
            SummaryMergeTest.assertSame(whole, merged, window, "trial " + trial);
        }
    }

    @Test
    void aDecodedSummaryEncodesToItsBytesAndReadsTheSameFromManyThreads() throws Exception {
        FeatureStats reference = SummaryData.reference(1, 300);
        byte[] bytes = SummaryData.summarize(SummaryData.window(1, 30_000, 0.2), reference).toByteArray();
        assertThat(WindowSummary.fromByteArray(bytes).toByteArray()).isEqualTo(bytes);
        WindowSummary shared = WindowSummary.create();
        shared.merge(WindowSummary.fromByteArray(bytes));
        shared.merge(WindowSummary.fromByteArray(bytes));
        String column = shared.columnNames().stream().filter(c -> shared.column(c).orElseThrow().finite() > 0)
                .findFirst().orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Double>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> shared.column(column).orElseThrow().quantile(0.5)));
            }
            double first = answers.getFirst().get();
            assertThat(first).isNotNaN();
            for (Future<Double> a : answers) {
                assertThat(a.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdown();
        }
    }
}
