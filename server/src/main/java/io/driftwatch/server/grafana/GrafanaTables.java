package io.driftwatch.server.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.LiveMetrics;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.FeatureAnalysis;
import io.driftwatch.server.http.HeadlineFigures;
import io.driftwatch.server.http.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SimpleJson table targets ({@code {"type": "table", "columns": [{text, type}], "rows": [[...]]}}):
 * <ul>
 *   <li>{@code list_endpoints;project[;endpoint_id]}: MLRun's columns endpoint_id, endpoint_function, endpoint_model,
 *       endpoint_model_class, first_request, last_request, accuracy ("N/A"), error_count, drift_status,
 *       predictions_per_second, latency_avg_1h;</li>
 *   <li>{@code individual_feature_analysis;project;endpoint_id}: feature_name, actual/expected min, mean, max, tvd,
 *       hellinger, kld of the latest window;</li>
 *   <li>{@code overall_feature_analysis;project;endpoint_id}: tvd, hellinger, kld as {@code _sum} (over features)
 *       and {@code _mean} (from {@code drift_measures});</li>
 *   <li>{@code project_summary;project}: endpoints, predictions_per_second (sum), latency_avg_1h (mean of endpoints
 *       with traffic, µs), error_count (sum);</li>
 *   <li>{@code result_summary;project[;endpoint_id][;application]}: the results whose window ends in the range,
 *       newest first: time, endpoint_id, application, name, kind, status, value;</li>
 *   <li>{@code result_status_share;project[;endpoint_id][;application]}: status (no drift, potential drift, drift
 *       detected, irrelevant) and count of those results.</li>
 * </ul>
 * The result targets also take {@code result} (one result name) and {@code status} (e.g.
 * {@code potential_detection,detected}: only those results, as MLRun's "average drift value" reads them).
 */
final class GrafanaTables {
    static final List<String> TARGETS = List.of("list_endpoints", "individual_feature_analysis",
            "overall_feature_analysis", "project_summary", "result_summary", "result_status_share");
    /** The parameters of the targets over app results; {@code status} keeps only the results of those statuses. */
    static final String[] RESULT_PARAMS = {"project", "endpoint_id", "application", "result", "status"};
    private static final List<String> MEASURES = List.of("tvd", "hellinger", "kld");
    private final Backend backend;

    GrafanaTables(Backend backend) {
        this.backend = backend;
    }

    ObjectNode table(GrafanaTarget t) {
        return switch (t.endpoint()) {
            case "list_endpoints" -> listEndpoints(t.allow("project", "endpoint_id"));
            case "individual_feature_analysis" -> featureAnalysis(t.allow("project", "endpoint_id"));
            case "overall_feature_analysis" -> overall(t.allow("project", "endpoint_id"));
            case "project_summary" -> projectSummary(t.allow("project"));
            case "result_summary" -> resultSummary(t.allow(RESULT_PARAMS));
            case "result_status_share" -> statusShare(t.allow(RESULT_PARAMS));
            default -> throw new IllegalArgumentException(t.endpoint());
        };
    }

    private ObjectNode listEndpoints(GrafanaTarget t) {
        ObjectNode table = table("endpoint_id:string", "endpoint_function:string", "endpoint_model:string",
                "endpoint_model_class:string", "first_request:string", "last_request:string", "accuracy:string",
                "error_count:number", "drift_status:string", "predictions_per_second:number", "latency_avg_1h:number");
        for (ModelEndpoint ep : endpoints(t)) {
            LiveMetrics m = ep.status().metrics();
            row(table, ep.uid(), ep.spec().functionUri(), ep.spec().model(), ep.spec().modelClass(),
                    Json.time(ep.status().firstRequest()), Json.time(ep.status().lastRequest()), "N/A",
                    ep.status().errorCount(),
                    ep.status().driftStatus() == null ? "N/A" : Integer.toString(ep.status().driftStatus().code()),
                    m.predictionsPerSecond(), m.latencyAvg1h());
        }
        return table;
    }

    private ObjectNode featureAnalysis(GrafanaTarget t) {
        ModelEndpoint ep = backend.requireEndpoint(t.require("project"), t.require("endpoint_id"));
        ObjectNode table = table("feature_name:string", "actual_min:number", "actual_mean:number",
                "actual_max:number", "expected_min:number", "expected_mean:number", "expected_max:number",
                "tvd:number", "hellinger:number", "kld:number");
        for (JsonNode f : FeatureAnalysis.features(ep)) {
            JsonNode a = f.path("actual");
            JsonNode e = f.path("expected");
            row(table, f.path("name").asText(), num(a, "min"), num(a, "mean"), num(a, "max"), num(e, "min"),
                    num(e, "mean"), num(e, "max"), num(f, "tvd"), num(f, "hellinger"), num(f, "kld"));
        }
        return table;
    }

    private ObjectNode overall(GrafanaTarget t) {
        ModelEndpoint ep = backend.requireEndpoint(t.require("project"), t.require("endpoint_id"));
        ObjectNode table = table("tvd_sum:number", "tvd_mean:number", "hellinger_sum:number",
                "hellinger_mean:number", "kld_sum:number", "kld_mean:number");
        Map<String, Object> dm = ep.status().driftMeasures();
        if (dm.isEmpty()) {
            return table;
        }
        List<Object> row = new ArrayList<>();
        for (String m : MEASURES) {
            double sum = 0;
            for (Object v : dm.values()) {
                if (v instanceof Map<?, ?> perFeature && perFeature.get(m) instanceof Number n) {
                    sum += n.doubleValue();
                }
            }
            row.add(sum);
            row.add(dm.get(m + "_mean") instanceof Number n ? n.doubleValue() : null);
        }
        row(table, row.toArray());
        return table;
    }

    private ObjectNode projectSummary(GrafanaTarget t) {
        ObjectNode table = table("endpoints:number", "predictions_per_second:number", "latency_avg_1h:number",
                "error_count:number");
        List<ModelEndpoint> eps = endpoints(t);
        row(table, eps.size(), HeadlineFigures.predictionsPerSecond(eps), HeadlineFigures.latencyMicros(eps),
                HeadlineFigures.errors(eps));
        return table;
    }

    private ObjectNode resultSummary(GrafanaTarget t) {
        ObjectNode table = table("time:time", "endpoint_id:string", "application:string", "name:string",
                "kind:string", "status:string", "value:number");
        for (AppResult r : results(t)) {
            row(table, r.windowEnd().toEpochMilli(), r.uid(), r.application(), r.name(), r.kind().wireName(),
                    r.status().wireName(), r.value());
        }
        return table;
    }

    private ObjectNode statusShare(GrafanaTarget t) {
        ObjectNode table = table("status:string", "count:number");
        long[] counts = new long[ResultStatus.values().length];
        for (AppResult r : results(t)) {
            counts[r.status().ordinal()]++;
        }
        for (ResultStatus s : List.of(ResultStatus.NO_DETECTION, ResultStatus.POTENTIAL_DETECTION,
                ResultStatus.DETECTED, ResultStatus.IRRELEVANT)) {
            if (s != ResultStatus.IRRELEVANT || counts[s.ordinal()] > 0) {
                row(table, label(s), counts[s.ordinal()]);
            }
        }
        return table;
    }

    static String label(ResultStatus s) {
        return switch (s) {
            case NO_DETECTION -> "no drift";
            case POTENTIAL_DETECTION -> "potential drift";
            case DETECTED -> "drift detected";
            case IRRELEVANT -> "irrelevant";
        };
    }

    /**
     * The results of the target's endpoints (one or all), application (one or all) and statuses (all unless
     * {@code status} is given) in the range, newest first.
     */
    List<AppResult> results(GrafanaTarget t) {
        Set<ResultStatus> statuses = t.statuses();
        List<AppResult> out = new ArrayList<>();
        for (ModelEndpoint ep : endpoints(t)) {
            backend.timeSeries().appResults(ep.project(), ep.uid(), t.optional("application"), t.optional("result"),
                    t.from(), t.to()).stream().filter(r -> statuses.contains(r.status())).forEach(out::add);
        }
        out.sort(Comparator.comparing(AppResult::windowEnd).reversed());
        return out;
    }

    /** The endpoint named by {@code endpoint_id}, or every endpoint of the project. */
    List<ModelEndpoint> endpoints(GrafanaTarget t) {
        String p = t.require("project");
        String uid = t.optional("endpoint_id");
        return uid == null ? backend.endpoints().list(p, EndpointFilter.ALL)
                : List.of(backend.requireEndpoint(p, uid));
    }

    private static ObjectNode table(String... columns) {
        ObjectNode t = Json.object().put("type", "table");
        ArrayNode cols = t.putArray("columns");
        for (String c : columns) {
            int colon = c.indexOf(':');
            cols.addObject().put("text", c.substring(0, colon)).put("type", c.substring(colon + 1));
        }
        t.putArray("rows");
        return t;
    }

    private static void row(ObjectNode table, Object... values) {
        ArrayNode row = ((ArrayNode) table.get("rows")).addArray();
        for (Object v : values) {
            switch (v) {
                case null -> row.addNull();
                case Double d when !Double.isFinite(d) -> row.addNull();
                case Number n when v instanceof Double || v instanceof Float -> row.add(n.doubleValue());
                case Number n -> row.add(n.longValue());
                default -> row.add(v.toString());
            }
        }
    }

    private static Double num(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : null;
    }
}
