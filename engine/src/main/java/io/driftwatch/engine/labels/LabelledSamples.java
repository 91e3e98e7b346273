package io.driftwatch.engine.labels;

import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.LabelRecord;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.stats.summary.WindowSummary;
import java.util.Optional;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SampleStore} whose window frames carry the ground-truth column {@value #LABEL_COLUMN} (issue 20): per row
 * the label stored for (request id, row index) — the row index being the row's position among the window's rows
 * with the same request id, in stored order (the rows of a batch request keep their order) — or null when none
 * arrived yet. One label query per window read (by prediction time, the same {@code [start, end)}); a window with no
 * stored label at all gets no label column (its frame is the sample store's, unchanged); rows without a request id,
 * and frames that keep no request ids, get no labels. A frame that already has a column
 * {@value #LABEL_COLUMN} (a model output of that name) is returned unchanged. Every other method delegates.
 */
public final class LabelledSamples implements SampleStore {
    /** The label column of a window frame; the {@code model-performance} app's default {@code label_column}. */
    public static final String LABEL_COLUMN = "y_true";

    private final SampleStore samples;
    private final TimeSeriesStore labels;

    /** Frames of {@code samples} joined with the labels of {@code labels}. */
    public LabelledSamples(SampleStore samples, TimeSeriesStore labels) {
        this.samples = Objects.requireNonNull(samples, "samples");
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public SampleFrame read(String project, String uid, Window window) {
        SampleFrame frame = samples.read(project, uid, window);
        if (frame.rowCount() == 0 || frame.columnNames().contains(LABEL_COLUMN)) {
            return frame;
        }
        List<LabelRecord> stored = labels.labels(project, uid, window.start(), window.end());
        if (stored.isEmpty()) {
            return frame; // no row read: a summarized frame stays one
        }
        List<String> ids;
        try {
            ids = frame.requestIds();
        } catch (UnsupportedOperationException e) {
            return frame;
        }
        return new Joined(frame, join(ids, stored));
    }

    /** The label of each row: by (request id, occurrence index among the rows with that id). */
    static List<Object> join(List<String> requestIds, List<LabelRecord> stored) {
        Map<String, Object> byKey = new HashMap<>();
        for (LabelRecord l : stored) {
            byKey.put(l.requestId() + "\u0000" + l.row(), LabelStreamRecords.value(l.labelJson()));
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Object> out = new ArrayList<>(requestIds.size());
        for (String id : requestIds) {
            if (id == null) {
                out.add(null);
                continue;
            }
            int row = seen.merge(id, 1, Integer::sum) - 1;
            out.add(byKey.get(id + "\u0000" + row));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public SampleStore forPartition(StreamPartition partition) {
        return samples.forPartition(partition);
    }

    @Override
    public void write(List<SampleRow> rows, long nextOffset) {
        samples.write(rows, nextOffset);
    }

    @Override
    public void write(List<SampleRow> rows, List<CellSummary> summaries, long nextOffset) {
        samples.write(rows, summaries, nextOffset);
    }

    @Override
    public Optional<WindowSummary> summary(String project, String uid, Window window) {
        return samples.summary(project, uid, window);
    }

    @Override
    public List<CellSummary> cellSummaries(String project, String uid, Window range) {
        return samples.cellSummaries(project, uid, range);
    }

    @Override
    public long storedOffset() {
        return samples.storedOffset();
    }

    @Override
    public void export(String project, String uid, Instant start, Instant end, String format, OutputStream out)
            throws IOException {
        samples.export(project, uid, start, end, format, out);
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        samples.deleteEndpoint(project, uid);
    }

    @Override
    public void deleteProject(String project) {
        samples.deleteProject(project);
    }

    @Override
    public long deleteOlderThan(Instant cutoff) {
        return samples.deleteOlderThan(cutoff);
    }

    /** A frame with the label column appended. */
    private record Joined(SampleFrame frame, List<Object> label) implements SampleFrame {
        @Override
        public int rowCount() {
            return frame.rowCount();
        }

        @Override
        public List<String> columnNames() {
            List<String> names = new ArrayList<>(frame.columnNames());
            names.add(LABEL_COLUMN);
            return Collections.unmodifiableList(names);
        }

        @Override
        public double[] numeric(String column) {
            if (!LABEL_COLUMN.equals(column)) {
                return frame.numeric(column);
            }
            double[] out = new double[label.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (label.get(i)) {
                    case Number n -> n.doubleValue();
                    case Boolean b -> b ? 1 : 0;
                    case null, default -> Double.NaN;
                };
            }
            return out;
        }

        @Override
        public List<Object> values(String column) {
            return LABEL_COLUMN.equals(column) ? label : frame.values(column);
        }

        @Override
        public List<Instant> timestamps() {
            return frame.timestamps();
        }

        @Override
        public List<String> requestIds() {
            return frame.requestIds();
        }
    }
}
