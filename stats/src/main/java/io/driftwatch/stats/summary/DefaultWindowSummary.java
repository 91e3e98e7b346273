package io.driftwatch.stats.summary;

import io.driftwatch.ColumnStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link WindowSummary} implementation: columns in first-seen order. */
final class DefaultWindowSummary implements WindowSummary {
    long rows;
    final Map<String, ColumnSummary> columns = new LinkedHashMap<>();

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    @Override
    public Optional<ColumnSummary> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    @Override
    public ColumnSummary column(String name, ColumnStats reference) {
        ColumnSummary c = columns.get(name);
        if (c == null) {
            c = ColumnSummary.forReference(reference);
            c.updateNulls(rows);
            columns.put(name, c);
        }
        return c;
    }

    @Override
    public void addRows(long n) {
        rows += n;
    }

    @Override
    public void completeRows() {
        for (ColumnSummary c : columns.values()) {
            long seen = c.nulls() + c.numbers() + c.others();
            if (seen < rows) {
                c.updateNulls(rows - seen);
            }
        }
    }

    @Override
    public void merge(WindowSummary other) {
        DefaultWindowSummary o = (DefaultWindowSummary) other;
        for (Map.Entry<String, ColumnSummary> e : columns.entrySet()) {
            ColumnSummary theirs = o.columns.get(e.getKey());
            if (theirs == null) {
                e.getValue().updateNulls(o.rows);
            } else {
                e.getValue().merge(theirs);
            }
        }
        for (Map.Entry<String, ColumnSummary> e : o.columns.entrySet()) {
            if (!columns.containsKey(e.getKey())) {
                ColumnSummary mine = e.getValue().copy();
                mine.updateNulls(rows);
                columns.put(e.getKey(), mine);
            }
        }
        rows += o.rows;
    }

    @Override
    public WindowSummary copy() {
        return SummaryCodec.read(SummaryCodec.write(this));
    }

    @Override
    public byte[] toByteArray() {
        return SummaryCodec.write(this);
    }

    @Override
    public String toString() {
        return "WindowSummary[rows=" + rows + ", columns=" + columns.keySet() + "]";
    }
}
