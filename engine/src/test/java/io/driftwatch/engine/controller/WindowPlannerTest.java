package io.driftwatch.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.Window;
import io.driftwatch.engine.port.BasePeriod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {
    private static final Instant NOON = Instant.parse("2024-03-01T12:00:00Z");

    @Test
    void mlrunCaseSixMinuteStepGivesTenWindowsFromNoonToOne() {
        Instant lastUpdated = Instant.parse("2024-03-01T13:01:00Z");
        Instant start = WindowPlanner.initialStart(Duration.ofMinutes(6), NOON, lastUpdated);
        List<Window> windows = WindowPlanner.windows(start, lastUpdated, Duration.ofMinutes(6), 1000);
        assertThat(windows).hasSize(10);
        assertThat(windows.getFirst()).isEqualTo(new Window(NOON, NOON.plusSeconds(360)));
        assertThat(windows.getLast().end()).isEqualTo(Instant.parse("2024-03-01T13:00:00Z"));
        for (int i = 1; i < windows.size(); i++) {
            assertThat(windows.get(i).start()).isEqualTo(windows.get(i - 1).end());
        }
    }

    @Test
    void mlrunInitialStartCases() {
        Duration step = Duration.ofSeconds(60);
        assertThat(WindowPlanner.initialStart(step, sec(100), sec(300))).isEqualTo(sec(100));
        assertThat(WindowPlanner.initialStart(step, sec(100), sec(110))).isEqualTo(sec(100));
        assertThat(WindowPlanner.initialStart(step, sec(0), sec(0))).isEqualTo(sec(0));
        assertThat(WindowPlanner.initialStart(step, null, null)).isNull();
        assertThat(WindowPlanner.initialStart(step, sec(5), null)).isEqualTo(sec(5));
    }

    @Test
    void initialStartLooksBackAtMostOneDayOrOneBasePeriod() {
        Instant first = NOON.minus(Duration.ofDays(10));
        assertThat(WindowPlanner.initialStart(Duration.ofMinutes(10), first, NOON)).isEqualTo(NOON.minus(Duration.ofDays(1)));
        assertThat(WindowPlanner.initialStart(Duration.ofDays(3), first, NOON)).isEqualTo(NOON.minus(Duration.ofDays(3)));
    }

    @Test
    void lastUpdatedSubtractsGraceAndNeverPassesNow() {
        Instant last = NOON.plusSeconds(120);
        assertThat(WindowPlanner.lastUpdated(last, Duration.ofSeconds(60), NOON.plusSeconds(3600))).isEqualTo(NOON.plusSeconds(60));
        assertThat(WindowPlanner.lastUpdated(last, Duration.ofSeconds(60), NOON)).isEqualTo(NOON);
        assertThat(WindowPlanner.lastUpdated(null, Duration.ofSeconds(60), NOON)).isNull();
    }

    @Test
    void windowsStopAtTheLastClosedOneAndAtTheCap() {
        Duration step = Duration.ofMinutes(10);
        assertThat(WindowPlanner.windows(NOON, NOON.plusSeconds(599), step, 100)).isEmpty();
        assertThat(WindowPlanner.windows(NOON, NOON.plusSeconds(600), step, 100)).hasSize(1);
        assertThat(WindowPlanner.windows(NOON, NOON.plus(Duration.ofHours(5)), step, 7)).hasSize(7);
        assertThat(WindowPlanner.windows(null, NOON, step, 7)).isEmpty();
    }

    @Test
    void basePeriodAcceptsMinutesAndDurations() {
        assertThat(BasePeriod.parse("10")).isEqualTo(Duration.ofMinutes(10));
        assertThat(BasePeriod.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(BasePeriod.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(BasePeriod.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(BasePeriod.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(BasePeriod.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(BasePeriod.parse(" pt90s ")).isEqualTo(Duration.ofSeconds(90));
        for (String bad : new String[] {"", "0", "-5", "5 weeks", "PTxM", "0s", "PT-1M"}) {
            assertThatThrownBy(() -> BasePeriod.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base_period");
        }
    }

    private static Instant sec(long s) {
        return Instant.ofEpochSecond(s);
    }
}
