package io.driftwatch.engine.apps;

import io.driftwatch.CategoricalStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import io.driftwatch.ResultStatus;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.drift.BinnedDriftTests;
import io.driftwatch.stats.drift.BinnedSample;
import io.driftwatch.stats.drift.CategoricalDriftTest;
import io.driftwatch.stats.drift.DriftTestResult;
import io.driftwatch.stats.drift.NumericDriftTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistical tests of {@link DriftTestsApp} on one feature, and the feature's verdict: the share of its
 * (relevant) tests that found drift; {@code detected} when at least half did, {@code potential_detection} when some
 * did, {@code irrelevant} when no test could run.
 *
 * @param tests the per-test outcomes, in test order
 */
record FeatureTests(String feature, String type, List<DriftTestResult> tests) {

    /**
     * Runs numeric tests on the training histogram's resolution: the reference is its bins expanded (each bin's count
     * at the bin's midpoint) and each window value inside the training range is mapped to the midpoint of its bin
     * (bins {@code [e_i, e_i+1)}, the last closed); values outside the range keep their value.
     */
    static FeatureTests numeric(String feature, NumericStats reference, double[] window, List<NumericDriftTest> tests) {
        double[] ref = expand(reference.hist());
        double[] sample = toMidpoints(reference.hist(), window);
        List<DriftTestResult> out = new ArrayList<>();
        for (NumericDriftTest t : tests) {
            out.add(t.test(ref, sample));
        }
        return new FeatureTests(feature, "numeric", out);
    }

    /**
     * {@link #numeric} on a window known by its summary: the same tests on the same discretised values, computed from
     * the counts per reference bin and the out-of-range sums ({@link BinnedDriftTests}, exact).
     */
    static FeatureTests numeric(String feature, NumericStats reference, BinnedSample window,
                                List<NumericDriftTest> tests) {
        BinnedDriftTests.Reference ref = PreparedReferences.of(reference.hist());
        Histogram padded = Histograms.pad(reference.hist());
        List<DriftTestResult> out = new ArrayList<>();
        for (NumericDriftTest t : tests) {
            out.add(BinnedDriftTests.test(t, padded, ref, window));
        }
        return new FeatureTests(feature, "numeric", out);
    }

    /** {@link #categorical} on the window's counts per category (already mapped as that method maps values). */
    static FeatureTests categorical(String feature, CategoricalStats reference, Map<String, Long> sample,
                                    List<CategoricalDriftTest> tests) {
        List<DriftTestResult> out = new ArrayList<>();
        for (CategoricalDriftTest t : tests) {
            out.add(t.test(reference.categories(), sample));
        }
        return new FeatureTests(feature, "categorical", out);
    }

    /** Window values mapped to their reference bin's midpoint; padding bins (±MAX edges) are not bins. */
    static double[] toMidpoints(Histogram hist, double[] values) {
        int first = hist.edge(0) == -Double.MAX_VALUE ? 1 : 0;
        int last = hist.edge(hist.bins()) == Double.MAX_VALUE ? hist.bins() - 1 : hist.bins();
        double lo = hist.edge(first);
        double hi = hist.edge(last);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= lo && v <= hi)) {
                out[i] = v; // NaN stays NaN (excluded by the tests), outliers keep their value
                continue;
            }
            int b = first;
            while (b < last - 1 && v >= hist.edge(b + 1)) {
                b++;
            }
            out[i] = (hist.edge(b) + hist.edge(b + 1)) / 2;
        }
        return out;
    }

    /** Runs categorical tests on the reference's category counts and the window's (unknown → {@code __other__}). */
    static FeatureTests categorical(String feature, CategoricalStats reference, List<Object> window,
                                    List<CategoricalDriftTest> tests) {
        Map<String, Long> ref = reference.categories();
        Map<String, Long> sample = new HashMap<>();
        boolean other = ref.containsKey(CategoricalStats.OTHER);
        for (Object v : window) {
            if (v != null) {
                String k = v.toString();
                sample.merge(other && !ref.containsKey(k) ? CategoricalStats.OTHER : k, 1L, Long::sum);
            }
        }
        List<DriftTestResult> out = new ArrayList<>();
        for (CategoricalDriftTest t : tests) {
            out.add(t.test(ref, sample));
        }
        return new FeatureTests(feature, "categorical", out);
    }

    /** Each bin's (rounded) count at the bin's midpoint; bins without rows (e.g. the padding) add nothing. */
    static double[] expand(Histogram hist) {
        int n = 0;
        for (int i = 0; i < hist.bins(); i++) {
            n += (int) Math.round(hist.count(i));
        }
        double[] out = new double[n];
        int at = 0;
        for (int i = 0; i < hist.bins(); i++) {
            int c = (int) Math.round(hist.count(i));
            double mid = (hist.edge(i) + hist.edge(i + 1)) / 2;
            for (int k = 0; k < c; k++) {
                out[at++] = mid;
            }
        }
        return out;
    }

    /** The share of relevant tests that found drift; NaN when none was relevant. */
    double driftShare() {
        long relevant = tests.stream().filter(r -> r.status() != ResultStatus.IRRELEVANT).count();
        long drifted = tests.stream().filter(DriftTestResult::drifted).count();
        return relevant == 0 ? Double.NaN : (double) drifted / relevant;
    }

    /** The feature's verdict from {@link #driftShare()}. */
    ResultStatus status() {
        double share = driftShare();
        if (Double.isNaN(share)) {
            return ResultStatus.IRRELEVANT;
        }
        return share >= 0.5 ? ResultStatus.DETECTED : share > 0 ? ResultStatus.POTENTIAL_DETECTION
                : ResultStatus.NO_DETECTION;
    }

    /** Whether the feature counts as drifted in the overall share. */
    boolean drifted() {
        return status() == ResultStatus.DETECTED;
    }

    /** extra_data: the feature, its type and per test {statistic, p_value, threshold, status, note} (NaN → null). */
    Map<String, Object> extraData() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("feature", feature);
        extra.put("type", type);
        Map<String, Object> byTest = new LinkedHashMap<>();
        for (DriftTestResult r : tests) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("statistic", finite(r.statistic()));
            t.put("p_value", finite(r.pValue()));
            t.put("threshold", r.threshold());
            t.put("status", r.status().code());
            if (!r.note().isEmpty()) {
                t.put("note", r.note());
            }
            byTest.put(r.test(), t);
        }
        extra.put("tests", byTest);
        return extra;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
