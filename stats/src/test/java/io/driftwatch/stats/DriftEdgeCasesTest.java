package io.driftwatch.stats;

import io.driftwatch.CategoricalStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.NumericStats;
import io.driftwatch.ResultStatus;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** DESIGN.md §6 edge cases: each defined, none throws, nothing silently becomes 0. */
class DriftEdgeCasesTest {
    private static final HistogramDrift DRIFT = HistogramDrift.create();

    private static FeatureStats reference() {
        Map<String, Column> cols = new LinkedHashMap<>();
        cols.put("x", NumericColumn.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        cols.put("c", CategoricalColumn.of("a", "a", "b", "b", "b", "c", "c", "c", "c", "c"));
        return Statistics.reference(Frame.of(cols)).stats();
    }

    @Test
    void emptyWindowIsIrrelevantWithoutResult() {
        Frame empty = Frame.of(Map.of("x", NumericColumn.of(), "c", CategoricalColumn.of()));
        DriftReport r = DRIFT.compare(reference(), empty);
        assertThat(r.status()).isEqualTo(ResultStatus.IRRELEVANT);
        assertThat(r.generalDrift()).isNaN();
        assertThat(r.hasResult()).isFalse();
        assertThat(r.result()).isEmpty();
        assertThat(r.metrics()).isEmpty();
        assertThat(r.skipped()).containsEntry("x", SkipReason.NO_VALUES_IN_WINDOW)
                .containsEntry("c", SkipReason.NO_VALUES_IN_WINDOW);
        assertThat(DRIFT.compare(reference(), Frame.empty()).skipped())
                .containsEntry("x", SkipReason.NOT_IN_WINDOW).containsEntry("c", SkipReason.NOT_IN_WINDOW);
    }

    @Test
    void allNullFeatureIsSkippedOthersStillCompared() {
        Frame w = Frame.of(Map.of("x", NumericColumn.ofBoxed(null, null, Double.NaN),
                "c", CategoricalColumn.of("a", "b", "c")));
        DriftReport r = DRIFT.compare(reference(), w);
        assertThat(r.skipped()).containsExactly(Map.entry("x", SkipReason.NO_VALUES_IN_WINDOW));
        assertThat(r.features()).containsOnlyKeys("c");
        assertThat(r.status()).isNotEqualTo(ResultStatus.IRRELEVANT);
        NumericStats x = (NumericStats) r.currentStats().get("x").orElseThrow();
        assertThat(x.count()).isZero();
        assertThat(x.mean()).isNaN();
    }

    @Test
    void singleRowWindow() {
        Frame w = Frame.of(Map.of("x", NumericColumn.of(10), "c", CategoricalColumn.of("c")));
        DriftReport r = DRIFT.compare(reference(), w);
        assertThat(r.features()).containsOnlyKeys("x", "c");
        NumericStats x = (NumericStats) r.currentStats().get("x").orElseThrow();
        assertThat(x.std()).isNaN();
        assertThat(x.hist().count(20)).isEqualTo(1);
        assertThat(x.hist().count(21)).isZero();
    }

    @Test
    void constantReferenceAndWindow() {
        FeatureStats ref = Statistics.reference(Frame.of(Map.of("k", NumericColumn.of(5, 5, 5)))).stats();
        DriftReport same = DRIFT.compare(ref, Frame.of(Map.of("k", NumericColumn.of(5, 5))));
        assertThat(same.features().get("k").tvd()).isZero();
        DriftReport moved = DRIFT.compare(ref, Frame.of(Map.of("k", NumericColumn.of(6, 6))));
        assertThat(moved.features().get("k").tvd()).isEqualTo(1.0);
        assertThat(moved.status()).isEqualTo(ResultStatus.DETECTED);
    }

    @Test
    void unseenCategoriesGoToOther() {
        DriftReport r = DRIFT.compare(reference(), Frame.of(Map.of("c", CategoricalColumn.of("zz", "yy"))));
        CategoricalStats c = (CategoricalStats) r.currentStats().get("c").orElseThrow();
        assertThat(c.categories()).containsEntry(CategoricalStats.OTHER, 2L);
        assertThat(r.features().get("c").tvd()).isEqualTo(1.0);
        assertThat(r.skipped()).containsEntry("x", SkipReason.NOT_IN_WINDOW);
    }

    @Test
    void extraWindowFeatureAndTypeMismatchAreReported() {
        Frame w = Frame.of(Map.of("x", CategoricalColumn.of("1", "2"), "c", CategoricalColumn.of("a", "b"),
                "new", NumericColumn.of(1, 2)));
        DriftReport r = DRIFT.compare(reference(), w);
        assertThat(r.skipped()).containsEntry("new", SkipReason.NOT_IN_REFERENCE)
                .containsEntry("x", SkipReason.TYPE_MISMATCH);
        assertThat(r.currentStats().names()).containsExactly("c");
        assertThat(r.features()).containsOnlyKeys("c");
        assertThat(r.result().orElseThrow().extraData()).containsKey("skipped_features");
    }

    @Test
    void infinitiesAndNullsInTheWindowAreBinnedOrExcluded() {
        Frame w = Frame.of(Map.of("x", NumericColumn.ofBoxed(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, null,
                Double.NaN, 5.5)));
        DataProfile p = Statistics.window(w, reference());
        NumericStats x = (NumericStats) p.stats().get("x").orElseThrow();
        assertThat(x.count()).isEqualTo(3);
        assertThat(x.hist().count(0)).isEqualTo(1);
        assertThat(x.hist().count(21)).isEqualTo(1);
        assertThat(x.mean()).isEqualTo(5.5);
        assertThat(p.excluded("x")).isEqualTo(new ExcludedValues(1, 1, 1, 1));
        DriftReport r = DRIFT.compare(reference(), p);
        assertThat(r.features().get("x").tvd()).isCloseTo(1.0, within(1e-12)); // 5.5 hits an empty reference bin
    }

    @Test
    void referenceWithoutValuesIsSkipped() {
        FeatureStats ref = Statistics.reference(Frame.of(Map.of("e", NumericColumn.ofBoxed(null, Double.NaN),
                "b", CategoricalColumn.ofBooleans(null, null)))).stats();
        DriftReport r = DRIFT.compare(ref, Frame.fromMaps(List.of(Map.of("e", 1.0, "b", true))));
        assertThat(r.skipped()).containsEntry("e", SkipReason.EMPTY_REFERENCE).containsEntry("b", SkipReason.EMPTY_REFERENCE);
        assertThat(r.status()).isEqualTo(ResultStatus.IRRELEVANT);
    }

    @Test
    void preBinnedWindowWithOtherBinsIsReported() {
        FeatureStats ref = reference();
        FeatureStats window = Statistics.reference(Frame.of(Map.of("x", NumericColumn.of(1, 2)))).stats();
        DriftReport r = DRIFT.compare(ref, window);
        assertThat(r.skipped()).containsEntry("x", SkipReason.BINS_MISMATCH).containsEntry("c", SkipReason.NOT_IN_WINDOW);
    }
}
