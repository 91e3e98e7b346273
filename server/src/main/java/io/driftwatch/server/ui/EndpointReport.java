package io.driftwatch.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.alerts.ActivationJson;
import io.driftwatch.engine.alerts.AlertActivation;
import io.driftwatch.engine.port.AlertStore.ActivationQuery;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /projects/{p}/model-endpoints/{uid}/report?start&end&format=html|json} (default the last 7 days, at
 * most 31 days; default format html): a downloadable report of one endpoint over a time range, to attach to a ticket
 * or an audit. The JSON holds, under {@code windows} and {@code operations}, exactly the bodies of
 * {@code GET …/ui/endpoints/{uid}/windows?start&end} and {@code …/operations?start&end} for the same range (so its
 * figures are those of the UI), plus {@code endpoint} (identity and latest status), {@code drifted_windows} (the
 * window ends with a result "drift detected"), {@code worst_window} (the window with the worst status, newest of
 * equals, with its per-feature expected/actual histograms and drift measures as in {@code …/windows/{window_end}})
 * and {@code alerts.activations} (the activations naming the endpoint that fired in the range, newest first, at most
 * 1,000). The HTML ({@link ReportHtml}) renders the same document self-contained: inline CSS and SVG, no script, no
 * external URL. Both are sent as attachments ({@code Content-Disposition}).
 */
final class EndpointReport {
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    private static final int MAX_ACTIVATIONS = 1_000;
    private final Backend backend;
    private final UiWindows windows;
    private final UiOperations operations;

    EndpointReport(Backend backend, UiWindows windows, UiOperations operations) {
        this.backend = backend;
        this.windows = windows;
        this.operations = operations;
    }

    void register(RoutesConfig r) {
        r.get(ApiServer.PREFIX + "/projects/{p}/model-endpoints/{uid}/report", this::report);
    }

    private void report(Context ctx) {
        Query.allow(ctx, "start", "end", "format");
        String format = Query.oneOf(ctx, "format", "html", List.of("html", "json"));
        ModelEndpoint ep = backend.requireEndpoint(ctx.pathParam("p"), ctx.pathParam("uid"));
        Instant now = backend.clock().instant();
        Instant end = Optional.ofNullable(Query.time(ctx, "end", now)).orElse(now);
        Instant start = Optional.ofNullable(Query.time(ctx, "start", now)).orElse(end.minus(DEFAULT_RANGE));
        ObjectNode body = build(ep, start, end, now);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(ep, end, format) + "\"");
        if (format.equals("json")) {
            Responses.json(ctx, 200, body);
            return;
        }
        ctx.header("Content-Security-Policy", ReportHtml.CSP);
        ctx.status(200).contentType("text/html; charset=utf-8")
                .result(ReportHtml.render(body).getBytes(StandardCharsets.UTF_8));
    }

    static String fileName(ModelEndpoint ep, Instant end, String format) {
        String model = ep.spec().model() == null ? ep.uid() : ep.spec().model();
        String stamp = end.toString().replaceAll("[^0-9T]", "").replaceFirst("^(\\d{8}T\\d{6}).*", "$1");
        return ("driftwatch-report-" + model + "-" + stamp).replaceAll("[^A-Za-z0-9._-]", "_") + "." + format;
    }

    /** The report document of {@code ep} over [start, end) (see the class comment). */
    ObjectNode build(ModelEndpoint ep, Instant start, Instant end, Instant now) {
        ObjectNode ops = operations.figures(ep, start, end, now);
        ObjectNode hist = windows.history(ep, start, end);
        ObjectNode out = Json.object().put("report_version", 1).put("generated_at", Json.time(now))
                .put("project", ep.project()).put("endpoint_id", ep.uid())
                .put("start", Json.time(start)).put("end", Json.time(end));
        out.set("endpoint", endpoint(ep));
        out.set("windows", hist);
        ArrayNode drifted = out.putArray("drifted_windows");
        JsonNode worst = null;
        for (JsonNode w : hist.path("windows")) {
            boolean detected = false;
            for (JsonNode r : w.path("results")) {
                detected |= r.path("status").asInt() == 2;
            }
            if (detected) {
                drifted.add(w.path("window_end").asText());
            }
            if (worst == null || w.path("status").asInt() > worst.path("status").asInt()) {
                worst = w;
            }
        }
        out.set("worst_window", worst == null ? null : worstWindow(ep, worst));
        out.set("operations", ops);
        out.set("alerts", alerts(ep, start, end));
        return out;
    }

    private ObjectNode worstWindow(ModelEndpoint ep, JsonNode w) {
        Instant at = Instant.parse(w.path("window_end").asText());
        ObjectNode o = Json.object().put("window_start", w.path("window_start").asText())
                .put("window_end", w.path("window_end").asText()).put("status", w.path("status").asInt());
        windows.at(ep, at).ifPresent(x -> {
            o.set("drift_status", x.path("status").path("drift_status"));
            o.set("drift_measures", x.path("status").path("drift_measures"));
            o.set("features", x.path("features"));
        });
        return o;
    }

    private static ObjectNode endpoint(ModelEndpoint ep) {
        ObjectNode o = Json.object().put("uid", ep.uid()).put("model", ep.spec().model())
                .put("model_version", ep.spec().modelVersion()).put("model_class", ep.spec().modelClass())
                .put("function_uri", ep.spec().functionUri())
                .put("first_request", Json.time(ep.status().firstRequest()))
                .put("last_request", Json.time(ep.status().lastRequest()))
                .put("error_count", ep.status().errorCount())
                .put("drift_status", ep.status().driftStatus() == null ? null : ep.status().driftStatus().code())
                .put("has_reference", !ep.status().featureStats().names().isEmpty());
        o.set("labels", Json.MAPPER.valueToTree(new java.util.TreeMap<>(ep.metadata().labels())));
        return o;
    }

    private ObjectNode alerts(ModelEndpoint ep, Instant start, Instant end) {
        ObjectNode o = Json.object().put("available", backend.alerts() != null);
        ArrayNode acts = o.putArray("activations");
        if (backend.alerts() != null) {
            for (AlertActivation a : backend.alerts().activations(
                    new ActivationQuery(ep.project(), null, ep.uid(), null, start, MAX_ACTIVATIONS))) {
                if (a.time().isBefore(end)) {
                    acts.add(ActivationJson.toJson(a));
                }
            }
        }
        return o;
    }
}
