package io.driftwatch.stats.drift;

import io.driftwatch.Histogram;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * The numeric tests of {@link DriftTests} on a {@link BinnedSample} instead of the window's values, for windows
 * known only by their summary. The reference is the training histogram expanded to its bins' midpoints (as the
 * {@code drift-tests} app does) and the sample is the window's values with those inside the training range mapped to
 * their bin's midpoint: both sides are then step functions on the midpoints plus the sample's out-of-range values,
 * and every test is computed <em>exactly</em>, not within a sketch bound:
 * <ul>
 *   <li>KS: D is the largest |cumR·n − cumS·N| over the underflow block and the midpoints (integer arithmetic, the
 *       same value Hipparchus computes from the values), p-value as {@link DriftTests#ks()};</li>
 *   <li>Wasserstein-1: ∫|F_r − F_s| = (u·m₁ − ΣU)/n + Σ|F_s − F_r|·Δm + (ΣO − o·m_M)/n, from the counts and the
 *       out-of-range sums (equal to the sorted-values computation to rounding, ~1e-15 relative);</li>
 *   <li>PSI and Jensen–Shannon: the reference-decile bins of every midpoint and of the out-of-range blocks, the same
 *       fractions bit for bit.</li>
 * </ul>
 * Cost: O(reference rows) for the expanded reference (as the raw path) plus O(bins); no window value is read.
 */
public final class BinnedDriftTests {
    private BinnedDriftTests() {
    }

    /**
     * Runs {@code test} on the expanded reference and the binned sample.
     *
     * @param paddedReference the reference histogram with its padding bins (MLRun's 22 bins)
     * @param reference       the expanded reference (each bin's count at its midpoint)
     */
    public static DriftTestResult test(NumericDriftTest test, Histogram paddedReference, double[] reference,
                                       BinnedSample sample) {
        return test(test, paddedReference, Reference.of(reference), sample);
    }

    /**
     * The expanded reference prepared once for any number of windows (issue 17): its finite values sorted and its
     * decile bins with their fractions, which every window's tests against it share. Immutable, thread-safe.
     */
    public static final class Reference {
        private final Samples values;
        private final ReferenceBins bins;
        private final double[] fractions;
        /** The population std of the finite values (NaN when none), computed once: it was ~4 % of a window's tests. */
        private final double std;

        private Reference(Samples values) {
            this.values = values;
            this.std = values.isEmpty() ? Double.NaN : values.populationStd();
            this.bins = values.isEmpty() ? null : ReferenceBins.of(values.sorted());
            this.fractions = bins == null ? null : bins.fractions(values.sorted());
        }

        /** The prepared form of an expanded reference (each bin's count at its midpoint). */
        public static Reference of(double[] reference) {
            return new Reference(Samples.finite(reference, "reference"));
        }
    }

    /** {@link #test(NumericDriftTest, Histogram, double[], BinnedSample)} with the reference prepared. */
    public static DriftTestResult test(NumericDriftTest test, Histogram paddedReference, Reference reference,
                                       BinnedSample sample) {
        if (sample.counts().length != paddedReference.bins()) {
            throw new IllegalArgumentException("binned sample has " + sample.counts().length + " bins, the reference "
                    + paddedReference.bins());
        }
        Samples r = reference.values;
        long n = sample.size();
        String empty = Samples.emptyReason(r, n, sample.excluded());
        if (empty != null) {
            return DriftTestResult.irrelevant(test.name(), test.threshold(), empty);
        }
        String note = Samples.exclusionNote(r.excluded(), sample.excluded());
        double[] mid = midpoints(paddedReference);
        return switch (test) {
            case KsTest ks -> ks(ks, paddedReference, r.size(), sample, n, note);
            case WassersteinTest w -> w.fromDistance(reference.std, wasserstein(paddedReference, r.size(), sample, n, mid), note);
            case PsiTest p -> p.fromFractions(reference.fractions.clone(), sampleFractions(reference.bins, sample, n,
                    mid), note);
            case JensenShannonTest js -> js.fromFractions(reference.fractions.clone(), sampleFractions(reference.bins,
                    sample, n, mid), note);
        };
    }

    /** The midpoint of each padded bin (the padding bins' entries are unused). */
    static double[] midpoints(Histogram padded) {
        double[] mid = new double[padded.bins()];
        for (int i = 1; i < mid.length - 1; i++) {
            mid[i] = (padded.edge(i) + padded.edge(i + 1)) / 2;
        }
        return mid;
    }

    private static long refCount(Histogram padded, int bin) {
        return Math.round(padded.count(bin));
    }

    private static DriftTestResult ks(KsTest ks, Histogram padded, int refSize, BinnedSample s, long n, String note) {
        long[] c = s.counts();
        long big = (long) refSize;
        long best = c[0] * big;
        long cumR = refCount(padded, 0);
        long cumS = c[0];
        for (int k = 1; k < c.length - 1; k++) {
            cumR += refCount(padded, k);
            cumS += c[k];
            best = Math.max(best, Math.abs(cumR * n - cumS * big));
        }
        double d = best / (double) (big * n);
        double p = KsTest.pValue(new KolmogorovSmirnovTest(), d, refSize, Math.toIntExact(n));
        return Results.byPValue(KsTest.NAME, d, p, ks.threshold(), note);
    }

    private static double wasserstein(Histogram padded, int refSize, BinnedSample s, long n, double[] mid) {
        long[] c = s.counts();
        int last = c.length - 2;
        double sum = c[0] == 0 ? 0 : (c[0] * mid[1] - s.underflowSum()) / n;
        long cumR = 0;
        long cumS = c[0];
        for (int k = 1; k < last; k++) {
            cumR += refCount(padded, k);
            cumS += c[k];
            sum += Math.abs(cumR / (double) refSize - cumS / (double) n) * (mid[k + 1] - mid[k]);
        }
        long over = c[c.length - 1];
        return over == 0 ? sum : sum + (s.overflowSum() - over * mid[last]) / n;
    }

    private static double[] sampleFractions(ReferenceBins bins, BinnedSample s, long n, double[] mid) {
        long[] c = s.counts();
        double[] f = new double[bins.binCount()];
        f[0] += c[0];
        for (int k = 1; k < c.length - 1; k++) {
            if (c[k] > 0) {
                f[bins.bin(mid[k])] += c[k];
            }
        }
        f[f.length - 1] += c[c.length - 1];
        for (int i = 0; i < f.length; i++) {
            f[i] /= n;
        }
        return f;
    }
}
