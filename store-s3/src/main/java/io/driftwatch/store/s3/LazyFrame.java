package io.driftwatch.store.s3;

import io.driftwatch.SampleFrame;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** A window's rows fetched on first use (once; thread-safe), so a window answered from its summary downloads none. */
final class LazyFrame implements SampleFrame {
    private final Supplier<SampleFrame> source;
    private volatile SampleFrame frame;

    LazyFrame(Supplier<SampleFrame> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    private SampleFrame frame() {
        SampleFrame f = frame;
        if (f == null) {
            synchronized (this) {
                f = frame;
                if (f == null) {
                    f = Objects.requireNonNull(source.get(), "rows");
                    frame = f;
                }
            }
        }
        return f;
    }

    @Override
    public int rowCount() {
        return frame().rowCount();
    }

    @Override
    public List<String> columnNames() {
        return frame().columnNames();
    }

    @Override
    public double[] numeric(String column) {
        return frame().numeric(column);
    }

    @Override
    public List<Object> values(String column) {
        return frame().values(column);
    }

    @Override
    public List<Instant> timestamps() {
        return frame().timestamps();
    }

    @Override
    public List<String> requestIds() {
        return frame().requestIds();
    }
}
