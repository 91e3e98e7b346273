package io.driftwatch.store.embedded.parquet;

import io.driftwatch.engine.port.RowValues;
import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.store.embedded.parquet.FileWriter.Type;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The rows of one published Parquet file exactly as a window read returns them (what {@link FileWriter} wrote: the
 * timestamp in µs, the request id, and each value column converted to its file type — DOUBLE as {@code double}
 * with a null bit, BIGINT as {@code Long}, BOOLEAN as {@code Boolean}, VARCHAR as {@code String}), sorted by time as
 * in the file. Immutable once built; {@link #bytes()} is an estimate of its heap size (an upper bound for Latin-1
 * strings, which are counted at two bytes a character).
 *
 * @param fileSize  the file's size when cached: a read checks it (and {@code modified}) before using these rows
 * @param modified  the file's last-modified time in ms when cached
 */
record FileRows(String[] names, Type[] types, long[] micros, String[] requestIds, double[][] doubles, BitSet[] nulls,
                Object[][] objects, long fileSize, long modified, long bytes) {

    /**
     * The rows as {@code file} holds them, given the rows {@link FileWriter#write} wrote (sorted by time) and the
     * column types it returned; null when a string holds a surrogate (UTF-8 may not give it back as it was: such a
     * file is always read from disk).
     */
    static FileRows of(List<SampleRow> rows, Map<String, Type> columns, long fileSize, long modified) {
        String[] names = columns.keySet().toArray(String[]::new);
        Type[] types = columns.values().toArray(Type[]::new);
        int n = rows.size();
        long[] micros = new long[n];
        String[] requestIds = new String[n];
        long bytes = 256 + 16L * n;
        for (int i = 0; i < n; i++) {
            SampleRow r = rows.get(i);
            micros[i] = FileWriter.micros(r.timestamp());
            requestIds[i] = r.requestId();
            if (!plain(requestIds[i])) {
                return null;
            }
            bytes += stringBytes(requestIds[i]);
        }
        double[][] doubles = new double[names.length][];
        BitSet[] nulls = new BitSet[names.length];
        Object[][] objects = new Object[names.length][];
        for (int j = 0; j < names.length; j++) {
            long b = types[j] == Type.DOUBLE ? doubleColumn(rows, names, j, doubles, nulls)
                    : objectColumn(rows, names, j, types[j], objects);
            if (b < 0) {
                return null;
            }
            bytes += b;
        }
        return new FileRows(names, types, micros, requestIds, doubles, nulls, objects, fileSize, modified, bytes);
    }

    /** Fills column {@code j} as doubles (NaN and a null bit for null); returns its bytes. */
    private static long doubleColumn(List<SampleRow> rows, String[] names, int j, double[][] doubles, BitSet[] nulls) {
        int n = rows.size();
        double[] d = new double[n];
        BitSet nb = new BitSet(n);
        for (int i = 0; i < n; i++) {
            Object v = value(rows.get(i), names, j);
            if (v == null) {
                d[i] = Double.NaN;
                nb.set(i);
            } else {
                d[i] = ((Number) v).doubleValue();
            }
        }
        doubles[j] = d;
        nulls[j] = nb;
        return 8L * n + n / 8 + 64;
    }

    /** Fills column {@code j} with the values as DuckDB returns them for {@code type}; -1 when not cacheable. */
    private static long objectColumn(List<SampleRow> rows, String[] names, int j, Type type, Object[][] objects) {
        int n = rows.size();
        Object[] out = new Object[n];
        long bytes = 8L * n + 32;
        for (int i = 0; i < n; i++) {
            Object v = value(rows.get(i), names, j);
            out[i] = v == null ? null : switch (type) {
                case BIGINT -> ((Number) v).longValue();
                case BOOLEAN -> (Boolean) v;
                case VARCHAR -> v.toString();
                case DOUBLE -> throw new IllegalStateException("DOUBLE columns are kept as doubles");
            };
            if (out[i] instanceof String s) {
                if (!plain(s)) {
                    return -1;
                }
                bytes += stringBytes(s);
            } else if (out[i] instanceof Long) {
                bytes += 16;
            }
        }
        objects[j] = out;
        return bytes;
    }

    /** The value of column {@code j} (named {@code names[j]}) of a row: by position when the row is in that order. */
    private static Object value(SampleRow r, String[] names, int j) {
        if (r.values() instanceof RowValues v && j < v.names().size() && v.names().get(j).equals(names[j])) {
            return v.valueAt(j);
        }
        return r.values().get(names[j]);
    }

    private static boolean plain(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static long stringBytes(String s) {
        return s == null ? 0 : 48 + 2L * s.length();
    }

    /** Whether {@code other} has the same columns with the same types, in the same order. */
    boolean sameSchema(FileRows other) {
        return Arrays.equals(names, other.names) && Arrays.equals(types, other.types);
    }

    /** The first row whose time is {@code >= us} (rows are sorted by time). */
    int lowerBound(long us) {
        int lo = 0;
        int hi = micros.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (micros[mid] < us) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
