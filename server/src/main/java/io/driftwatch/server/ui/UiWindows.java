package io.driftwatch.server.ui;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.FeatureAnalysis;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.Responses;
import io.driftwatch.stats.json.FeatureStatsJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An endpoint's analysed windows as first-class pages of the web UI:
 * <ul>
 *   <li>{@code GET /projects/{p}/ui/endpoints/{uid}/windows?start&end} (default the last 30 days, newest first, at
 *   most {@value #MAX_WINDOWS} windows): per window {@code window_start}, {@code window_end}, {@code rows} (the
 *   largest row count any app reported, null when none did), {@code status} (the worst relevant status of its
 *   results, -1 when all are irrelevant), {@code results} (every app's result: application, name, kind, status,
 *   value, reason), {@code metrics} and {@code artifacts} (each with its download {@code url}); plus
 *   {@code features} (the names) and {@code feature_drift}: per feature the (TVD + Hellinger) / 2 of each window
 *   (same order as {@code windows}, null when not analysed) — the heat map feature × window;</li>
 *   <li>{@code GET …/windows/{window_end}}: the endpoint record as it was for that window
 *   ({@code status.current_stats}, {@code status.drift_measures} and {@code status.drift_status} from the
 *   histogram-data-drift result of that window), its {@code features} (as {@code ?feature_analysis=true}) and the
 *   {@code window} entry; 404 when no app result ends at {@code window_end}.</li>
 * </ul>
 * Cost: one read of the endpoint's app results, metrics and artifact keys of the range (≈ 1 KB per window).
 */
final class UiWindows {
    static final int MAX_WINDOWS = 2_000;
    private static final String BASE = ApiServer.PREFIX + "/projects/{p}/ui/endpoints/{uid}/windows";
    private static final String DRIFT_APP = "histogram-data-drift";
    private static final TypeReference<Map<String, Object>> MEASURES = new TypeReference<>() { };
    private final Backend backend;

    UiWindows(Backend backend) {
        this.backend = backend;
    }

    void register(RoutesConfig r) {
        r.get(BASE, this::list);
        r.get(BASE + "/{end}", this::one);
    }

    private record Range(Instant start, Instant end) {
    }

    private Range range(Context ctx) {
        Instant now = backend.clock().instant();
        Instant end = Optional.ofNullable(Query.time(ctx, "end", now)).orElse(now.plusSeconds(1));
        Instant start = Optional.ofNullable(Query.time(ctx, "start", now)).orElse(end.minus(Duration.ofDays(30)));
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("end " + end + " is not after start " + start);
        }
        return new Range(start, end);
    }

    /** Window end → its results, newest first. */
    private TreeMap<Instant, List<TimeSeriesRecords.AppResult>> results(String p, String uid, Range r) {
        TreeMap<Instant, List<TimeSeriesRecords.AppResult>> out = new TreeMap<>(Comparator.reverseOrder());
        for (TimeSeriesRecords.AppResult x : backend.timeSeries().appResults(p, uid, null, null, r.start(), r.end())) {
            out.computeIfAbsent(x.windowEnd(), k -> new ArrayList<>()).add(x);
        }
        while (out.size() > MAX_WINDOWS) {
            out.pollLastEntry();
        }
        return out;
    }

    private void list(Context ctx) {
        Query.allow(ctx, "start", "end");
        ModelEndpoint ep = backend.requireEndpoint(ctx.pathParam("p"), ctx.pathParam("uid"));
        Range range = range(ctx);
        Responses.json(ctx, 200, history(ep, range.start(), range.end()));
    }

    /** The body of {@code GET …/windows?start&end} for {@code ep} over [start, end). */
    ObjectNode history(ModelEndpoint ep, Instant start, Instant end) {
        String p = ep.project();
        String uid = ep.uid();
        Range range = new Range(start, end);
        TreeMap<Instant, List<TimeSeriesRecords.AppResult>> byEnd = results(p, uid, range);
        Map<Instant, List<TimeSeriesRecords.AppMetric>> metrics = metrics(p, uid, range);
        Map<Instant, List<ArtifactStore.Key>> artifacts = artifacts(p, uid);
        ObjectNode out = Json.object().put("endpoint_id", uid).put("model", ep.spec().model())
                .put("model_version", ep.spec().modelVersion())
                .put("has_reference", !ep.status().featureStats().names().isEmpty());
        ArrayNode windows = out.putArray("windows");
        Set<String> features = new LinkedHashSet<>(ep.spec().featureNames());
        List<Map<String, Double>> drifts = new ArrayList<>();
        for (Map.Entry<Instant, List<TimeSeriesRecords.AppResult>> e : byEnd.entrySet()) {
            ObjectNode w = window(p, uid, e.getValue(), metrics.getOrDefault(e.getKey(), List.of()),
                    artifacts.getOrDefault(e.getKey(), List.of()));
            windows.add(w);
            Map<String, Double> fd = featureDrift(e.getValue());
            features.addAll(fd.keySet());
            drifts.add(fd);
        }
        features.removeAll(ep.spec().labelNames());
        heat(out, features, drifts);
        return out;
    }

    /** {@code features} (names) and {@code feature_drift} {feature: [value or null per window]}. */
    private static void heat(ObjectNode out, Set<String> features, List<Map<String, Double>> drifts) {
        ArrayNode names = out.putArray("features");
        ObjectNode heat = out.putObject("feature_drift");
        for (String f : features) {
            names.add(f);
            ArrayNode values = heat.putArray(f);
            drifts.forEach(d -> {
                Double v = d.get(f);
                if (v == null) {
                    values.addNull();
                } else {
                    values.add(v);
                }
            });
        }
    }

    private Map<Instant, List<TimeSeriesRecords.AppMetric>> metrics(String p, String uid, Range r) {
        Map<Instant, List<TimeSeriesRecords.AppMetric>> out = new LinkedHashMap<>();
        for (TimeSeriesRecords.AppMetric m : backend.timeSeries().appMetrics(p, uid, null, null, r.start(), r.end())) {
            out.computeIfAbsent(m.windowEnd(), k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    private Map<Instant, List<ArtifactStore.Key>> artifacts(String p, String uid) {
        Map<Instant, List<ArtifactStore.Key>> out = new LinkedHashMap<>();
        if (backend.artifacts() == null) {
            return out;
        }
        for (ArtifactStore.Key k : backend.artifacts().list(p, uid, null)) {
            out.computeIfAbsent(k.windowEnd(), x -> new ArrayList<>()).add(k);
        }
        return out;
    }

    private static ObjectNode window(String p, String uid, List<TimeSeriesRecords.AppResult> rs,
                                     List<TimeSeriesRecords.AppMetric> ms, List<ArtifactStore.Key> arts) {
        TimeSeriesRecords.AppResult first = rs.getFirst();
        ObjectNode w = Json.object().put("window_start", Json.time(first.windowStart()))
                .put("window_end", Json.time(first.windowEnd()));
        long rows = -1;
        int status = ResultStatus.IRRELEVANT.code();
        ArrayNode results = w.putArray("results");
        for (TimeSeriesRecords.AppResult r : rs) {
            ObjectNode o = results.addObject().put("application", r.application()).put("name", r.name())
                    .put("kind", r.kind().code()).put("kind_name", r.kind().wireName())
                    .put("status", r.status().code()).put("value", r.value());
            JsonNode extra = extra(r.extraDataJson());
            if (extra.path("rows").isNumber()) {
                rows = Math.max(rows, extra.get("rows").asLong());
            }
            if (extra.path("reason").isTextual()) {
                o.put("reason", extra.get("reason").asText());
            }
            status = Math.max(status, r.status().code());
        }
        if (rows >= 0) {
            w.put("rows", rows);
        } else {
            w.putNull("rows");
        }
        w.put("status", status);
        ArrayNode metrics = w.putArray("metrics");
        ms.forEach(m -> metrics.addObject().put("application", m.application()).put("name", m.name()).put("value", m.value()));
        ArrayNode artifacts = w.putArray("artifacts");
        for (ArtifactStore.Key k : arts) {
            artifacts.addObject().put("app", k.application()).put("name", k.name())
                    .put("url", ApiServer.PREFIX + "/projects/" + p + "/model-endpoints/" + uid + "/artifacts/"
                            + k.application() + "/" + k.name() + "?window_end=" + k.windowEnd());
        }
        return w;
    }

    private static JsonNode extra(String json) {
        if (json == null || json.isEmpty()) {
            return Json.object();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.object();
        }
    }

    /** Per feature (TVD + Hellinger) / 2 of the drift app's result of one window; empty when it has none. */
    private static Map<String, Double> featureDrift(List<TimeSeriesRecords.AppResult> rs) {
        Map<String, Double> out = new LinkedHashMap<>();
        JsonNode dm = driftResult(rs).map(r -> extra(r.extraDataJson()).path("drift_measures")).orElse(Json.object());
        dm.properties().forEach(e -> {
            JsonNode tvd = e.getValue().path("tvd");
            JsonNode hel = e.getValue().path("hellinger");
            if (tvd.isNumber() && hel.isNumber()) {
                out.put(e.getKey(), (tvd.asDouble() + hel.asDouble()) / 2);
            }
        });
        return out;
    }

    private static Optional<TimeSeriesRecords.AppResult> driftResult(List<TimeSeriesRecords.AppResult> rs) {
        return rs.stream().filter(r -> r.application().equals(DRIFT_APP)).findFirst();
    }

    private void one(Context ctx) {
        Query.allow(ctx);
        ModelEndpoint ep = backend.requireEndpoint(ctx.pathParam("p"), ctx.pathParam("uid"));
        Instant end = Query.parseTime("window_end", ctx.pathParam("end"), backend.clock().instant());
        Responses.json(ctx, 200, at(ep, end).orElseThrow(() -> ApiException.notFound(
                "no analysed window of endpoint '" + ep.uid() + "' ends at " + end)));
    }

    /** The body of {@code GET …/windows/{window_end}}; empty when no app result ends at {@code end}. */
    Optional<ObjectNode> at(ModelEndpoint ep, Instant end) {
        String p = ep.project();
        String uid = ep.uid();
        List<TimeSeriesRecords.AppResult> rs = backend.timeSeries()
                .appResults(p, uid, null, null, end.minusMillis(1), end.plusMillis(1)).stream()
                .filter(r -> r.windowEnd().equals(end)).toList();
        if (rs.isEmpty()) {
            return Optional.empty();
        }
        ModelEndpoint at = asOf(ep, rs);
        ObjectNode body = EndpointJson.toTree(at);
        body.set("features", FeatureAnalysis.features(at));
        Range r = new Range(end.minusMillis(1), end.plusMillis(1));
        body.set("window", window(p, uid, rs, metrics(p, uid, r).getOrDefault(end, List.of()),
                artifacts(p, uid).getOrDefault(end, List.of())));
        return Optional.of(body);
    }

    /** The record with the window's statistics and drift verdict in place of the latest window's. */
    private static ModelEndpoint asOf(ModelEndpoint ep, List<TimeSeriesRecords.AppResult> rs) {
        ModelEndpoint.Status.Builder st = ep.status().toBuilder();
        Optional<TimeSeriesRecords.AppResult> drift = driftResult(rs);
        if (drift.isPresent()) {
            JsonNode extra = extra(drift.get().extraDataJson());
            st.driftStatus(drift.get().status());
            st.currentStats(extra.path("current_stats").isObject()
                    ? FeatureStatsJson.read(extra.get("current_stats"))
                    : FeatureStats.empty());
            st.driftMeasures(extra.path("drift_measures").isObject()
                    ? Json.MAPPER.convertValue(extra.get("drift_measures"), MEASURES) : Map.of());
        } else {
            st.currentStats(FeatureStats.empty()).driftMeasures(Map.of()).driftStatus(null);
        }
        return ep.withStatus(st.build());
    }
}
