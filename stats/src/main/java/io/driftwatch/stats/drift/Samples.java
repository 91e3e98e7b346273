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
        return emptyReason(reference, sample.size(), sample.excluded);
    }

    /** {@link #emptyReason(Samples, Samples)} with the sample given by its size and excluded count. */
    static String emptyReason(Samples reference, long sampleSize, long sampleExcluded) {
        if (reference.isEmpty()) {
            return "empty reference: no finite values (" + reference.excluded + " NaN/±Inf excluded)";
        }
        if (sampleSize == 0) {
            return "empty sample: no finite values (" + sampleExcluded + " NaN/±Inf excluded)";
        }
        return null;
    }

    /** A note naming the excluded values, or an empty string when nothing was excluded. */
    static String exclusionNote(Samples reference, Samples sample) {
        return exclusionNote(reference.excluded, sample.excluded);
    }

    /** {@link #exclusionNote(Samples, Samples)} from the two counts. */
    static String exclusionNote(long reference, long sample) {
        if (reference == 0 && sample == 0) {
            return "";
        }
        return "excluded NaN/±Inf values: " + reference + " in reference, " + sample + " in sample";
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
