package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.Window;
import io.driftwatch.engine.drift.Baseline;
import io.driftwatch.engine.drift.DriftSettings;
import io.driftwatch.engine.drift.Granularity;
import io.driftwatch.engine.drift.RangeDrift;
import io.driftwatch.engine.drift.RangeDriftReport;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Drift over any range (issue 17 pt 3, docs/api.md "Drift over a range"): {@code /drift} merges the endpoint's cell
 * summaries of {@code [start, end)} and compares them with the reference, the previous range or another range;
 * {@code /drift/series} gives one point per hour, day, week or stored window. No row is read.
 */
public final class DriftRoutes {
    private static final String BASE = ApiServer.PREFIX + "/projects/{p}/model-endpoints/{uid}/drift";
    /** The range when neither start nor end is given: the week before now. */
    public static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    private final Backend backend;

    public DriftRoutes(Backend backend) {
        this.backend = backend;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.get(BASE, this::drift);
        r.get(BASE + "/series", this::series);
    }

    private void drift(Context ctx) {
        Query.allow(ctx, "start", "end", "baseline");
        ModelEndpoint ep = backend.requireEndpoint(ctx.pathParam("p"), ctx.pathParam("uid"));
        Window range = range(ctx);
        Baseline baseline = baseline(ctx);
        RangeDriftReport r = run(() -> engine().compare(ep, range, baseline, settings(ep)));
        ObjectNode body = DriftJson.report(r, settings(ep));
        body.put("project", ep.metadata().project()).put("uid", ep.uid());
        Responses.json(ctx, 200, body);
    }

    private void series(Context ctx) {
        Query.allow(ctx, "start", "end", "baseline", "granularity");
        ModelEndpoint ep = backend.requireEndpoint(ctx.pathParam("p"), ctx.pathParam("uid"));
        Window range = range(ctx);
        Baseline baseline = baseline(ctx);
        Granularity g = run(() -> Granularity.parse(Optional.ofNullable(ctx.queryParam("granularity"))
                .filter(s -> !s.isEmpty()).orElse("hour")));
        DriftSettings settings = settings(ep);
        List<RangeDriftReport> points = run(() -> engine().series(ep, range, g, baseline, settings));
        ObjectNode body = Json.object().put("project", ep.metadata().project()).put("uid", ep.uid())
                .put("start", Json.time(range.start())).put("end", Json.time(range.end()))
                .put("granularity", g.wireName()).put("baseline", baseline.wireName());
        ArrayNode out = body.putArray("points");
        points.forEach(p -> out.add(DriftJson.point(p)));
        Responses.json(ctx, 200, body);
    }

    private RangeDrift engine() {
        if (backend.samples() == null) {
            throw new ApiException(503, "no_sample_store", "this server has no sample store to read summaries from");
        }
        return new RangeDrift(backend.samples());
    }

    private DriftSettings settings(ModelEndpoint ep) {
        return run(() -> DriftSettings.of(backend.projects(), ep.metadata().project()));
    }

    /** {@code [start, end)}: end defaults to now, start to end − 7 days; 400 unless start &lt; end. */
    private Window range(Context ctx) {
        Instant now = backend.clock().instant();
        Instant end = Optional.ofNullable(Query.time(ctx, "end", now)).orElse(now);
        Instant start = Optional.ofNullable(Query.time(ctx, "start", now)).orElse(end.minus(DEFAULT_RANGE));
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("start " + start + " is not before end " + end);
        }
        return new Window(start, end);
    }

    /** {@code reference} (default), {@code previous} or {@code <start>/<end>} (times as the other parameters). */
    private Baseline baseline(Context ctx) {
        String v = ctx.queryParam("baseline");
        if (v == null || v.isEmpty() || v.equals("reference")) {
            return Baseline.REFERENCE;
        }
        if (v.equals("previous")) {
            return Baseline.PREVIOUS;
        }
        int slash = v.indexOf('/');
        if (slash <= 0) {
            throw ApiException.badRequest("query parameter 'baseline' must be reference, previous or <start>/<end>, "
                    + "got '" + Query.clip(v) + "'");
        }
        Instant now = backend.clock().instant();
        Instant s = Query.parseTime("baseline start", v.substring(0, slash), now);
        Instant e = Query.parseTime("baseline end", v.substring(slash + 1), now);
        if (!s.isBefore(e)) {
            throw ApiException.badRequest("baseline start " + s + " is not before baseline end " + e);
        }
        return Baseline.of(new Window(s, e));
    }

    /** Runs {@code f}; the engine's IllegalArgumentException (too long, too many points, bad params) is a 400. */
    private static <T> T run(java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
