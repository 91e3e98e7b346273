package io.driftwatch.stats.drift;

/**
 * Wasserstein-1 distance between the empirical distributions, computed exactly from the sorted
 * samples as the integral of |F_ref − F_sample| (same definition as
 * {@code scipy.stats.wasserstein_distance}; O((n+m) log(n+m)), ~2 ms at 10k + 10k), normed like
 * Evidently's {@code wasserstein_distance_norm}: divided by {@code max(std(reference), 0.001)}
 * with the population std (ddof = 0). A constant reference therefore divides by 0.001: any shift
 * of a constant feature by more than 1e-4 counts as drift.
 */
final class WassersteinTest implements NumericDriftTest {
    static final String NAME = "wasserstein";
    static final double STD_FLOOR = 0.001;
    private final double threshold;

    WassersteinTest(double threshold) {
        this.threshold = Results.checkDistanceThreshold(threshold);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public DriftTestResult test(double[] reference, double[] sample) {
        Samples r = Samples.finite(reference, "reference");
        Samples s = Samples.finite(sample, "sample");
        String empty = Samples.emptyReason(r, s);
        if (empty != null) {
            return DriftTestResult.irrelevant(NAME, threshold, empty);
        }
        return fromDistance(r, distanceSorted(r.sorted(), s.sorted()), Samples.exclusionNote(r, s));
    }

    /** The result from the W1 distance to the (non-empty) reference: normed by its population std. */
    DriftTestResult fromDistance(Samples r, double distance, String note) {
        return fromDistance(r.populationStd(), distance, note);
    }

    /** {@link #fromDistance(Samples, double, String)} with the reference's population std already known. */
    DriftTestResult fromDistance(double std, double distance, String note) {
        if (std < STD_FLOOR) {
            note = Results.join(note, "reference std " + std + " below " + STD_FLOOR + ", normed by " + STD_FLOOR);
        }
        return Results.byDistance(NAME, distance / Math.max(std, STD_FLOOR), threshold, note);
    }

    /** The W1 distance of two non-empty ascending finite arrays. */
    static double distanceSorted(double[] u, double[] v) {
        int n = u.length;
        int m = v.length;
        int i = 0;
        int j = 0;
        double x = Math.min(u[0], v[0]);
        double sum = 0;
        while (true) {
            while (i < n && u[i] <= x) {
                i++;
            }
            while (j < m && v[j] <= x) {
                j++;
            }
            if (i == n && j == m) {
                return sum;
            }
            double next = Math.min(i < n ? u[i] : Double.POSITIVE_INFINITY, j < m ? v[j] : Double.POSITIVE_INFINITY);
            sum += Math.abs(i / (double) n - j / (double) m) * (next - x);
            x = next;
        }
    }
}
