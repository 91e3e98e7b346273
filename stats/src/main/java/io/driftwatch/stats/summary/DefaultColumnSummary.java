package io.driftwatch.stats.summary;

import io.driftwatch.CategoricalStats;
import io.driftwatch.Histogram;
import io.driftwatch.stats.Histograms;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleToIntFunction;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.FrequentItemsSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/** The {@link ColumnSummary} implementation; its serialized form is {@link SummaryCodec}'s. */
final class DefaultColumnSummary implements ColumnSummary {
    static final ArrayOfStringsSerDe STRINGS = new ArrayOfStringsSerDe();
    long nulls;
    long numbers;
    long others;
    long nans;
    long posInf;
    long negInf;
    final Moments moments = new Moments();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    /** Padded edges and counts; null without numeric reference (or after merging different ones). */
    double[] edges;
    long[] binCounts;
    double underSum;
    double overSum;
    private DoubleToIntFunction binner;
    private double firstEdge;
    private double lastEdge;
    /** Reference categories (with __other__ last unless the reference listed it) and their counts, or null. */
    List<String> categoryNames;
    long[] categoryCounts;
    private Map<String, Integer> categoryIndex;
    /**
     * The KLL sketch, built lazily: a decoded summary keeps its serialized sketch ({@code decodedKll}) and merges keep
     * the serialized sketches of lazy others ({@code mergedKll}) until a quantile, an update or an encoding needs the
     * sketch ({@link #kll()}), then heapify and merge them in the order the eager code did — so drift over a range,
     * which needs the histograms only, never pays for the sketches.
     */
    private KllDoublesSketch kll;
    private byte[] decodedKll;
    private List<byte[]> mergedKll = List.of();
    FrequentItemsSketch<String> items;

    DefaultColumnSummary(Histogram padded, List<String> categories) {
        if (padded != null) {
            setHistogram(padded.edges(), new long[padded.bins()]);
        }
        if (categories != null) {
            setCategories(categories, new long[categories.size()]);
        }
    }

    static List<String> categoriesOf(CategoricalStats reference) {
        List<String> names = new ArrayList<>(reference.categories().keySet());
        if (!names.contains(CategoricalStats.OTHER)) {
            names.add(CategoricalStats.OTHER);
        }
        return names;
    }

    void setHistogram(double[] paddedEdges, long[] counts) {
        this.edges = paddedEdges;
        this.binCounts = counts;
        double[] zero = new double[counts.length];
        this.binner = Histograms.binner(Histogram.of(zero, paddedEdges));
        this.firstEdge = paddedEdges[1];
        this.lastEdge = paddedEdges[paddedEdges.length - 2];
    }

    void setCategories(List<String> names, long[] counts) {
        this.categoryNames = List.copyOf(names);
        this.categoryCounts = counts;
        this.categoryIndex = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            categoryIndex.putIfAbsent(names.get(i), i);
        }
    }

    @Override
    public void update(Object value) {
        switch (value) {
            case null -> nulls++;
            case Number n -> update(n.doubleValue());
            default -> category(String.valueOf(value));
        }
    }

    private void category(String s) {
        others++;
        if (items == null) {
            items = new FrequentItemsSketch<>(ITEMS_MAP_SIZE);
        }
        items.update(s);
        if (categoryCounts != null) {
            Integer i = categoryIndex.get(s);
            categoryCounts[i != null ? i : categoryIndex.get(CategoricalStats.OTHER)]++;
        }
    }

    @Override
    public void update(double v) {
        numbers++;
        if (v - v != 0) {
            nonFinite(v);
            return;
        }
        moments.add(v);
        if (v < min) {
            min = v;
        }
        if (v > max) {
            max = v;
        }
        KllDoublesSketch k = decodedKll == null && mergedKll.isEmpty() ? kll : kll(); // no lock per value
        if (k == null) {
            kll = k = KllDoublesSketch.newHeapInstance(KLL_K);
        }
        k.update(v);
        if (binCounts != null) {
            binCounts[binner.applyAsInt(v)]++;
            if (v < firstEdge) {
                underSum += v;
            } else if (v > lastEdge) {
                overSum += v;
            }
        }
    }

    private void nonFinite(double v) {
        if (v != v) {
            nans++;
            return;
        }
        if (v > 0) {
            posInf++;
        } else {
            negInf++;
        }
        if (binCounts != null) {
            binCounts[v > 0 ? binCounts.length - 1 : 0]++;
        }
    }

    @Override
    public void updateNulls(long count) {
        nulls += count;
    }

    @Override
    public void merge(ColumnSummary other) {
        DefaultColumnSummary o = (DefaultColumnSummary) other;
        nulls += o.nulls;
        numbers += o.numbers;
        others += o.others;
        nans += o.nans;
        posInf += o.posInf;
        negInf += o.negInf;
        moments.merge(o.moments);
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        mergeHistogram(o);
        mergeCategories(o);
        mergeKll(o);
        if (o.items != null) {
            if (items == null) {
                items = new FrequentItemsSketch<>(ITEMS_MAP_SIZE);
            }
            items.merge(o.items);
        }
    }

    /** Adds {@code o}'s sketch: its serialized form while {@code o} is only decoded, else its resolved sketch. */
    private void mergeKll(DefaultColumnSummary o) {
        synchronized (o) {
            if (o.kll == null && o.mergedKll.isEmpty()) {
                if (o.decodedKll != null) {
                    pendingKll().add(o.decodedKll);
                }
                return;
            }
        }
        KllDoublesSketch theirs = o.kll();
        if (theirs != null) {
            KllDoublesSketch mine = kll();
            if (mine == null) {
                kll = mine = KllDoublesSketch.newHeapInstance(KLL_K);
            }
            mine.merge(theirs);
        }
    }

    private synchronized List<byte[]> pendingKll() {
        if (mergedKll.isEmpty()) {
            mergedKll = new ArrayList<>();
        }
        return mergedKll;
    }

    /** The KLL sketch (null when no number was added), heapified and merged from the pending serialized ones. */
    synchronized KllDoublesSketch kll() {
        if (decodedKll != null) {
            kll = kllOf(decodedKll);
            decodedKll = null;
        }
        if (!mergedKll.isEmpty()) {
            if (kll == null) {
                kll = KllDoublesSketch.newHeapInstance(KLL_K);
            }
            for (byte[] b : mergedKll) {
                kll.merge(kllOf(b));
            }
            mergedKll = List.of();
        }
        return kll;
    }

    /** Sets the serialized sketch of a decoded summary (heapified on first use). */
    synchronized void decodedKll(byte[] bytes) {
        kll = null;
        mergedKll = List.of();
        decodedKll = bytes;
    }

    private void mergeHistogram(DefaultColumnSummary o) {
        if (binCounts != null && o.binCounts != null && Arrays.equals(edges, o.edges)) {
            for (int i = 0; i < binCounts.length; i++) {
                binCounts[i] += o.binCounts[i];
            }
            underSum += o.underSum;
            overSum += o.overSum;
        } else {
            edges = null;
            binCounts = null;
            binner = null;
        }
    }

    private void mergeCategories(DefaultColumnSummary o) {
        if (categoryCounts != null && o.categoryCounts != null && categoryNames.equals(o.categoryNames)) {
            for (int i = 0; i < categoryCounts.length; i++) {
                categoryCounts[i] += o.categoryCounts[i];
            }
        } else {
            categoryNames = null;
            categoryCounts = null;
            categoryIndex = null;
        }
    }

    @Override
    public ColumnSummary copy() {
        return SummaryCodec.readColumn(SummaryCodec.writeColumn(this));
    }

    @Override
    public long nulls() {
        return nulls;
    }

    @Override
    public long numbers() {
        return numbers;
    }

    @Override
    public long others() {
        return others;
    }

    @Override
    public Kind kind() {
        return others == 0 ? Kind.NUMERIC : numbers == 0 ? Kind.CATEGORICAL : Kind.MIXED;
    }

    @Override
    public long nans() {
        return nans;
    }

    @Override
    public long positiveInfinities() {
        return posInf;
    }

    @Override
    public long negativeInfinities() {
        return negInf;
    }

    @Override
    public long finite() {
        return moments.n;
    }

    @Override
    public double mean() {
        return moments.n == 0 ? Double.NaN : moments.mean;
    }

    @Override
    public double variance() {
        return moments.n < 2 ? Double.NaN : moments.m2 / (moments.n - 1);
    }

    @Override
    public double[] higherMoments() {
        return new double[] {moments.m3, moments.m4};
    }

    @Override
    public double min() {
        return moments.n == 0 ? Double.NaN : min;
    }

    @Override
    public double max() {
        return moments.n == 0 ? Double.NaN : max;
    }

    @Override
    public Optional<Histogram> histogram() {
        if (binCounts == null) {
            return Optional.empty();
        }
        double[] c = new double[binCounts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = binCounts[i];
        }
        return Optional.of(Histogram.of(c, edges));
    }

    @Override
    public double underflowSum() {
        return underSum;
    }

    @Override
    public double overflowSum() {
        return overSum;
    }

    @Override
    public Optional<Map<String, Long>> categories() {
        if (categoryCounts == null) {
            return Optional.empty();
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < categoryCounts.length; i++) {
            out.merge(categoryNames.get(i), categoryCounts[i], Long::sum);
        }
        return Optional.of(out);
    }

    @Override
    public double quantile(double q) {
        KllDoublesSketch k = kll();
        return k == null || k.isEmpty() ? Double.NaN : k.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
    }

    @Override
    public double rank(double x) {
        KllDoublesSketch k = kll();
        return k == null || k.isEmpty() ? Double.NaN : k.getRank(x, QuantileSearchCriteria.INCLUSIVE);
    }

    @Override
    public double rankError() {
        KllDoublesSketch k = kll();
        return k == null || !k.isEstimationMode() ? 0 : k.getNormalizedRankError(false);
    }

    @Override
    public boolean itemsExact() {
        return items == null || items.getMaximumError() == 0;
    }

    @Override
    public List<Map.Entry<String, Long>> frequentItems() {
        if (items == null || items.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        for (FrequentItemsSketch.Row<String> r : items.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
            out.add(Map.entry(r.getItem(), r.getEstimate()));
        }
        out.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        return out;
    }

    static KllDoublesSketch kllOf(byte[] bytes) {
        return KllDoublesSketch.heapify(MemorySegment.ofArray(bytes));
    }

    static FrequentItemsSketch<String> itemsOf(byte[] bytes) {
        return FrequentItemsSketch.getInstance(MemorySegment.ofArray(bytes), STRINGS);
    }
}
