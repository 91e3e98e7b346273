package io.driftwatch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statistics of a string or boolean column: pandas {@code describe} for objects ({@code count, unique, top, freq})
 * and a category histogram: counts of the top categories plus {@link #OTHER} for the rest, in a stable order.
 * {@code top} is null for an empty column.
 */
public record CategoricalStats(long count, long unique, String top, long freq, Map<String, Long> categories)
        implements ColumnStats {
    /** The bucket that collects categories outside the top list. */
    public static final String OTHER = "__other__";

    public CategoricalStats {
        if (count < 0 || unique < 0 || freq < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    }
}
