package io.driftwatch.stats.summary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The serialized form of summaries, version 1 (big-endian, {@link DataOutputStream}):
 * <pre>
 * window : int magic 0x44575753 ("DWWS"), short version = 1, long rows, int columns, columns × (string name, column)
 * column : long nulls, numbers, others, nans, +inf, −inf; long n; double mean, M2, M3, M4, min, max;
 *          byte histogram? [int bins, (bins+1) × double edge, bins × long count, double underflowSum, overflowSum];
 *          byte categories? [int k, k × (string name, long count)];
 *          int kllBytes, the KLL sketch (DataSketches' compact form; 0 = none);
 *          int itemsBytes, the frequent items sketch (DataSketches' form, ArrayOfStringsSerDe; 0 = none)
 * string : int length, UTF-8 bytes
 * </pre>
 * A change of this layout needs a new version (and new golden files): readers refuse versions they do not know.
 */
final class SummaryCodec {
    static final int MAGIC = 0x44575753;
    static final short VERSION = 1;

    private SummaryCodec() {
    }

    static byte[] write(DefaultWindowSummary s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeLong(s.rows);
            out.writeInt(s.columns.size());
            for (Map.Entry<String, ColumnSummary> e : s.columns.entrySet()) {
                string(out, e.getKey());
                column(out, (DefaultColumnSummary) e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static DefaultWindowSummary read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (bytes.length < 6 || in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a window summary (no DWWS magic)");
            }
            short version = in.readShort();
            if (version != VERSION) {
                throw new IllegalArgumentException("window summary version " + version + " is not supported (this "
                        + "build reads version " + VERSION + ")");
            }
            DefaultWindowSummary s = new DefaultWindowSummary();
            s.rows = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                s.columns.put(string(in), column(in));
            }
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated or corrupt window summary: " + e, e);
        }
    }

    static byte[] writeColumn(DefaultColumnSummary c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            column(out, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static DefaultColumnSummary readColumn(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return column(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt column summary: " + e, e);
        }
    }

    private static void column(DataOutputStream out, DefaultColumnSummary c) throws IOException {
        for (long v : new long[] {c.nulls, c.numbers, c.others, c.nans, c.posInf, c.negInf, c.moments.n}) {
            out.writeLong(v);
        }
        for (double v : new double[] {c.moments.mean, c.moments.m2, c.moments.m3, c.moments.m4, c.min, c.max}) {
            out.writeDouble(v);
        }
        out.writeBoolean(c.binCounts != null);
        if (c.binCounts != null) {
            out.writeInt(c.binCounts.length);
            for (double e : c.edges) {
                out.writeDouble(e);
            }
            for (long n : c.binCounts) {
                out.writeLong(n);
            }
            out.writeDouble(c.underSum);
            out.writeDouble(c.overSum);
        }
        out.writeBoolean(c.categoryCounts != null);
        if (c.categoryCounts != null) {
            out.writeInt(c.categoryCounts.length);
            for (int i = 0; i < c.categoryCounts.length; i++) {
                string(out, c.categoryNames.get(i));
                out.writeLong(c.categoryCounts[i]);
            }
        }
        blob(out, c.kll() == null ? null : c.kll().toByteArray());
        blob(out, c.items == null ? null : c.items.toByteArray(DefaultColumnSummary.STRINGS));
    }

    private static DefaultColumnSummary column(DataInputStream in) throws IOException {
        DefaultColumnSummary c = new DefaultColumnSummary(null, null);
        c.nulls = in.readLong();
        c.numbers = in.readLong();
        c.others = in.readLong();
        c.nans = in.readLong();
        c.posInf = in.readLong();
        c.negInf = in.readLong();
        long n = in.readLong();
        c.moments.set(n, in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
        c.min = in.readDouble();
        c.max = in.readDouble();
        if (in.readBoolean()) {
            int bins = in.readInt();
            double[] edges = new double[bins + 1];
            for (int i = 0; i <= bins; i++) {
                edges[i] = in.readDouble();
            }
            long[] counts = new long[bins];
            for (int i = 0; i < bins; i++) {
                counts[i] = in.readLong();
            }
            c.setHistogram(edges, counts);
            c.underSum = in.readDouble();
            c.overSum = in.readDouble();
        }
        if (in.readBoolean()) {
            int k = in.readInt();
            List<String> names = new ArrayList<>(k);
            long[] counts = new long[k];
            for (int i = 0; i < k; i++) {
                names.add(string(in));
                counts[i] = in.readLong();
            }
            c.setCategories(names, counts);
        }
        byte[] kll = blob(in);
        if (kll != null) {
            c.decodedKll(kll);
        }
        byte[] items = blob(in);
        c.items = items == null ? null : DefaultColumnSummary.itemsOf(items);
        return c;
    }

    private static void blob(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? 0 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] blob(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("string length " + n + " beyond the data");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
