package io.driftwatch.engine.port;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The values of one sample row ({@link SampleStore.SampleRow#values()}) as an immutable map over column names that
 * every row of an endpoint's event shares: one {@code Object[]} per row instead of a hash map. The stream processor
 * builds rows this way (a 20-feature {@code LinkedHashMap} cost ~1 µs and ~1.3 KB a row to build, and as much again
 * to walk in the store); stores may read {@link #names()} and {@link #valueAt(int)} by position, and rows whose
 * {@code names()} are the same instance have the same columns in the same order. Lookups by name are linear (rows
 * have tens of columns; the hot paths go by position). Values may be null.
 */
public final class RowValues extends AbstractMap<String, Object> {
    private final List<String> names;
    private final Object[] values;

    private RowValues(List<String> names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /**
     * The row {@code values} over {@code names} (not copied: the caller hands both over and changes neither).
     *
     * @throws IllegalArgumentException when the lengths differ or a name repeats (see {@link #distinct(List)})
     */
    public static RowValues of(List<String> names, Object[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " column names for " + values.length + " values");
        }
        return new RowValues(names, values);
    }

    /** Whether the names can be the columns of a row: none is null and none repeats. */
    public static boolean distinct(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n == null || !seen.add(n)) {
                return false;
            }
        }
        return true;
    }

    /** The column names, in order (shared between rows). */
    public List<String> names() {
        return names;
    }

    /** The value of column {@code i}. */
    public Object valueAt(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return names.indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = names.indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < values.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (i >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int at = i++;
                        return new SimpleImmutableEntry<>(names.get(at), values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }
}
