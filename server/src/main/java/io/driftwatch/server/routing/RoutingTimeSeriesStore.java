package io.driftwatch.server.routing;

import io.driftwatch.engine.port.LabelRecord;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The time-series store of each call's project ({@link ProjectRouting}); a write of rows of several projects is
 * split into one write per backend; retention runs on every opened backend and adds up the counts.
 */
final class RoutingTimeSeriesStore implements TimeSeriesStore {
    private final ProjectRouting routing;

    RoutingTimeSeriesStore(ProjectRouting routing) {
        this.routing = routing;
    }

    private TimeSeriesStore of(String project) {
        return routing.of(project).timeSeries();
    }

    @Override
    public void writePredictions(List<TimeSeriesRecords.Prediction> rows) {
        routing.write(rows, TimeSeriesRecords.Prediction::project, (b, g) -> b.timeSeries().writePredictions(g));
    }

    @Override
    public void writeErrors(List<TimeSeriesRecords.ErrorEvent> rows) {
        routing.write(rows, TimeSeriesRecords.ErrorEvent::project, (b, g) -> b.timeSeries().writeErrors(g));
    }

    @Override
    public void writeAppResults(List<TimeSeriesRecords.AppResult> rows) {
        routing.write(rows, TimeSeriesRecords.AppResult::project, (b, g) -> b.timeSeries().writeAppResults(g));
    }

    @Override
    public void writeAppMetrics(List<TimeSeriesRecords.AppMetric> rows) {
        routing.write(rows, TimeSeriesRecords.AppMetric::project, (b, g) -> b.timeSeries().writeAppMetrics(g));
    }

    /** One call on the backend when every row is of one project (the writer's flush); split per port call otherwise. */
    @Override
    public void writeAppOutputs(List<TimeSeriesRecords.AppResult> results,
                                List<TimeSeriesRecords.AppMetric> metrics) {
        Set<String> projects = new HashSet<>();
        results.forEach(r -> projects.add(r.project()));
        metrics.forEach(m -> projects.add(m.project()));
        if (projects.size() == 1) {
            of(projects.iterator().next()).writeAppOutputs(results, metrics);
            return;
        }
        if (!results.isEmpty()) {
            writeAppResults(results);
        }
        if (!metrics.isEmpty()) {
            writeAppMetrics(metrics);
        }
    }

    @Override
    public void writeLabels(List<LabelRecord> labels) {
        routing.write(labels, LabelRecord::project, (b, g) -> b.timeSeries().writeLabels(g));
    }

    @Override
    public List<LabelRecord> labels(String project, String uid, Instant start, Instant end) {
        return of(project).labels(project, uid, start, end);
    }

    @Override
    public List<TimeSeriesRecords.Prediction> predictions(String project, String uid, Instant start, Instant end) {
        return of(project).predictions(project, uid, start, end);
    }

    @Override
    public List<TimeSeriesRecords.ErrorEvent> errors(String project, String uid, Instant start, Instant end) {
        return of(project).errors(project, uid, start, end);
    }

    @Override
    public List<TimeSeriesRecords.AppResult> appResults(String project, String uid, String application, String name,
                                                        Instant start, Instant end) {
        return of(project).appResults(project, uid, application, name, start, end);
    }

    @Override
    public List<TimeSeriesRecords.AppResult> appResultHistory(String project, String uid, String application,
                                                              String name, Instant start, Instant end) {
        return of(project).appResultHistory(project, uid, application, name, start, end);
    }

    @Override
    public List<TimeSeriesRecords.AppMetric> appMetrics(String project, String uid, String application, String name,
                                                        Instant start, Instant end) {
        return of(project).appMetrics(project, uid, application, name, start, end);
    }

    @Override
    public List<TimeSeriesRecords.AppResult> latestAppResults(String project, String uid) {
        return of(project).latestAppResults(project, uid);
    }

    @Override
    public List<TimeSeriesRecords.AppMetric> latestAppMetrics(String project, String uid) {
        return of(project).latestAppMetrics(project, uid);
    }

    @Override
    public List<TimeSeriesRecords.AppResult> latestAppResults(String project, java.util.Collection<String> uids) {
        return of(project).latestAppResults(project, uids);
    }

    @Override
    public List<TimeSeriesRecords.AppMetric> latestAppMetrics(String project, java.util.Collection<String> uids) {
        return of(project).latestAppMetrics(project, uids);
    }

    @Override
    public List<TimeSeriesRecords.LatestEnd> latestResultEnds(String project, java.util.Collection<String> uids) {
        return of(project).latestResultEnds(project, uids);
    }

    @Override
    public List<TimeSeriesRecords.LatestEnd> latestMetricEnds(String project, java.util.Collection<String> uids) {
        return of(project).latestMetricEnds(project, uids);
    }

    @Override
    public List<TimeSeriesRecords.AppResult> projectAppResults(String project, Instant start, Instant end,
                                                               int limit) {
        return of(project).projectAppResults(project, start, end, limit);
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        of(project).deleteEndpoint(project, uid);
    }

    @Override
    public void deleteProject(String project) {
        of(project).deleteProject(project);
    }

    @Override
    public long deleteOlderThan(Instant cutoff) {
        return routing.sum(b -> b.timeSeries().deleteOlderThan(cutoff));
    }
}
