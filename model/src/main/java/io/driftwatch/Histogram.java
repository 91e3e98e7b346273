package io.driftwatch;

import java.util.Arrays;

/**
 * Counts over contiguous bins: {@code counts.length + 1} ascending edges. Bin {@code i} is
 * {@code [edges[i], edges[i+1])}, the last bin also includes its upper edge. Immutable; accessors return copies.
 */
public final class Histogram {
    private final double[] counts;
    private final double[] edges;

    private Histogram(double[] counts, double[] edges) {
        this.counts = counts;
        this.edges = edges;
    }

    /**
     * A histogram of the given counts over the given edges (both copied).
     *
     * @throws IllegalArgumentException if {@code edges.length != counts.length + 1}, edges are not
     *                                  non-decreasing or not finite-or-±MAX, or a count is negative or not finite
     */
    public static Histogram of(double[] counts, double[] edges) {
        if (counts.length == 0 || edges.length != counts.length + 1) {
            throw new IllegalArgumentException("histogram needs n >= 1 counts and n+1 edges, got "
                    + counts.length + " counts and " + edges.length + " edges");
        }
        for (int i = 0; i < counts.length; i++) {
            if (!(counts[i] >= 0) || Double.isInfinite(counts[i])) {
                throw new IllegalArgumentException("histogram count " + i + " is " + counts[i]);
            }
        }
        for (int i = 0; i < edges.length; i++) {
            if (Double.isNaN(edges[i]) || (i > 0 && edges[i] < edges[i - 1])) {
                throw new IllegalArgumentException("histogram edges must be ascending numbers: " + Arrays.toString(edges));
            }
        }
        return new Histogram(counts.clone(), edges.clone());
    }

    /** The number of bins. */
    public int bins() {
        return counts.length;
    }

    public double[] counts() {
        return counts.clone();
    }

    public double[] edges() {
        return edges.clone();
    }

    public double count(int bin) {
        return counts[bin];
    }

    public double edge(int i) {
        return edges[i];
    }

    /** The sum of all counts. */
    public double total() {
        double s = 0;
        for (double c : counts) {
            s += c;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Arrays.equals(counts, h.counts) && Arrays.equals(edges, h.edges);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(counts) + Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        return "Histogram[counts=" + Arrays.toString(counts) + ", edges=" + Arrays.toString(edges) + "]";
    }
}
