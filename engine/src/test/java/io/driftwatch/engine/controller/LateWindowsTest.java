package io.driftwatch.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.writer.WindowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LateWindowsTest {
    private static final Instant UNTIL = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void theWindowOfTheChainEndingAtLastAnalyzedHoldsTheTime() {
        assertThat(LateWindows.windowStart(UNTIL.minusNanos(1), UNTIL, MINUTE)).isEqualTo(UNTIL.minus(MINUTE));
        assertThat(LateWindows.windowStart(UNTIL.minus(MINUTE), UNTIL, MINUTE)).isEqualTo(UNTIL.minus(MINUTE));
        assertThat(LateWindows.windowStart(UNTIL.minusSeconds(61), UNTIL, MINUTE)).isEqualTo(UNTIL.minusSeconds(120));
    }

    @Test
    void tasksPerAppForTimesBeforeItsLastAnalyzedGroupedByWindow() {
        ModelEndpoint ep = endpoint(List.of(UNTIL.minusSeconds(90), UNTIL.minusSeconds(70), UNTIL.minusSeconds(10)));
        Map<String, Instant> analysed = Map.of("a", UNTIL, "b", UNTIL.minusSeconds(60));
        TreeMap<Instant, List<WindowTask>> plan = LateWindows.plan(ep, List.of("a", "b", "new"), MINUTE,
                app -> Optional.ofNullable(analysed.get(app)));
        assertThat(plan.keySet()).containsExactly(UNTIL.minusSeconds(120), UNTIL.minusSeconds(60));
        assertThat(plan.get(UNTIL.minusSeconds(120))).extracting(WindowTask::applicationName)
                .containsExactlyInAnyOrder("a", "b");
        assertThat(plan.get(UNTIL.minusSeconds(60))).extracting(WindowTask::applicationName).containsExactly("a");
    }

    @Test
    void handledTimesAreRemovedAndNewerOnesKept() {
        ModelEndpoint ep = endpoint(List.of(UNTIL.minusSeconds(5), UNTIL.minusSeconds(3)));
        ModelEndpoint left = LateWindows.withoutHandled(ep, List.of(UNTIL.minusSeconds(5)));
        assertThat(left.status().pendingLate()).containsExactly(UNTIL.minusSeconds(3));
        assertThat(left.status().lateRows()).isEqualTo(2);
    }

    private static ModelEndpoint endpoint(List<Instant> pending) {
        return new ModelEndpoint(new ModelEndpoint.Metadata("p", "u", Map.of()),
                new ModelEndpoint.Spec("p/f", "m", null, null, null, null, null, null, null, true),
                ModelEndpoint.Status.initial(null).withLate(2, pending));
    }
}
