package io.driftwatch.engine.controller;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.labels.LabelledSamples;
import io.driftwatch.engine.writer.WindowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The windows to analyse again for an endpoint's late rows (issue 15, point 5). The stream processor records the
 * event time of every row that arrived after its window was analysed ({@code status.pending_late}); for each app
 * whose {@code last_analyzed} is after such a time, the window holding it is the one of the app's chain
 * {@code [last_analyzed − k·base_period, last_analyzed − (k−1)·base_period)} that contains it. Windows are grouped by
 * start so each is read once; {@code last_analyzed} is not moved. Labels put their prediction times in the same list
 * (issue 20): {@link #labelled} tells a window whose labels changed.
 */
final class LateWindows {
    private LateWindows() {
    }

    /**
     * The tasks by window start for the endpoint's pending late times.
     *
     * @param lastAnalyzed an app's {@code last_analyzed}, if any
     */
    static TreeMap<Instant, List<WindowTask>> plan(ModelEndpoint ep, List<String> apps, Duration basePeriod,
                                                   Function<String, Optional<Instant>> lastAnalyzed) {
        TreeMap<Instant, List<WindowTask>> byStart = new TreeMap<>();
        for (String app : apps) {
            Optional<Instant> until = lastAnalyzed.apply(app);
            if (until.isEmpty()) {
                continue;
            }
            Set<Instant> starts = new HashSet<>();
            for (Instant t : ep.status().pendingLate()) {
                if (t.isBefore(until.get())) {
                    starts.add(windowStart(t, until.get(), basePeriod));
                }
            }
            for (Instant start : starts) {
                byStart.computeIfAbsent(start, k -> new ArrayList<>())
                        .add(WindowTask.of(ep.project(), ep.uid(), app, Window.of(start, basePeriod)));
            }
        }
        return byStart;
    }

    /** The start of the window of the chain ending at {@code until} that holds {@code t} ({@code t < until}). */
    static Instant windowStart(Instant t, Instant until, Duration basePeriod) {
        long behind = Duration.between(t, until).toNanos();
        long period = basePeriod.toNanos();
        long k = (behind + period - 1) / period;
        return until.minusNanos(k * period);
    }

    /**
     * Whether a row of the window frame at one of the {@code pending} times has a label (the frame's
     * {@value LabelledSamples#LABEL_COLUMN} column): the pending time came from a label, or from a late row that
     * carries its label — either way the window's labels changed.
     */
    static boolean labelled(SampleFrame frame, Set<Instant> pending) {
        if (!frame.columnNames().contains(LabelledSamples.LABEL_COLUMN)) {
            return false;
        }
        List<Instant> ts = frame.timestamps();
        List<Object> labels = frame.values(LabelledSamples.LABEL_COLUMN);
        for (int i = 0; i < ts.size(); i++) {
            if (labels.get(i) != null && pending.contains(ts.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code status.pending_late} without {@code handled} (times added since the run read the record stay). */
    static ModelEndpoint withoutHandled(ModelEndpoint ep, List<Instant> handled) {
        List<Instant> left = new ArrayList<>(ep.status().pendingLate());
        left.removeAll(handled);
        return ep.withStatus(ep.status().toBuilder().pendingLate(left).build());
    }
}
