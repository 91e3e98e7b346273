package io.driftwatch.store.embedded.parquet;

import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cell summaries of an endpoint over a range, read from the {@code part-….summary} sidecars of its hour
 * directories only (never a Parquet file): every hour from the range's start hour to its end hour, and later hours as
 * long as a cell found so far continues into them (a cell that spans hours keeps one piece per hour). Unreadable
 * sidecars are logged and skipped.
 */
final class SummaryFiles {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SummaryFiles.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private SummaryFiles() {
    }

    /** Every stored cell piece whose cell overlaps {@code range}. */
    static List<CellSummary> cells(Layout layout, String project, String uid, Window range) {
        if (!Files.isDirectory(layout.endpointDir(project, uid))) {
            return List.of();
        }
        List<CellSummary> out = new ArrayList<>();
        Instant last = Layout.hourOf(range.end());
        for (Instant h = Layout.hourOf(range.start()); !h.isAfter(last); h = h.plus(HOUR)) {
            for (CellSummary c : hour(layout, project, uid, h)) {
                if (c.cell().start().isBefore(range.end()) && range.start().isBefore(c.cell().end())) {
                    out.add(c);
                    Instant lastOfCell = Layout.hourOf(c.cell().end().minusNanos(1));
                    last = lastOfCell.isAfter(last) ? lastOfCell : last;
                }
            }
        }
        return out;
    }

    private static List<CellSummary> hour(Layout layout, String project, String uid, Instant hour) {
        Path dir = layout.hourDir(project, uid, hour);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> sidecars;
        try (Stream<Path> s = Files.list(dir)) {
            sidecars = s.filter(p -> p.getFileName().toString().endsWith(".summary")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        List<CellSummary> out = new ArrayList<>();
        for (Path side : sidecars) {
            try {
                out.addAll(CellSummary.decode(project, uid, Files.readAllBytes(side)));
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("sample store: unreadable summary {} left out of a range's drift: {}", side, e.toString());
            }
        }
        return out;
    }
}
