package io.driftwatch.stats;

/**
 * Distances between two probability vectors of equal length, exactly as MLRun's {@code histogram_distance}
 * (DESIGN.md §6); {@code t} is the sample (window), {@code u} the reference. Natural log. Inputs are not checked for
 * summing to 1 (MLRun normalises by count). Accuracy: double precision, one pass, O(n); ~20 ns for 22 bins.
 */
public final class Distances {
    /** KLD's replacement for a zero denominator. */
    public static final double KLD_EPSILON = 1e-4;

    private Distances() {
    }

    /** Total variation distance Σ|t−u| / 2, in [0, 1] for probability vectors. */
    public static double tvd(double[] t, double[] u) {
        requireSameLength(t, u);
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            s += Math.abs(t[i] - u[i]);
        }
        return s / 2;
    }

    /** Hellinger distance sqrt(max(1 − Σ sqrt(t·u), 0)), in [0, 1] for probability vectors. */
    public static double hellinger(double[] t, double[] u) {
        requireSameLength(t, u);
        double bc = 0;
        for (int i = 0; i < t.length; i++) {
            bc += Math.sqrt(t[i] * u[i]);
        }
        return Math.sqrt(Math.max(1 - bc, 0));
    }

    /**
     * Symmetric Kullback–Leibler divergence KL(t‖u) + KL(u‖t): terms with a zero numerator are 0, a zero denominator
     * is replaced by {@link #KLD_EPSILON}; unbounded above (no cap, as MLRun).
     */
    public static double kld(double[] t, double[] u) {
        requireSameLength(t, u);
        return kl(t, u) + kl(u, t);
    }

    private static double kl(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] != 0) {
                s += p[i] * Math.log(p[i] / (q[i] == 0 ? KLD_EPSILON : q[i]));
            }
        }
        return s;
    }

    private static void requireSameLength(double[] t, double[] u) {
        if (t.length != u.length) {
            throw new IllegalArgumentException("distributions differ in length: " + t.length + " vs " + u.length);
        }
    }
}
