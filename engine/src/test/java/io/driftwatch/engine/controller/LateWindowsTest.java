package io.driftwatch.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.writer.WindowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.driftwatch.SampleFrame;
import io.driftwatch.engine.apps.SampleFrames;
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

    @Test
    void aWindowIsLabelledWhenARowAtAPendingTimeHasALabel() {
        Instant a = UNTIL.minusSeconds(50);
        Instant b = UNTIL.minusSeconds(40);
        SampleFrame unlabelled = SampleFrames.of(Map.of("x", List.of(1.0, 2.0)), List.of(a, b));
        assertThat(LateWindows.labelled(unlabelled, Set.of(a, b))).as("no y_true column").isFalse();
        java.util.List<Object> truth = new java.util.ArrayList<>();
        truth.add(null);
        truth.add("setosa");
        SampleFrame frame = SampleFrames.of(Map.of("x", List.of(1.0, 2.0), "y_true", truth), List.of(a, b));
        assertThat(LateWindows.labelled(frame, Set.of(a))).as("the row at a has no label").isFalse();
        assertThat(LateWindows.labelled(frame, Set.of(b))).isTrue();
        assertThat(LateWindows.labelled(frame, Set.of(UNTIL))).isFalse();
    }

    private static ModelEndpoint endpoint(List<Instant> pending) {
        return new ModelEndpoint(new ModelEndpoint.Metadata("p", "u", Map.of()),
                new ModelEndpoint.Spec("p/f", "m", null, null, null, null, null, null, null, true),
                ModelEndpoint.Status.initial(null).withLate(2, pending));
    }
}
