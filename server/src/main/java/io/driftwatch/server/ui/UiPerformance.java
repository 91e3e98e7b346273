package io.driftwatch.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /projects/{p}/ui/endpoints/{uid}/performance?start&end&window} (default the last 24 h): the endpoint's
 * Performance tab. {@code registered} (whether model-performance is registered for the project; the names in
 * {@code applications}), {@code start}, {@code end}, {@code windows} and {@code metrics} ({@link PerformanceView},
 * oldest first, at most {@value #MAX_WINDOWS}), {@code label_delay} (the endpoint label, null = the default 7 days)
 * and {@code confusion_matrix}: the artifact of the window ending at {@code window} (else of the newest window that
 * has one) as {@code {window_end, realized?, expected?}}, null when no window of the range has one. 400 when end is
 * not after start, 404 for an unknown endpoint or a {@code window} without a confusion matrix.
 * Cost: one read of the endpoint's app results, metrics and artifact keys of the range, plus one artifact.
 */
final class UiPerformance {
    static final int MAX_WINDOWS = 2_000;
    private static final String MATRIX = "confusion_matrix";
    private final Backend backend;

    UiPerformance(Backend backend) {
        this.backend = backend;
    }

    void register(RoutesConfig r) {
        r.get(ApiServer.PREFIX + "/projects/{p}/ui/endpoints/{uid}/performance", this::performance);
    }

    private void performance(Context ctx) {
        Query.allow(ctx, "start", "end", "window");
        ModelEndpoint ep = backend.requireEndpoint(ctx.pathParam("p"), ctx.pathParam("uid"));
        Instant now = backend.clock().instant();
        Instant end = Optional.ofNullable(Query.time(ctx, "end", now)).orElse(now.plusSeconds(1));
        Instant start = Optional.ofNullable(Query.time(ctx, "start", now)).orElse(end.minus(Duration.ofHours(24)));
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("end " + end + " is not after start " + start);
        }
        Instant window = Query.time(ctx, "window", now);
        Responses.json(ctx, 200, body(ep, start, end, window));
    }

    /** The answer for {@code ep} over [start, end); {@code window} = the chosen window end, or null. */
    ObjectNode body(ModelEndpoint ep, Instant start, Instant end, Instant window) {
        String p = ep.project();
        Set<String> apps = new TreeSet<>(UiRoutes.performanceApps(backend, p));
        apps.add(AccuracySummary.APP);
        List<TimeSeriesRecords.AppResult> results = new ArrayList<>();
        List<TimeSeriesRecords.AppMetric> metrics = new ArrayList<>();
        for (String app : apps) {
            results.addAll(backend.timeSeries().appResults(p, ep.uid(), app, null, start, end));
            metrics.addAll(backend.timeSeries().appMetrics(p, ep.uid(), app, null, start, end));
        }
        TreeMap<Instant, ArtifactStore.Key> matrices = matrices(ep, apps, start, end);
        ObjectNode out = PerformanceView.windows(trim(results), metrics, matrices.keySet());
        out.put("registered", !UiRoutes.performanceApps(backend, p).isEmpty());
        apps.forEach(out.putArray("applications")::add);
        out.put("start", Json.time(start)).put("end", Json.time(end))
                .put("label_delay", ep.metadata().labels().get("label_delay"));
        out.set("confusion_matrix", matrix(ep, matrices, window));
        return out;
    }

    /** At most {@value #MAX_WINDOWS} windows: the newest. */
    private static List<TimeSeriesRecords.AppResult> trim(List<TimeSeriesRecords.AppResult> results) {
        TreeSet<Instant> ends = new TreeSet<>();
        results.forEach(r -> ends.add(r.windowEnd()));
        while (ends.size() > MAX_WINDOWS) {
            ends.pollFirst();
        }
        return ends.isEmpty() ? results
                : results.stream().filter(r -> !r.windowEnd().isBefore(ends.first())).toList();
    }

    private TreeMap<Instant, ArtifactStore.Key> matrices(ModelEndpoint ep, Set<String> apps, Instant start,
                                                         Instant end) {
        TreeMap<Instant, ArtifactStore.Key> out = new TreeMap<>();
        if (backend.artifacts() == null) {
            return out;
        }
        for (String app : apps) {
            for (ArtifactStore.Key k : backend.artifacts().list(ep.project(), ep.uid(), app)) {
                if (k.name().equals(MATRIX) && !k.windowEnd().isBefore(start) && k.windowEnd().isBefore(end)) {
                    out.put(k.windowEnd(), k);
                }
            }
        }
        return out;
    }

    private JsonNode matrix(ModelEndpoint ep, TreeMap<Instant, ArtifactStore.Key> matrices, Instant window) {
        if (window != null && !matrices.containsKey(window)) {
            throw ApiException.notFound("endpoint '" + ep.uid() + "' has no confusion matrix for the window ending at "
                    + window + " in this range: it had no labelled row and no estimate");
        }
        Map.Entry<Instant, ArtifactStore.Key> e = window != null ? Map.entry(window, matrices.get(window))
                : matrices.lastEntry();
        if (e == null) {
            return Json.MAPPER.nullNode();
        }
        ObjectNode out = Json.object().put("window_end", Json.time(e.getKey())).put("application",
                e.getValue().application());
        backend.artifacts().get(e.getValue()).ifPresent(a -> read(out, a.content()));
        return out;
    }

    private static void read(ObjectNode out, byte[] content) {
        try {
            JsonNode doc = Json.MAPPER.readTree(content);
            List.of("realized", "expected").forEach(k -> {
                if (doc.path(k).isObject()) {
                    out.set(k, doc.get(k));
                }
            });
        } catch (IOException e) {
            out.put("unreadable", "the confusion-matrix artifact is not JSON: " + e.getMessage());
        }
    }
}
