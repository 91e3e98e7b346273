package io.driftwatch.engine.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.Window;
import io.driftwatch.stats.summary.WindowSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cells anchored on an endpoint's first request (issue 17): every window the controller chains from that anchor is a
 * union of whole cells, rows before the anchor have cells too, and cells of another anchor or length never stand in
 * for a window they cut. Pins the sidecar form ("DWCS" version 1) with a golden file
 * ({@code -Dgolden.update=true} rewrites it).
 */
class CellSummaryTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/cell_summary_v1.bin");
    private static final Instant ANCHOR = Instant.parse("2025-06-01T09:03:17.123456Z");
    private static final Duration BASE = Duration.ofMinutes(10);

    @Test
    void cellsFromTheAnchorTileTheControllersWindowsAndReachBeforeIt() {
        assertThat(CellSummary.cellOf(ANCHOR, ANCHOR, BASE)).isEqualTo(Window.of(ANCHOR, BASE));
        assertThat(CellSummary.cellOf(ANCHOR.plus(BASE).minusNanos(1000), ANCHOR, BASE))
                .isEqualTo(Window.of(ANCHOR, BASE));
        assertThat(CellSummary.cellOf(ANCHOR.plus(Duration.ofMinutes(25)), ANCHOR, BASE))
                .isEqualTo(Window.of(ANCHOR.plus(BASE.multipliedBy(2)), BASE));
        assertThat(CellSummary.cellOf(ANCHOR.minusSeconds(1), ANCHOR, BASE))
                .isEqualTo(Window.of(ANCHOR.minus(BASE), BASE));
        for (int k = -3; k < 50; k++) {
            Window w = Window.of(ANCHOR.plus(BASE.multipliedBy(k)), BASE);
            assertThat(CellSummary.onGrid(w, ANCHOR, BASE)).as("window %d", k).isTrue();
            assertThat(CellSummary.onGrid(w, BASE)).as("window %d on the epoch grid", k).isFalse();
        }
        assertThat(CellSummary.cellOf(ANCHOR, BASE).start()).isEqualTo(Instant.parse("2025-06-01T09:00:00Z"));
        assertThatThrownBy(() -> CellSummary.cellOf(ANCHOR, ANCHOR, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cell length");
    }

    @Test
    void aWindowIsMergedOnlyFromCellsInsideItOtherwiseItHasNoSummary() {
        CellSummary a = cell(Window.of(ANCHOR, BASE), 3);
        CellSummary b = cell(Window.of(ANCHOR.plus(BASE), BASE), 4);
        CellSummary epochGrid = cell(CellSummary.cellOf(ANCHOR.plus(BASE), BASE), 5); // another anchor
        Window w = Window.of(ANCHOR, BASE.multipliedBy(2));
        assertThat(CellSummary.forWindow(List.of(a, b), w).orElseThrow().rows()).isEqualTo(7);
        assertThat(CellSummary.forWindow(List.of(a, b), Window.of(ANCHOR, BASE)).orElseThrow().rows()).isEqualTo(3);
        assertThat(CellSummary.forWindow(List.of(a, b, epochGrid), Window.of(ANCHOR.plus(BASE), BASE))).isEmpty();
        assertThat(CellSummary.forWindow(List.of(a, b), Window.of(ANCHOR.plusSeconds(60), BASE))).isEmpty();
        // a base period changed from 10 to 15 minutes: the new windows cut the old cells (rows), a 20-minute one not
        assertThat(CellSummary.forWindow(List.of(a, b), Window.of(ANCHOR, Duration.ofMinutes(15)))).isEmpty();
        assertThat(CellSummary.forWindow(List.of(a, b), Window.of(ANCHOR.plus(Duration.ofMinutes(15)),
                Duration.ofMinutes(15)))).isEmpty();
        // a row before the anchor (a first request that moved earlier) has its own cell, outside the windows after it
        CellSummary before = cell(CellSummary.cellOf(ANCHOR.minusSeconds(5), ANCHOR, BASE), 2);
        assertThat(CellSummary.forWindow(List.of(before, a, b), w).orElseThrow().rows()).isEqualTo(7);
        assertThat(CellSummary.forWindow(List.of(before, a), Window.of(ANCHOR.minusSeconds(300), BASE))).isEmpty();
    }

    private static CellSummary cell(Window w, int rows) {
        WindowSummary s = WindowSummary.create();
        for (int i = 0; i < rows; i++) {
            s.column("x", null).update(i * 0.5);
            s.column("c", null).update(i % 2 == 0 ? "a" : "b");
        }
        s.addRows(rows);
        s.completeRows();
        return new CellSummary("p", "ep", CellSummary.hourOf(w.start()), w, s);
    }

    /** Two cells of an endpoint, one spanning an hour boundary (as two cells, one per hour). */
    private static List<CellSummary> fixed() {
        Instant t = Instant.parse("2025-06-01T09:53:17.123456Z");
        Window w = Window.of(t, BASE);
        CellSummary c1 = cell(w, 5);
        CellSummary c2 = new CellSummary("p", "ep", c1.hour() + 1, w, cell(w, 2).summary());
        return List.of(c1, c2);
    }

    @Test
    void theSidecarFormIsTheGoldenFileAndReadsBack() throws IOException {
        byte[] bytes = CellSummary.encode(fixed());
        if (Boolean.getBoolean("golden.update")) {
            Files.write(GOLDEN, bytes);
        }
        assertThat(bytes).isEqualTo(Files.readAllBytes(GOLDEN));
        List<CellSummary> read = CellSummary.decode("p", "ep", Files.readAllBytes(GOLDEN));
        assertThat(read).hasSize(2);
        for (int i = 0; i < 2; i++) {
            CellSummary e = fixed().get(i);
            assertThat(read.get(i).hour()).isEqualTo(e.hour());
            assertThat(read.get(i).cell()).isEqualTo(e.cell());
            assertThat(read.get(i).summary().rows()).isEqualTo(e.summary().rows());
            assertThat(read.get(i).summary().column("x").orElseThrow().mean())
                    .isEqualTo(e.summary().column("x").orElseThrow().mean());
        }
    }

    @Test
    void otherVersionsAndOtherBytesAreRefusedByName() throws IOException {
        byte[] bytes = Files.readAllBytes(GOLDEN);
        bytes[5] = 9;
        assertThatThrownBy(() -> CellSummary.decode("p", "ep", bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9 is not supported");
        assertThatThrownBy(() -> CellSummary.decode("p", "ep", new byte[12]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no DWCS magic");
    }

    /**
     * Decoding only the cells that overlap a window skips the others' bytes, and merging owned cells (in place) gives
     * the summary of merging them into a new one, byte for byte, without touching cells it was not given.
     */
    @Test
    void decodingForAWindowSkipsOtherCellsAndOwnedMergingEqualsCopying() {
        CellSummary a = cell(Window.of(ANCHOR, BASE), 3);
        CellSummary b = cell(Window.of(ANCHOR.plus(BASE), BASE), 4);
        CellSummary c = cell(Window.of(ANCHOR.plus(BASE.multipliedBy(2)), BASE), 6);
        byte[] bytes = CellSummary.encode(List.of(a, b, c));
        Window second = Window.of(ANCHOR.plus(BASE), BASE);
        assertThat(CellSummary.decode("p", "ep", bytes, second)).extracting(CellSummary::cell).containsExactly(second);
        assertThat(CellSummary.decode("p", "ep", bytes, null)).hasSize(3);
        Window two = Window.of(ANCHOR.plus(BASE), BASE.multipliedBy(2));
        byte[] copied = CellSummary.forWindow(CellSummary.decode("p", "ep", bytes), two).orElseThrow().toByteArray();
        List<CellSummary> owned = CellSummary.decode("p", "ep", bytes, two);
        assertThat(owned).hasSize(2);
        assertThat(CellSummary.forWindow(owned, two, true).orElseThrow().toByteArray()).isEqualTo(copied);
        byte[] one = CellSummary.forWindow(CellSummary.decode("p", "ep", bytes), second).orElseThrow().toByteArray();
        assertThat(CellSummary.forWindow(CellSummary.decode("p", "ep", bytes, second), second, true).orElseThrow()
                .toByteArray()).isEqualTo(one).isEqualTo(b.summary().toByteArray());
        assertThat(CellSummary.forWindow(List.of(), second, true).orElseThrow().rows()).isZero();
        assertThat(CellSummary.forWindow(CellSummary.decode("p", "ep", bytes, null),
                Window.of(ANCHOR.plusSeconds(60), BASE), true)).isEmpty();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> CellSummary.decode("p", "ep", truncated, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }
}
