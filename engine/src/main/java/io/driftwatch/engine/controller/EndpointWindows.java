package io.driftwatch.engine.controller;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.labels.LabelDelay;
import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.writer.WindowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's per-endpoint work for the {@link DefaultMonitoringController}: plans an endpoint's due windows from its
 * small state, analyses them into a batch of writes, and analyses again the windows holding late rows or labels.
 */
final class EndpointWindows {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultMonitoringController.class);

    private final ControllerConfig config;
    private final SampleStore samples;
    private final EndpointStore endpoints;
    private final WindowHandler handler;
    private final BiConsumer<String, SampleFrame> analysedFrames;

    /** {@code analysedFrames} is told the project and frame of each window analysed into a batch. */
    EndpointWindows(ControllerConfig config, SampleStore samples, EndpointStore endpoints, WindowHandler handler,
                    BiConsumer<String, SampleFrame> analysedFrames) {
        this.config = config;
        this.samples = samples;
        this.endpoints = endpoints;
        this.handler = handler;
        this.analysedFrames = analysedFrames;
    }

    /** A run's window settings: the base period and whether windows with late rows are analysed again. */
    record Plan(Duration basePeriod, boolean reanalyzeLate) {
    }

    /** An endpoint's windows due in this run, by start, and its stored {@code last_analyzed} by app. */
    record Due(EndpointState state, TreeMap<Instant, List<WindowTask>> byStart, Map<String, Instant> stored) {
        boolean needsRecord() {
            return !byStart.isEmpty() || state.pendingLate();
        }
    }

    /** The endpoint's windows due now for each app, from its small state (DESIGN.md §7). */
    Due due(EndpointState s, List<String> appNames, Plan plan, Instant now, Map<String, Instant> stored) {
        Duration basePeriod = plan.basePeriod();
        Instant lastUpdated = WindowPlanner.lastUpdated(s.lastRequest(), config.grace(), now);
        Instant initial = WindowPlanner.initialStart(basePeriod, s.firstRequest(), lastUpdated);
        TreeMap<Instant, List<WindowTask>> byStart = new TreeMap<>();
        for (String app : appNames) {
            Instant start = stored.getOrDefault(app, initial);
            for (Window w : WindowPlanner.windows(start, lastUpdated, basePeriod, config.maxWindowsPerRun())) {
                byStart.computeIfAbsent(w.start(), k -> new ArrayList<>())
                        .add(WindowTask.of(s.project(), s.uid(), app, w));
            }
        }
        return new Due(s, byStart, stored);
    }

    /**
     * Analyses the endpoint's due windows into {@code writes} and adds their {@code last_analyzed} to
     * {@code schedules} (only when every window of the endpoint was handled).
     */
    int runEndpoint(ModelEndpoint ep, Due due, List<String> appNames, Plan plan, Instant now,
                            WindowHandler.Batch writes, List<EndpointStore.Schedule> schedules) {
        Map<String, Instant> stored = due.stored();
        Map<String, Instant> last = new HashMap<>(stored);
        List<EndpointStore.Schedule> mine = new ArrayList<>();
        int analysed = 0;
        for (List<WindowTask> tasks : due.byStart().values()) {
            analysed += runWindow(ep, tasks, writes);
            for (WindowTask t : tasks) {
                last.put(t.applicationName(), t.endInferTime());
            }
        }
        last.forEach((app, end) -> {
            if (!end.equals(stored.get(app))) {
                mine.add(new EndpointStore.Schedule(ep.project(), ep.uid(), app, end));
            }
        });
        if (!ep.status().pendingLate().isEmpty()) {
            analysed += runLate(ep, appNames, plan, now, stored);
        }
        schedules.addAll(mine);
        return analysed;
    }

    /**
     * Analyses again the windows holding the endpoint's pending times (the writer then replaces their results, the
     * earlier ones stay in the history) and empties the pending list; {@code last_analyzed} is not moved. A window is
     * analysed again when the project has {@code reanalyze_late} (late rows), or — always, labels being expected late
     * — when one of its pending times is a prediction that now has a label (backfill, issue 20), provided the window
     * ends within the endpoint's {@code label_delay} of now. Only windows analysed before this run count
     * ({@code stored}): a pending time in a window analysed in this run was already in its frame. Written at once
     * (a rare path).
     */
    private int runLate(ModelEndpoint ep, List<String> appNames, Plan plan, Instant now, Map<String, Instant> stored) {
        int analysed = 0;
        Set<Instant> pending = new HashSet<>(ep.status().pendingLate());
        Instant labelsFrom = now.minus(LabelDelay.of(ep));
        for (List<WindowTask> tasks : LateWindows.plan(ep, appNames, plan.basePeriod(),
                app -> Optional.ofNullable(stored.get(app))).values()) {
            Window window = tasks.getFirst().window();
            if (!plan.reanalyzeLate() && window.end().isBefore(labelsFrom)) {
                continue;
            }
            SampleFrame frame = samples.read(ep.project(), ep.uid(), window);
            boolean again = frame.rowCount() > 0 && (plan.reanalyzeLate() || LateWindows.labelled(frame, pending));
            if (again) {
                handler.handle(ImageReference.complete(ep, frame, endpoints), frame, tasks);
                analysed += tasks.size();
                LOG.info("controller: {}/{} window {} analysed again for late rows or labels by {} app(s)",
                        ep.project(), ep.uid(), window, tasks.size());
            }
        }
        List<Instant> handled = ep.status().pendingLate();
        endpoints.update(ep.project(), ep.uid(), e -> LateWindows.withoutHandled(e, handled));
        return analysed;
    }

    private int runWindow(ModelEndpoint ep, List<WindowTask> tasks, WindowHandler.Batch writes) {
        Window window = tasks.getFirst().window();
        SampleFrame frame = samples.read(ep.project(), ep.uid(), window);
        if (frame.rowCount() == 0) {
            return 0;
        }
        writes.handle(ImageReference.complete(ep, frame, endpoints), frame, tasks);
        analysedFrames.accept(ep.project(), frame);
        LOG.debug("controller: {}/{} window {} analysed by {} app(s), {} rows",
                ep.project(), ep.uid(), window, tasks.size(), frame.rowCount());
        return tasks.size();
    }
}
