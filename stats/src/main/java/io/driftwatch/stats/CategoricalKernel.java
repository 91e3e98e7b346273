package io.driftwatch.stats;

import io.driftwatch.CategoricalStats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics of one categorical column: pandas {@code describe} for objects ({@code count, unique, top, freq};
 * ties for {@code top} go to the category seen first, as {@code value_counts}) and a category histogram.
 * Memory: one map entry per distinct category (~80 bytes + the string). Speed: one hash lookup per row (~15 ns).
 */
final class CategoricalKernel {
    private CategoricalKernel() {
    }

    /**
     * Reference statistics: the categories histogram holds the {@code topK} most frequent categories (ties: first
     * seen) in descending count order, then {@link CategoricalStats#OTHER} with the count of all the others (0 if
     * none; always present so that unseen window categories have a bin).
     */
    static CategoricalStats reference(CategoricalColumn column, int topK) {
        List<Map.Entry<String, long[]>> ranked = ranked(count(column.raw()));
        Map<String, Long> categories = new LinkedHashMap<>();
        long total = 0;
        long other = 0;
        for (int i = 0; i < ranked.size(); i++) {
            long c = ranked.get(i).getValue()[0];
            total += c;
            if (i < topK && !CategoricalStats.OTHER.equals(ranked.get(i).getKey())) {
                categories.put(ranked.get(i).getKey(), c);
            } else {
                other += c;
            }
        }
        categories.put(CategoricalStats.OTHER, other);
        return describe(ranked, total, categories);
    }

    /**
     * Window statistics: describe of the window's own values, categories counted on the reference's categories;
     * a value the reference does not list goes to {@link CategoricalStats#OTHER}.
     */
    static CategoricalStats window(CategoricalColumn column, CategoricalStats reference) {
        List<Map.Entry<String, long[]>> ranked = ranked(count(column.raw()));
        Map<String, Long> categories = new LinkedHashMap<>();
        for (String name : reference.categories().keySet()) {
            categories.put(name, 0L);
        }
        categories.putIfAbsent(CategoricalStats.OTHER, 0L);
        long total = 0;
        for (Map.Entry<String, long[]> e : ranked) {
            long c = e.getValue()[0];
            total += c;
            String key = categories.containsKey(e.getKey()) ? e.getKey() : CategoricalStats.OTHER;
            categories.merge(key, c, Long::sum);
        }
        return describe(ranked, total, categories);
    }

    private static CategoricalStats describe(List<Map.Entry<String, long[]>> ranked, long total,
                                             Map<String, Long> categories) {
        String top = ranked.isEmpty() ? null : ranked.get(0).getKey();
        long freq = ranked.isEmpty() ? 0 : ranked.get(0).getValue()[0];
        return new CategoricalStats(total, ranked.size(), top, freq, categories);
    }

    private static Map<String, long[]> count(String[] values) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, long[]> fast = new HashMap<>();
        for (String v : values) {
            if (v != null) {
                long[] c = fast.get(v);
                if (c == null) {
                    c = new long[1];
                    fast.put(v, c);
                    counts.put(v, c);
                }
                c[0]++;
            }
        }
        return counts;
    }

    /** Entries by descending count; the sort is stable, so ties keep first-seen order. */
    private static List<Map.Entry<String, long[]>> ranked(Map<String, long[]> counts) {
        List<Map.Entry<String, long[]>> list = new ArrayList<>(counts.entrySet());
        list.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        return list;
    }
}
