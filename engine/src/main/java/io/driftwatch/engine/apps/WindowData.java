package io.driftwatch.engine.apps;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.ValidationSet;
import io.driftwatch.Window;
import io.driftwatch.stats.Column;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.NumericColumn;
import io.driftwatch.stats.Statistics;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import io.driftwatch.engine.port.SummarizedFrame;
import io.driftwatch.stats.summary.SummaryStats;
import io.driftwatch.stats.summary.WindowSummary;
import java.util.function.Supplier;

/**
 * What the contexts of all apps of one endpoint-window share, computed once and on first use: the rows, the padded
 * reference and the window statistics. Thread-safe (apps run concurrently).
 */
final class WindowData {
    private final ModelEndpoint endpoint;
    private final Window window;
    private final Supplier<SampleFrame> frameSource;
    private final Supplier<Optional<ValidationSet>> validationSource;
    private Optional<ValidationSet> validationSet;
    private SampleFrame frame;
    private FeatureStats paddedReference;
    private FeatureStats sampleStats;

    WindowData(ModelEndpoint endpoint, Window window, Supplier<SampleFrame> frameSource) {
        this(endpoint, window, frameSource, Optional::empty);
    }

    WindowData(ModelEndpoint endpoint, Window window, Supplier<SampleFrame> frameSource,
               Supplier<Optional<ValidationSet>> validationSource) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.window = Objects.requireNonNull(window, "window");
        this.frameSource = Objects.requireNonNull(frameSource, "frameSource");
        this.validationSource = Objects.requireNonNull(validationSource, "validationSource");
    }

    /** The endpoint model's validation set, looked up once on first use. */
    synchronized Optional<ValidationSet> validationSet() {
        if (validationSet == null) {
            validationSet = Objects.requireNonNull(validationSource.get(), "validation sets returned null");
        }
        return validationSet;
    }

    ModelEndpoint endpoint() {
        return endpoint;
    }

    Window window() {
        return window;
    }

    synchronized SampleFrame frame() {
        if (frame == null) {
            frame = Objects.requireNonNull(frameSource.get(), "sample store returned no frame");
        }
        return frame;
    }

    synchronized FeatureStats paddedReference() {
        if (paddedReference == null) {
            paddedReference = Histograms.pad(endpoint.status().featureStats());
        }
        return paddedReference;
    }

    /**
     * The window statistics: from the window's summary when the store keeps one that stands in for the rows
     * ({@link SummaryStats#windowStats}: histograms and counts exact), else computed from the rows.
     */
    synchronized FeatureStats sampleStats() {
        if (sampleStats == null) {
            FeatureStats ref = paddedReference();
            sampleStats = ref.isEmpty() ? FeatureStats.empty() : summary()
                    .flatMap(s -> SummaryStats.windowStats(s, ref))
                    .orElseGet(() -> Statistics.window(toFrame(frame()), ref).stats());
        }
        return sampleStats;
    }

    /** The window's summary when the sample store keeps one (no row is read to get it). */
    Optional<WindowSummary> summary() {
        return frame() instanceof SummarizedFrame s ? s.summary() : Optional.empty();
    }

    /** The frame as a stats {@link Frame}: numeric columns without boxing, others by pandas-like inference. */
    static Frame toFrame(SampleFrame frame) {
        Map<String, Column> cols = new LinkedHashMap<>();
        for (String name : frame.columnNames()) {
            cols.put(name, toColumn(name, frame.values(name)));
        }
        return cols.isEmpty() ? Frame.empty() : Frame.of(cols);
    }

    private static Column toColumn(String name, List<Object> values) {
        int n = values.size();
        double[] d = new double[n];
        BitSet nulls = new BitSet(n);
        boolean numeric = true;
        for (int i = 0; i < n && numeric; i++) {
            Object v = values.get(i);
            if (v == null) {
                nulls.set(i);
            } else if (v instanceof Number num) {
                d[i] = num.doubleValue();
            } else {
                numeric = false;
            }
        }
        if (numeric) {
            return NumericColumn.wrap(d, nulls);
        }
        List<Object[]> rows = values.stream().map(v -> new Object[] {v}).toList();
        return Frame.fromRows(List.of(name), rows).column(name).orElseThrow();
    }
}
