package io.driftwatch.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.LiveMetrics;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.apps.ModelPerformanceApp;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.HeadlineFigures;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Read-only aggregations for the web UI (and the UI's static files, {@link UiAssets}), under
 * {@code /projects/{p}/ui}:
 * <ul>
 *   <li>{@code /endpoints}: one summary row per endpoint (name, version, class, model, labels, first and last
 *   request, error count, drift status, live metrics) with {@code accuracy} and its provenance and, when null, the
 *   reason ({@link AccuracySummary});</li>
 *   <li>{@code /endpoints/{uid}/performance?start&end&window}: the Performance tab ({@link UiPerformance});</li>
 *   <li>{@code /overview?start&end} (default the last 24 h): number of endpoints, predictions/s (sum of the
 *   endpoints' 5-minute averages), latency (the endpoints' 1-hour averages weighted by their 1-hour counts, µs),
 *   total errors — all three as {@link HeadlineFigures} defines them, the same as the Grafana datasource — with
 *   {@code as_of} (the server time they were read), and per endpoint 15-minute buckets of predictions/s, row-weighted latency and errors from the
 *   {@code predictions} and {@code errors} time series;</li>
 *   <li>{@code /app-results?start&end} (default the last 24 h): every application result of every endpoint whose
 *   window ends in the range, by window end (without extra_data, but with its {@code rows}: how many rows the verdict
 *   rests on, and its {@code reason} when present, e.g. "too few rows: 5 &lt; 100");</li>
 *   <li>{@code /endpoints/{uid}/windows[/{window_end}]}: the window history and one past window ({@link UiWindows});</li>
 *   <li>{@code /endpoints/{uid}/operations}: predictions/s, latency p50/p95/p99, errors, custom metrics over a range
 *   ({@link UiOperations}).</li>
 * </ul>
 * Also {@code GET /projects/{p}/model-endpoints/{uid}/report?start&end&format=html|json}: the downloadable report
 * ({@link EndpointReport}).
 * Cost: the overview reads every prediction event of the range (one row per event, ~100 B each in memory while a
 * bucket is summed), so 24 h at 100 events/s is ~9M rows ≈ 1–2 s; ranges are capped at 2,000 buckets (≈ 20 days).
 */
public final class UiRoutes {
    /** The heat-map interval. */
    static final Duration BUCKET = Duration.ofMinutes(15);
    private static final int MAX_BUCKETS = 2_000;
    /** The most app results the app-results table answers: the newest of the range (issue 17: bounded). */
    static final int APP_RESULTS_LIMIT = 10_000;
    private static final String BASE = ApiServer.PREFIX + "/projects/{p}/ui";
    private final Backend backend;

    /** Routes over the stores of {@code backend}. */
    public UiRoutes(Backend backend) {
        this.backend = backend;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        UiAssets.register(r);
        r.get(BASE + "/endpoints", this::endpoints);
        r.get(BASE + "/overview", this::overview);
        r.get(BASE + "/app-results", this::appResults);
        UiWindows windows = new UiWindows(backend);
        UiOperations operations = new UiOperations(backend);
        windows.register(r);
        operations.register(r);
        new UiPerformance(backend).register(r);
        new EndpointReport(backend, windows, operations).register(r);
    }

    private List<ModelEndpoint> list(String p) {
        backend.requireProject(p);
        return backend.endpoints().list(p, new EndpointFilter(null, null, Map.of(), null, null));
    }

    private void endpoints(Context ctx) {
        Query.allow(ctx);
        String p = ctx.pathParam("p");
        ArrayNode out = Json.MAPPER.createArrayNode();
        List<ModelEndpoint> eps = list(p);
        Set<String> perfApps = performanceApps(backend, p);
        for (ModelEndpoint ep : eps) {
            ObjectNode o = out.addObject().put("uid", ep.uid()).put("name", ep.spec().model())
                    .put("version", ep.spec().modelVersion()).put("model_class", ep.spec().modelClass())
                    .put("model_uri", ep.spec().modelUri()).put("function_uri", ep.spec().functionUri())
                    .put("first_request", Json.time(ep.status().firstRequest()))
                    .put("last_request", Json.time(ep.status().lastRequest()))
                    .put("error_count", ep.status().errorCount())
                    .put("late_rows", ep.status().lateRows())
                    .put("drift_status", ep.status().driftStatus() == null ? null : ep.status().driftStatus().code())
                    .put("monitoring_mode", ep.spec().monitoringMode().wireName());
            o.set("labels", Json.MAPPER.valueToTree(new TreeMap<>(ep.metadata().labels())));
            LiveMetrics m = ep.status().metrics();
            o.put("predictions_per_second", m.predictionsPerSecond()).put("latency_avg_1h", m.latencyAvg1h());
            AccuracySummary.of(perfApps, backend.timeSeries().latestAppResults(p, ep.uid()),
                    backend.timeSeries().latestAppMetrics(p, ep.uid())).putInto(o);
        }
        Responses.json(ctx, 200, out);
    }

    /** The names under which the built-in model-performance app is registered for project {@code p}. */
    static Set<String> performanceApps(Backend backend, String p) {
        if (backend.apps() == null) {
            return Set.of();
        }
        return backend.apps().list(p).stream().filter(a -> a.name().equals(ModelPerformanceApp.NAME)
                        || ModelPerformanceApp.class.getName().equals(a.className()))
                .map(ProjectRecords.AppRegistration::name).collect(Collectors.toSet());
    }

    /** [start, end) from the query, default the last 24 h, both aligned to the bucket. */
    private Instant[] range(Context ctx) {
        Instant now = backend.clock().instant();
        Instant end = Optional.ofNullable(Query.time(ctx, "end", now)).orElse(now);
        Instant start = Optional.ofNullable(Query.time(ctx, "start", now)).orElse(end.minus(Duration.ofHours(24)));
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("end " + end + " is not after start " + start);
        }
        long b = BUCKET.toMillis();
        long s = Math.floorDiv(start.toEpochMilli(), b) * b;
        long e = Math.floorDiv(end.toEpochMilli() + b - 1, b) * b;
        if ((e - s) / b > MAX_BUCKETS) {
            throw ApiException.badRequest("range " + start + " to " + end + " spans more than " + MAX_BUCKETS
                    + " buckets of 15 minutes; give a shorter start/end");
        }
        return new Instant[] {Instant.ofEpochMilli(s), Instant.ofEpochMilli(e)};
    }

    private void overview(Context ctx) {
        Query.allow(ctx, "start", "end");
        String p = ctx.pathParam("p");
        Instant[] range = range(ctx);
        int n = (int) (Duration.between(range[0], range[1]).toMillis() / BUCKET.toMillis());
        List<ModelEndpoint> eps = list(p);
        ObjectNode heat = Json.object().put("interval_seconds", BUCKET.toSeconds())
                .put("start", Json.time(range[0])).put("end", Json.time(range[1]));
        ArrayNode times = heat.putArray("times");
        for (int i = 0; i < n; i++) {
            times.add(Json.time(range[0].plus(BUCKET.multipliedBy(i))));
        }
        ArrayNode rows = heat.putArray("rows");
        for (ModelEndpoint ep : eps) {
            rows.add(buckets(ep, range[0], range[1], n));
        }
        ObjectNode out = Json.object().put("endpoints", eps.size())
                .put("predictions_per_second", HeadlineFigures.predictionsPerSecond(eps))
                .put("latency_avg_1h", HeadlineFigures.latencyMicros(eps))
                .put("total_errors", HeadlineFigures.errors(eps))
                .put("as_of", Json.time(backend.clock().instant()));
        out.set("heatmaps", heat);
        Responses.json(ctx, 200, out);
    }

    private ObjectNode buckets(ModelEndpoint ep, Instant start, Instant end, int n) {
        long[] count = new long[n];
        double[] latency = new double[n];
        long[] errs = new long[n];
        long b = BUCKET.toMillis();
        for (TimeSeriesRecords.Prediction r : backend.timeSeries().predictions(ep.project(), ep.uid(), start, end)) {
            int i = (int) ((r.time().toEpochMilli() - start.toEpochMilli()) / b);
            count[i] += r.rows();
            latency[i] += (double) r.latencyMicros() * r.rows();
        }
        for (TimeSeriesRecords.ErrorEvent e : backend.timeSeries().errors(ep.project(), ep.uid(), start, end)) {
            errs[(int) ((e.time().toEpochMilli() - start.toEpochMilli()) / b)]++;
        }
        ObjectNode row = Json.object().put("uid", ep.uid()).put("name", ep.spec().model());
        ArrayNode pps = row.putArray("predictions_per_second");
        ArrayNode lat = row.putArray("latency_avg");
        ArrayNode er = row.putArray("errors");
        for (int i = 0; i < n; i++) {
            pps.add(count[i] / (double) BUCKET.toSeconds());
            if (count[i] == 0) {
                lat.addNull();
            } else {
                lat.add(latency[i] / count[i]);
            }
            er.add(errs[i]);
        }
        return row;
    }

    /** The rows a verdict rests on and, for an irrelevant one, why: {@code rows} and {@code reason} of extra_data. */
    private static void evidence(JsonNode entry, String extraDataJson) {
        if (extraDataJson == null || extraDataJson.isEmpty()) {
            return;
        }
        JsonNode extra;
        try {
            extra = Json.MAPPER.readTree(extraDataJson);
        } catch (IOException e) {
            return;
        }
        ObjectNode o = (ObjectNode) entry;
        if (extra.path("rows").isNumber()) {
            o.put("rows", extra.get("rows").asLong());
        }
        if (extra.path("reason").isTextual()) {
            o.put("reason", extra.get("reason").asText());
        }
    }

    private void appResults(Context ctx) {
        Query.allow(ctx, "start", "end");
        String p = ctx.pathParam("p");
        Instant now = backend.clock().instant();
        Instant end = Optional.ofNullable(Query.time(ctx, "end", now)).orElse(now);
        Instant start = Optional.ofNullable(Query.time(ctx, "start", now)).orElse(end.minus(Duration.ofHours(24)));
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("end " + end + " is not after start " + start);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        backend.requireProject(p);
        // the endpoints' model names from two columns (no record decoded: ~0.2 ms each at 10,000 endpoints)
        Map<String, String> models = backend.endpoints().models(p);
        // one bounded query over the project (the newest APP_RESULTS_LIMIT rows), not one per endpoint
        for (TimeSeriesRecords.AppResult r : backend.timeSeries().projectAppResults(p, start, end, APP_RESULTS_LIMIT)) {
            if (models.containsKey(r.uid())) {
                out.addObject().put("endpoint_id", r.uid()).put("endpoint_name", models.get(r.uid()))
                        .put("application", r.application()).put("name", r.name())
                        .put("full_name", p + "." + r.application() + ".result." + r.name())
                        .put("kind", r.kind().code()).put("kind_name", r.kind().wireName())
                        .put("status", r.status().code()).put("value", r.value())
                        .put("window_start", Json.time(r.windowStart())).put("window_end", Json.time(r.windowEnd()));
                evidence(out.get(out.size() - 1), r.extraDataJson());
            }
        }
        List<JsonNode> sorted = new ArrayList<>();
        out.forEach(sorted::add);
        sorted.sort(Comparator.comparing(o -> o.path("window_end").asText()));
        Responses.json(ctx, 200, Json.MAPPER.createArrayNode().addAll(sorted));
    }
}
