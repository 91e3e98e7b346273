package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.LabelRecord;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@link TimeSeriesStore} in memory: four append-only lists. Queries scan and sort (stable: rows with equal
 * times keep their write order). "Latest" per (application, name) is the row with the newest window end,
 * ties going to the row written last; latest lists are sorted by application, then name.
 */
final class MemoryTimeSeriesStore implements TimeSeriesStore {
    private final List<Prediction> predictions = new ArrayList<>();
    private final List<ErrorEvent> errors = new ArrayList<>();
    private final List<AppResult> results = new ArrayList<>();
    private final List<AppMetric> metrics = new ArrayList<>();
    /** Labels by "project/uid/request id/row" (a later write replaces). */
    private final Map<String, LabelRecord> labels = new LinkedHashMap<>();

    @Override
    public synchronized void writeLabels(List<LabelRecord> rows) {
        for (LabelRecord r : rows) {
            labels.put(r.project() + "/" + r.uid() + "/" + r.requestId() + "/" + r.row(), r);
        }
    }

    @Override
    public synchronized List<LabelRecord> labels(String project, String uid, Instant start, Instant end) {
        return labels.values().stream().filter(r -> r.project().equals(project) && r.uid().equals(uid)
                && in(r.predictionTime(), start, end)).toList();
    }

    @Override
    public synchronized void writePredictions(List<Prediction> rows) {
        rows.forEach(r -> Objects.requireNonNull(r.time(), "prediction time"));
        predictions.addAll(rows);
    }

    @Override
    public synchronized void writeErrors(List<ErrorEvent> rows) {
        rows.forEach(r -> Objects.requireNonNull(r.time(), "error time"));
        errors.addAll(rows);
    }

    @Override
    public synchronized void writeAppResults(List<AppResult> rows) {
        results.addAll(rows);
    }

    @Override
    public synchronized void writeAppMetrics(List<AppMetric> rows) {
        metrics.addAll(rows);
    }

    @Override
    public synchronized List<Prediction> predictions(String project, String uid, Instant start, Instant end) {
        return select(predictions, p -> p.project().equals(project) && p.uid().equals(uid)
                && in(p.time(), start, end), Prediction::time);
    }

    @Override
    public synchronized List<ErrorEvent> errors(String project, String uid, Instant start, Instant end) {
        return select(errors, e -> e.project().equals(project) && e.uid().equals(uid)
                && in(e.time(), start, end), ErrorEvent::time);
    }

    @Override
    public synchronized List<AppResult> appResults(String project, String uid, String application, String name,
                                                   Instant start, Instant end) {
        Map<List<Object>, AppResult> current = new LinkedHashMap<>();
        for (AppResult r : appResultHistory(project, uid, application, name, start, end)) {
            current.remove(List.of(r.application(), r.name(), r.windowStart()));
            current.put(List.of(r.application(), r.name(), r.windowStart()), r);
        }
        return current.values().stream().sorted(Comparator.comparing(AppResult::windowEnd)).toList();
    }

    @Override
    public synchronized List<AppResult> appResultHistory(String project, String uid, String application, String name,
                                                         Instant start, Instant end) {
        return select(results, r -> r.project().equals(project) && r.uid().equals(uid)
                && (application == null || r.application().equals(application))
                && (name == null || r.name().equals(name)) && in(r.windowEnd(), start, end), AppResult::windowEnd);
    }

    @Override
    public synchronized List<AppMetric> appMetrics(String project, String uid, String application, String name,
                                                   Instant start, Instant end) {
        Map<List<Object>, AppMetric> current = new LinkedHashMap<>();
        for (AppMetric r : select(metrics, r -> r.project().equals(project) && r.uid().equals(uid)
                && (application == null || r.application().equals(application))
                && (name == null || r.name().equals(name)) && in(r.windowEnd(), start, end), AppMetric::windowEnd)) {
            current.remove(List.of(r.application(), r.name(), r.windowStart()));
            current.put(List.of(r.application(), r.name(), r.windowStart()), r);
        }
        return current.values().stream().sorted(Comparator.comparing(AppMetric::windowEnd)).toList();
    }

    @Override
    public synchronized List<AppResult> projectAppResults(String project, Instant start, Instant end, int limit) {
        Map<List<Object>, AppResult> current = new LinkedHashMap<>();
        for (AppResult r : results) {
            if (r.project().equals(project) && in(r.windowEnd(), start, end)) {
                List<Object> key = List.of(r.uid(), r.application(), r.name(), r.windowStart());
                current.remove(key);
                current.put(key, r);
            }
        }
        List<AppResult> sorted = current.values().stream().sorted(Comparator.comparing(AppResult::windowEnd)
                .thenComparing(AppResult::uid)).toList();
        return sorted.subList(Math.max(0, sorted.size() - limit), sorted.size());
    }

    @Override
    public synchronized List<AppResult> latestAppResults(String project, String uid) {
        Map<List<String>, AppResult> latest = new LinkedHashMap<>();
        for (AppResult r : results) {
            if (r.project().equals(project) && r.uid().equals(uid)) {
                latest.merge(List.of(r.application(), r.name()), r,
                        (a, b) -> b.windowEnd().isBefore(a.windowEnd()) ? a : b);
            }
        }
        return latest.values().stream().sorted(Comparator.comparing(AppResult::application)
                .thenComparing(AppResult::name)).toList();
    }

    @Override
    public synchronized List<AppMetric> latestAppMetrics(String project, String uid) {
        Map<List<String>, AppMetric> latest = new LinkedHashMap<>();
        for (AppMetric r : metrics) {
            if (r.project().equals(project) && r.uid().equals(uid)) {
                latest.merge(List.of(r.application(), r.name()), r,
                        (a, b) -> b.windowEnd().isBefore(a.windowEnd()) ? a : b);
            }
        }
        return latest.values().stream().sorted(Comparator.comparing(AppMetric::application)
                .thenComparing(AppMetric::name)).toList();
    }

    @Override
    public synchronized void deleteEndpoint(String project, String uid) {
        predictions.removeIf(r -> r.project().equals(project) && r.uid().equals(uid));
        errors.removeIf(r -> r.project().equals(project) && r.uid().equals(uid));
        results.removeIf(r -> r.project().equals(project) && r.uid().equals(uid));
        metrics.removeIf(r -> r.project().equals(project) && r.uid().equals(uid));
        labels.values().removeIf(r -> r.project().equals(project) && r.uid().equals(uid));
    }

    @Override
    public synchronized void deleteProject(String project) {
        predictions.removeIf(r -> r.project().equals(project));
        errors.removeIf(r -> r.project().equals(project));
        results.removeIf(r -> r.project().equals(project));
        metrics.removeIf(r -> r.project().equals(project));
        labels.values().removeIf(r -> r.project().equals(project));
    }

    @Override
    public synchronized long deleteOlderThan(Instant cutoff) {
        long before = predictions.size() + errors.size() + results.size() + metrics.size() + labels.size();
        predictions.removeIf(r -> r.time().isBefore(cutoff));
        errors.removeIf(r -> r.time().isBefore(cutoff));
        results.removeIf(r -> r.windowEnd().isBefore(cutoff));
        metrics.removeIf(r -> r.windowEnd().isBefore(cutoff));
        labels.values().removeIf(r -> r.predictionTime().isBefore(cutoff));
        return before - (predictions.size() + errors.size() + results.size() + metrics.size() + labels.size());
    }

    /** Whether {@code start <= t < end}; a null bound is open. */
    static boolean in(Instant t, Instant start, Instant end) {
        return (start == null || !t.isBefore(start)) && (end == null || t.isBefore(end));
    }

    private static <T> List<T> select(List<T> rows, Predicate<T> keep, Function<T, Instant> time) {
        return rows.stream().filter(keep).sorted(Comparator.comparing(time)).toList();
    }
}
