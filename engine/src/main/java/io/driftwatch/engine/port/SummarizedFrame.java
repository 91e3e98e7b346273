package io.driftwatch.engine.port;

import io.driftwatch.SampleFrame;
import io.driftwatch.stats.summary.WindowSummary;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A window's rows (loaded lazily) together with its {@link WindowSummary} when the store has one: the row count and
 * the column names then come from the summary, so a caller that needs no values (the controller's emptiness check,
 * the built-in drift apps) reads no row. Every value accessor loads the rows (once). Thread-safe.
 */
public final class SummarizedFrame implements SampleFrame {
    private final SampleFrame rows;
    private final Supplier<Optional<WindowSummary>> source;
    private volatile Optional<WindowSummary> summary;
    private volatile boolean rowsRead;

    private SummarizedFrame(SampleFrame rows, Supplier<Optional<WindowSummary>> source) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The frame {@code rows} (lazy) with the summary from {@code summary} (asked once, on first use). */
    public static SummarizedFrame of(SampleFrame rows, Supplier<Optional<WindowSummary>> summary) {
        return new SummarizedFrame(rows, summary);
    }

    /** The window's summary, if the store keeps one for it (shared: read it, do not merge into it). */
    public Optional<WindowSummary> summary() {
        Optional<WindowSummary> s = summary;
        if (s == null) {
            synchronized (this) {
                s = summary;
                if (s == null) {
                    s = source.get();
                    summary = s;
                }
            }
        }
        return s;
    }

    /** The frame that holds the rows (reading it directly is not counted by {@link #rowsRead()}). */
    public SampleFrame rows() {
        return rows;
    }

    /**
     * Whether the window was answered from its rows through this frame: a value, timestamp or request id was asked
     * for, or the row count or column names when there is no summary.
     */
    public boolean rowsRead() {
        return rowsRead;
    }

    private SampleFrame read() {
        rowsRead = true;
        return rows;
    }

    @Override
    public int rowCount() {
        return summary().map(s -> Math.toIntExact(s.rows())).orElseGet(() -> read().rowCount());
    }

    @Override
    public List<String> columnNames() {
        return summary().map(WindowSummary::columnNames).orElseGet(() -> read().columnNames());
    }

    @Override
    public double[] numeric(String column) {
        return read().numeric(column);
    }

    @Override
    public List<Object> values(String column) {
        return read().values(column);
    }

    @Override
    public List<Instant> timestamps() {
        return read().timestamps();
    }

    @Override
    public List<String> requestIds() {
        return read().requestIds();
    }
}
