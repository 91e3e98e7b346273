package io.driftwatch.stats.drift;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounded, thread-safe least-recently-used memo of {@link KsTest#exactP(long, int, int, long)}. The exact
 * p-value is a pure function of (h, m, n) (the gcd g follows from m and n), and a controller cycle asks for
 * few distinct ones: the windows of one model have few distinct sizes and D only takes the lattice values
 * h / lcm(m, n). A hit returns the very double the recursion computed, so results are bit-identical.
 * <p>The key packs (h, m, n) into one {@code long}: m, n ≤ {@link KsTest#EXACT_MAX_SIZE} fit 14 bits each
 * and 0 &lt; h ≤ lcm(m, n) ≤ 10^8 fits 27 bits. Lookups and inserts hold the map's lock only for the
 * map operation; the recursion runs outside it (two threads missing the same key both compute the same
 * value, and the second put overwrites it with an identical one).
 * <p>Memory, 64-bit JVM with compressed oops and class pointers (12-byte headers, 8-byte alignment): per
 * entry a {@code LinkedHashMap.Entry} (40 bytes), a boxed {@code Long} key (24) and a boxed {@code Double}
 * value (24), 88 bytes, plus the table: 131,072 slots × 4 bytes once past 49,152 entries. At the default bound
 * of 65,536 entries that is 65,536 × 88 B + 512 KiB ≈ 6.3 MB, reached only after 65,536 distinct (h, m, n).
 * One miss costs the O(max(m, n) · d · min(m, n)) recursion (µs for small windows, under 10 ms at
 * 10k × 10k for d ≈ 0.02, ~0.1 s at worst); a hit costs one synchronized map lookup.
 */
final class KsExactMemo {
    static final int DEFAULT_MAX_ENTRIES = 65_536;
    private static final int SIZE_BITS = 14;
    private static final int H_BITS = 27;
    private final int maxEntries;
    private final Map<Long, Double> map;

    KsExactMemo(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("memo bound must be at least 1 entry, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Double> eldest) {
                return size() > KsExactMemo.this.maxEntries;
            }
        };
    }

    /** {@link KsTest#exactP(long, int, int, long)}, memoised when (h, m, n) fits the packed key. */
    double exactP(long h, int m, int n, long g) {
        if (h <= 0 || h >= 1L << H_BITS || m >= 1 << SIZE_BITS || n >= 1 << SIZE_BITS) {
            return KsTest.exactP(h, m, n, g); // h ≤ 0 is immediate; the rest cannot occur with sizes ≤ 10,000
        }
        Long key = (h << 2 * SIZE_BITS) | ((long) m << SIZE_BITS) | n;
        Double hit;
        synchronized (map) {
            hit = map.get(key);
        }
        if (hit != null) {
            return hit;
        }
        double p = KsTest.exactP(h, m, n, g);
        synchronized (map) {
            map.put(key, p);
        }
        return p;
    }

    int size() {
        synchronized (map) {
            return map.size();
        }
    }

    int maxEntries() {
        return maxEntries;
    }
}
