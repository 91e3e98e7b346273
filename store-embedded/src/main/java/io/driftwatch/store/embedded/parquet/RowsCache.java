package io.driftwatch.store.embedded.parquet;

import io.driftwatch.engine.port.SampleStore.SampleRow;
import io.driftwatch.store.embedded.parquet.FileWriter.Type;
import io.driftwatch.store.embedded.parquet.ParquetFrame.Column;
import io.driftwatch.store.embedded.parquet.ParquetFrame.Loaded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of recently written Parquet files, kept by the sample store at write time so that a window read in the
 * same process (the controller and the stream processor share it on the embedded default) needs no DuckDB scan:
 * issue 17, rows-based apps. Bounded in bytes ({@link FileRows#bytes()}, an estimate of the heap held), evicting the
 * oldest written file first (windows are analysed in the order their rows arrive, so a cycle that reads more than
 * the bound does not evict what it is about to read, as a least-recently-used order would).
 *
 * <p>Exactness: a window is answered from here only when every file it lists is cached, unchanged on disk (same
 * size and modification time as when cached) and of one schema (same columns and types in the same order); its
 * rows are then merged in the order of the DuckDB query ({@code ORDER BY timestamp, filename, file_row_number}).
 * Otherwise (a file written by another process or before a restart, evicted, rewritten, or files of different
 * columns, whose union DuckDB widens) the window is read from the files as before. Deleted files are dropped
 * ({@link #invalidate}) and are never listed by a read anyway.
 *
 * <p>Speed: a 200-row × 11-column window from one cached file takes ~20–50 µs of CPU (slices and {@link Instant}s),
 * against ~3–8 ms for the DuckDB scan. Memory: about 50 B a row plus 8–9 B per DOUBLE value (16–60 B per other
 * value); the default bound ({@link #defaultBound()}) holds ~1,000 endpoints × 400 rows × 11 columns ~3 times over.
 * Thread-safe.
 */
final class RowsCache {
    /** System property overriding the bound, in MiB (0 turns the cache off). */
    static final String BOUND_PROPERTY = "driftwatch.samples.rows-cache-mb";

    private final long maxBytes;
    private final LinkedHashMap<String, FileRows> files = new LinkedHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private long bytes;

    RowsCache(long maxBytes) {
        this.maxBytes = Math.max(0, maxBytes);
    }

    /** {@value #BOUND_PROPERTY} MiB when set, else min(256 MiB, an eighth of the maximum heap). */
    static long defaultBound() {
        String mb = System.getProperty(BOUND_PROPERTY);
        if (mb != null && !mb.isBlank()) {
            try {
                return Math.max(0, Long.parseLong(mb.trim())) << 20;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(BOUND_PROPERTY + " must be a whole number of MiB, not '" + mb
                        + "'", e);
            }
        }
        return Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Windows answered from the cache so far. */
    long hits() {
        return hits.get();
    }

    /** Windows (with files) that were read from the files instead. */
    long misses() {
        return misses.get();
    }

    /** The bytes held now (estimate, at most {@link #maxBytes()}). */
    synchronized long bytes() {
        return bytes;
    }

    /** Keeps {@code rows} for the published {@code file} (replacing an earlier entry), evicting the oldest files. */
    synchronized void put(Path file, FileRows rows) {
        String key = file.toString();
        remove(key);
        if (rows == null || rows.bytes() > maxBytes) {
            return;
        }
        files.put(key, rows);
        bytes += rows.bytes();
        Iterator<FileRows> oldest = files.values().iterator();
        while (bytes > maxBytes) {
            bytes -= oldest.next().bytes();
            oldest.remove();
        }
    }

    /**
     * Keeps the rows of the files just published ({@code groups}: each file's rows as written, sorted by time;
     * {@code types}: its value columns as written); a file that cannot be stat'ed is not cached.
     */
    void putAll(Map<Path, List<SampleRow>> groups, Map<Path, Map<String, Type>> types) {
        if (maxBytes == 0) {
            return;
        }
        for (Map.Entry<Path, List<SampleRow>> g : groups.entrySet()) {
            try {
                BasicFileAttributes a = Files.readAttributes(g.getKey(), BasicFileAttributes.class);
                put(g.getKey(), FileRows.of(g.getValue(), types.get(g.getKey()), a.size(),
                        a.lastModifiedTime().toMillis()));
            } catch (IOException e) {
                put(g.getKey(), null);
            }
        }
    }

    /** Drops every cached file under {@code dir} (deleted endpoint, project or hour). */
    synchronized void invalidate(Path dir) {
        String prefix = dir.toString() + dir.getFileSystem().getSeparator();
        Iterator<Map.Entry<String, FileRows>> it = files.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, FileRows> e = it.next();
            if (e.getKey().startsWith(prefix)) {
                bytes -= e.getValue().bytes();
                it.remove();
            }
        }
    }

    private void remove(String key) {
        FileRows old = files.remove(key);
        if (old != null) {
            bytes -= old.bytes();
        }
    }

    private synchronized FileRows cached(String key) {
        return files.get(key);
    }

    /** The cached rows of {@code file} when it is still the file that was cached, else null. */
    private FileRows valid(String file) {
        FileRows rows = cached(file);
        if (rows == null) {
            return null;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(Path.of(file), BasicFileAttributes.class);
            return a.size() == rows.fileSize() && a.lastModifiedTime().toMillis() == rows.modified() ? rows : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The rows of {@code files} with {@code start <= timestamp < end} as the DuckDB scan returns them, or null when
     * a file is not cached (or changed) or the files differ in columns.
     */
    Loaded window(List<String> files, Instant start, Instant end) {
        if (maxBytes == 0 || files.isEmpty()) {
            return null;
        }
        List<String> ordered = new ArrayList<>(files);
        ordered.sort(RowsCache::compareUtf8);
        FileRows[] parts = new FileRows[ordered.size()];
        for (int k = 0; k < parts.length; k++) {
            parts[k] = valid(ordered.get(k));
            if (parts[k] == null || !parts[k].sameSchema(parts[0])) {
                misses.incrementAndGet();
                return null;
            }
        }
        hits.incrementAndGet();
        return merge(parts, FileWriter.micros(start), FileWriter.micros(end));
    }

    /** DuckDB's VARCHAR order (UTF-8 bytes, i.e. code points), the {@code filename} tie-break of the scan. */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * The rows of {@code parts} (sorted by file name) in {@code [startUs, endUs)} by time, file, then position: a
     * k-way merge of the files' sorted ranges over a binary heap of their heads, O(rows · log files).
     */
    private static Loaded merge(FileRows[] parts, long startUs, long endUs) {
        int k = parts.length;
        int[] next = new int[k];
        int[] stop = new int[k];
        int[] heap = new int[k];
        int size = 0;
        int total = 0;
        for (int f = 0; f < k; f++) {
            next[f] = parts[f].lowerBound(startUs);
            stop[f] = Math.max(next[f], parts[f].lowerBound(endUs));
            total += stop[f] - next[f];
            if (next[f] < stop[f]) {
                heap[size++] = f;
            }
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(heap, size, i, parts, next);
        }
        int[] fileOf = new int[total];
        int[] rowOf = new int[total];
        for (int r = 0; r < total; r++) {
            int f = heap[0];
            fileOf[r] = f;
            rowOf[r] = next[f]++;
            if (next[f] == stop[f]) {
                heap[0] = heap[--size];
            }
            siftDown(heap, size, 0, parts, next);
        }
        return gather(parts, fileOf, rowOf);
    }

    /** Whether file {@code a}'s head comes before file {@code b}'s: earlier time, then the earlier file. */
    private static boolean before(int a, int b, FileRows[] parts, int[] next) {
        long ta = parts[a].micros()[next[a]];
        long tb = parts[b].micros()[next[b]];
        return ta < tb || (ta == tb && a < b);
    }

    private static void siftDown(int[] heap, int size, int i, FileRows[] parts, int[] next) {
        while (true) {
            int least = i;
            int l = 2 * i + 1;
            if (l < size && before(heap[l], heap[least], parts, next)) {
                least = l;
            }
            if (l + 1 < size && before(heap[l + 1], heap[least], parts, next)) {
                least = l + 1;
            }
            if (least == i) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[least];
            heap[least] = t;
            i = least;
        }
    }

    /** The frame content of the selected rows ({@code fileOf[r]}, {@code rowOf[r]}). */
    private static Loaded gather(FileRows[] parts, int[] fileOf, int[] rowOf) {
        int total = fileOf.length;
        FileRows schema = parts[0];
        Instant[] times = new Instant[total];
        String[] ids = new String[total];
        for (int r = 0; r < total; r++) {
            FileRows p = parts[fileOf[r]];
            long us = p.micros()[rowOf[r]];
            times[r] = Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
            ids[r] = p.requestIds()[rowOf[r]];
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int j = 0; j < schema.names().length; j++) {
            columns.put(schema.names()[j], schema.types()[j] == Type.DOUBLE
                    ? doubles(parts, j, fileOf, rowOf) : objects(parts, j, fileOf, rowOf));
        }
        return new Loaded(List.of(schema.names()), List.of(times), Collections.unmodifiableMap(columns),
                Collections.unmodifiableList(Arrays.asList(ids)));
    }

    private static Column doubles(FileRows[] parts, int j, int[] fileOf, int[] rowOf) {
        double[] d = new double[fileOf.length];
        BitSet nulls = new BitSet();
        for (int r = 0; r < d.length; r++) {
            FileRows p = parts[fileOf[r]];
            d[r] = p.doubles()[j][rowOf[r]];
            if (p.nulls()[j].get(rowOf[r])) {
                nulls.set(r);
            }
        }
        return new Column(d, nulls, null);
    }

    private static Column objects(FileRows[] parts, int j, int[] fileOf, int[] rowOf) {
        Object[] o = new Object[fileOf.length];
        for (int r = 0; r < o.length; r++) {
            o[r] = parts[fileOf[r]].objects()[j][rowOf[r]];
        }
        return new Column(null, null, Collections.unmodifiableList(Arrays.asList(o)));
    }
}
