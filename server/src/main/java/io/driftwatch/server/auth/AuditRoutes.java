package io.driftwatch.server.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * Reading the audit log, newest first: {@code GET /projects/{p}/audit?since=&until=&actor=&limit=} (admin of the
 * project) and {@code GET /audit?project=&since=&until=&actor=&limit=} (server admin; every entry, server-wide ones
 * included), per {@link RoutePolicy}. {@code since} (inclusive) and {@code until} (exclusive) take the API's time
 * forms ({@code now-1d}, ISO-8601, epoch ms); {@code actor} is an entry's actor ({@code dw_<id>}, {@code admin});
 * {@code limit} 1..{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}.
 */
public final class AuditRoutes {
    /** The project route. */
    public static final String PROJECT_ROUTE = ApiServer.PREFIX + "/projects/{p}/audit";
    /** The server-wide route. */
    public static final String SERVER_ROUTE = ApiServer.PREFIX + "/audit";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    private final Backend backend;
    private final AuditLog log;

    /** Routes over the projects of {@code backend} and the entries of {@code log}. */
    public AuditRoutes(Backend backend, AuditLog log) {
        this.backend = backend;
        this.log = log;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.get(PROJECT_ROUTE, this::project);
        r.get(SERVER_ROUTE, this::server);
    }

    private void project(Context ctx) {
        Query.allow(ctx, "since", "until", "actor", "limit");
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        answer(ctx, p);
    }

    private void server(Context ctx) {
        Query.allow(ctx, "project", "since", "until", "actor", "limit");
        String p = ctx.queryParam("project");
        answer(ctx, p == null || p.isEmpty() ? null : p);
    }

    private void answer(Context ctx, String project) {
        Instant now = backend.clock().instant();
        Instant since = Query.time(ctx, "since", now);
        Instant until = Query.time(ctx, "until", now);
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiException.badRequest("query parameter 'since' (" + since + ") must be before 'until' ("
                    + until + ")");
        }
        String actor = ctx.queryParam("actor");
        int limit = limit(ctx.queryParam("limit"));
        ArrayNode out = Json.MAPPER.createArrayNode();
        log.query(new AuditLog.Filter(project, actor == null || actor.isEmpty() ? null : actor, since, until, limit))
                .forEach(e -> out.add(json(e)));
        Responses.json(ctx, 200, Json.object().set("entries", out));
    }

    private static int limit(String v) {
        if (v == null || v.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("query parameter 'limit' must be an integer from 1 to " + MAX_LIMIT
                + ", got '" + v + "'");
    }

    private static ObjectNode json(AuditLog.Entry e) {
        return Json.object().put("time", Json.time(e.time())).put("actor", e.actor()).put("role", e.role())
                .put("method", e.method()).put("route", e.route()).put("project", e.project())
                .put("status", e.status()).put("remote", e.remote());
    }
}
