package io.driftwatch.engine.controller;

import io.driftwatch.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The window arithmetic of DESIGN.md §7 (MLRun's controller), pure functions of event time:
 * {@code last_updated = min(now, last_request − grace)}; the first start is
 * {@code max(first_request, last_updated − max(1 day, base_period))}; windows {@code [t, t + base_period)} are chained
 * from the stored {@code last_analyzed} while {@code t + base_period ≤ last_updated}. There is no wall-clock alignment.
 */
public final class WindowPlanner {
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private WindowPlanner() {
    }

    /** {@code min(now, lastRequest − grace)}; null when there was no request yet. */
    public static Instant lastUpdated(Instant lastRequest, Duration grace, Instant now) {
        if (lastRequest == null) {
            return null;
        }
        Instant t = lastRequest.minus(grace);
        return t.isAfter(now) ? now : t;
    }

    /**
     * The start of the first window of an endpoint × app that has none analysed yet:
     * {@code max(firstRequest, lastUpdated − max(1 day, basePeriod))}; {@code firstRequest} when either is null
     * (so null when both are).
     */
    public static Instant initialStart(Duration basePeriod, Instant firstRequest, Instant lastUpdated) {
        if (firstRequest == null || lastUpdated == null) {
            return firstRequest;
        }
        Duration back = basePeriod.compareTo(ONE_DAY) > 0 ? basePeriod : ONE_DAY;
        Instant candidate = lastUpdated.minus(back);
        return candidate.isAfter(firstRequest) ? candidate : firstRequest;
    }

    /**
     * The closed windows {@code [t, t + basePeriod)} from {@code start} while {@code t + basePeriod ≤ lastUpdated},
     * at most {@code max} of them (the rest come in the next run). Empty when either instant is null.
     */
    public static List<Window> windows(Instant start, Instant lastUpdated, Duration basePeriod, int max) {
        List<Window> out = new ArrayList<>();
        if (start == null || lastUpdated == null) {
            return out;
        }
        Instant t = start;
        while (out.size() < max && !t.plus(basePeriod).isAfter(lastUpdated)) {
            out.add(Window.of(t, basePeriod));
            t = t.plus(basePeriod);
        }
        return out;
    }
}
