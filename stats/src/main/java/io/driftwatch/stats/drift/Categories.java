package io.driftwatch.stats.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reference and sample category counts aligned on the sorted union of their categories.
 * Null categories are excluded (counted in {@code excludedNulls}); categories with zero count on both
 * sides are dropped; {@code sampleOnly} counts categories present in the sample but not the reference.
 */
record Categories(List<String> keys, long[] reference, long[] sample,
                  long referenceTotal, long sampleTotal, long excludedNulls, int sampleOnly) {

    /** Counts the values of {@code values}; nulls are kept under the {@code null} key for {@link #align}. */
    static Map<String, Long> count(String[] values, String role) {
        Objects.requireNonNull(values, () -> role + " array is null");
        Map<String, Long> counts = new HashMap<>();
        for (String v : values) {
            counts.merge(v, 1L, Long::sum);
        }
        return counts;
    }

    static Categories align(Map<String, Long> reference, Map<String, Long> sample) {
        Objects.requireNonNull(reference, "reference counts map is null");
        Objects.requireNonNull(sample, "sample counts map is null");
        TreeSet<String> union = new TreeSet<>();
        long nulls = addKeys(reference, "reference", union) + addKeys(sample, "sample", union);
        List<String> keys = new ArrayList<>();
        List<long[]> pairs = new ArrayList<>();
        for (String k : union) {
            long r = reference.getOrDefault(k, 0L);
            long s = sample.getOrDefault(k, 0L);
            if (r + s > 0) {
                keys.add(k);
                pairs.add(new long[] {r, s});
            }
        }
        long[] ref = new long[keys.size()];
        long[] smp = new long[keys.size()];
        long refTotal = 0;
        long smpTotal = 0;
        int sampleOnly = 0;
        for (int i = 0; i < ref.length; i++) {
            ref[i] = pairs.get(i)[0];
            smp[i] = pairs.get(i)[1];
            refTotal = Math.addExact(refTotal, ref[i]);
            smpTotal = Math.addExact(smpTotal, smp[i]);
            sampleOnly += ref[i] == 0 ? 1 : 0;
        }
        return new Categories(List.copyOf(keys), ref, smp, refTotal, smpTotal, nulls, sampleOnly);
    }

    /** Adds the non-null keys to {@code union}, validates the counts, returns the null-key count. */
    private static long addKeys(Map<String, Long> counts, String role, TreeSet<String> union) {
        long nulls = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            Long c = e.getValue();
            if (c == null || c < 0) {
                throw new IllegalArgumentException(
                        role + " count of category '" + e.getKey() + "' is " + c + " (expected a count >= 0)");
            }
            if (e.getKey() == null) {
                nulls += c;
            } else {
                union.add(e.getKey());
            }
        }
        return nulls;
    }

    /** Why the pair cannot be compared, or null when both sides have counts. */
    String emptyReason() {
        if (referenceTotal == 0) {
            return "empty reference: no non-null category counts";
        }
        if (sampleTotal == 0) {
            return "empty sample: no non-null category counts";
        }
        return null;
    }

    /** Notes on excluded nulls and unseen categories, or an empty string. */
    String note() {
        StringBuilder sb = new StringBuilder();
        if (excludedNulls > 0) {
            sb.append("excluded ").append(excludedNulls).append(" null values");
        }
        if (sampleOnly > 0) {
            sb.append(sb.isEmpty() ? "" : "; ").append(sampleOnly).append(" categories unseen in reference");
        }
        return sb.toString();
    }

    static double[] fractions(long[] counts, long total) {
        double[] f = new double[counts.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = counts[i] / (double) total;
        }
        return f;
    }
}
