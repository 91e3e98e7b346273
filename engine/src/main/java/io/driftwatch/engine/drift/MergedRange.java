package io.driftwatch.engine.drift;

import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.stats.summary.WindowSummary;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The merged summary of the cells of a range. The rule (independent of how cells are anchored): a cell belongs to
 * the range {@code [start, end)} when the cell STARTS in it; all its pieces (one per hour it spans) are merged. So
 * the buckets of a series, which tile their range, take every cell exactly once, and the rows actually merged are
 * those of {@link #covered()}, which may end after {@code end} by less than one cell (a cell that started before
 * {@code start} is left to the preceding range and counted in {@link #excludedCells()}).
 *
 * @param requested     the range asked for
 * @param covered       from the first merged cell's start to the last one's end; empty when no cell was merged
 * @param cells         how many distinct cells were merged
 * @param excludedCells cells that overlap the range but started before it (not merged)
 * @param summary       the merged summary (rows = {@code summary.rows()})
 */
public record MergedRange(Window requested, Optional<Window> covered, int cells, int excludedCells,
                          WindowSummary summary) {
    public MergedRange {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(covered, "covered");
        Objects.requireNonNull(summary, "summary");
    }

    /** The merge of the pieces of {@code pieces} whose cell starts in {@code range} (other pieces are ignored). */
    public static MergedRange of(Window range, List<CellSummary> pieces) {
        WindowSummary merged = WindowSummary.create();
        Set<Window> cells = new HashSet<>();
        Set<Window> excluded = new HashSet<>();
        Instant first = null;
        Instant last = null;
        for (CellSummary c : pieces) {
            Window w = c.cell();
            if (!range.contains(w.start())) {
                if (w.start().isBefore(range.start()) && w.end().isAfter(range.start())) {
                    excluded.add(w);
                }
                continue;
            }
            merged.merge(c.summary());
            cells.add(w);
            first = first == null || w.start().isBefore(first) ? w.start() : first;
            last = last == null || w.end().isAfter(last) ? w.end() : last;
        }
        Optional<Window> covered = first == null ? Optional.empty() : Optional.of(new Window(first, last));
        return new MergedRange(range, covered, cells.size(), excluded.size(), merged);
    }

    /** The rows merged. */
    public long rows() {
        return summary.rows();
    }
}
