package io.driftwatch.stats.drift;

import java.util.Arrays;
import java.util.Objects;

/** A numeric sample with NaN and ±Infinity removed, sorted ascending; {@code excluded} counts the removed. */
record Samples(double[] sorted, int excluded) {

    /** Copies the finite values of {@code raw} and sorts them; {@code role} names the array in messages. */
    static Samples finite(double[] raw, String role) {
        Objects.requireNonNull(raw, () -> role + " array is null");
        double[] copy = new double[raw.length];
        int n = 0;
        for (double v : raw) {
            if (Double.isFinite(v)) {
                copy[n++] = v;
            }
        }
        double[] values = n == raw.length ? copy : Arrays.copyOf(copy, n);
        Arrays.sort(values);
        return new Samples(values, raw.length - n);
    }

    int size() {
        return sorted.length;
    }

    boolean isEmpty() {
        return sorted.length == 0;
    }

    /** Why the pair cannot be compared ("empty reference ..."), or null when both have values. */
    static String emptyReason(Samples reference, Samples sample) {
        if (reference.isEmpty()) {
            return "empty reference: no finite values (" + reference.excluded + " NaN/±Inf excluded)";
        }
        if (sample.isEmpty()) {
            return "empty sample: no finite values (" + sample.excluded + " NaN/±Inf excluded)";
        }
        return null;
    }

    /** A note naming the excluded values, or an empty string when nothing was excluded. */
    static String exclusionNote(Samples reference, Samples sample) {
        if (reference.excluded == 0 && sample.excluded == 0) {
            return "";
        }
        return "excluded NaN/±Inf values: " + reference.excluded + " in reference, " + sample.excluded + " in sample";
    }

    /** Population standard deviation (ddof = 0, like {@code numpy.std}), two-pass. */
    double populationStd() {
        double mean = 0;
        for (double v : sorted) {
            mean += v;
        }
        mean /= sorted.length;
        double ss = 0;
        for (double v : sorted) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / sorted.length);
    }
}
