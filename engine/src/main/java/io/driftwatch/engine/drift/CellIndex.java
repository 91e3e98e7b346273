package io.driftwatch.engine.drift;

import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The cell pieces of a series sorted by cell start, so that each bucket merges only its own pieces. */
final class CellIndex {
    private final List<CellSummary> pieces;
    private final Duration longest;

    CellIndex(List<CellSummary> pieces) {
        this.pieces = pieces.stream().sorted(Comparator.comparing(c -> c.cell().start())).toList();
        this.longest = pieces.stream().map(c -> c.cell().length()).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
    }

    /** The merge of the cells starting in {@code range} (those overlapping its start are counted as excluded). */
    MergedRange merge(Window range) {
        int from = firstStartingAtOrAfter(range.start().minus(longest));
        int to = firstStartingAtOrAfter(range.end());
        return MergedRange.of(range, pieces.subList(from, to));
    }

    /** The buckets of a series: fixed lengths from the range's start (the last one clipped), or one per cell. */
    List<Window> buckets(Window range, Granularity g) {
        if (g.length().isEmpty()) {
            Set<Window> cells = new LinkedHashSet<>();
            for (CellSummary c : pieces) {
                if (range.contains(c.cell().start())) {
                    cells.add(c.cell());
                }
            }
            return new ArrayList<>(cells);
        }
        Duration len = g.length().get();
        long n = (range.length().toNanos() + len.toNanos() - 1) / len.toNanos();
        if (n > RangeDrift.MAX_POINTS) {
            throw new IllegalArgumentException("the series would have " + n + " points, more than "
                    + RangeDrift.MAX_POINTS + ": choose a shorter range or a coarser granularity");
        }
        List<Window> out = new ArrayList<>();
        for (Instant t = range.start(); t.isBefore(range.end()); t = t.plus(len)) {
            Instant end = t.plus(len);
            out.add(new Window(t, end.isAfter(range.end()) ? range.end() : end));
        }
        return out;
    }

    private int firstStartingAtOrAfter(Instant t) {
        int lo = 0;
        int hi = pieces.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pieces.get(mid).cell().start().isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
