package io.driftwatch.server.pyapps;

import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.Responses;
import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The task routes of Python monitoring-app workers: {@code GET /projects/{p}/model-monitoring/tasks?app=&wait=}
 * long-polls for the next window task of a {@code runtime: "python"} app (200 with the task under a lease, 204 when
 * none came within {@code wait} seconds, at most 30), and {@code POST …/tasks/{id}/result} answers it
 * ({@code lease_id}, {@code results}, {@code metrics}, {@code artifacts} or {@code error}; 404 unknown task, 409 stale
 * lease).
 */
public final class PythonTaskRoutes {
    private static final String BASE = ApiServer.PREFIX + "/projects/{p}/model-monitoring/tasks";
    private static final int MAX_WAIT_SECONDS = 30;
    private final Backend backend;
    private final PythonTaskBroker broker;

    /** Routes over the shared broker. */
    public PythonTaskRoutes(Backend backend) {
        this(backend, PythonTaskBroker.shared());
    }

    PythonTaskRoutes(Backend backend, PythonTaskBroker broker) {
        this.backend = backend;
        this.broker = broker;
    }

    /** Registers the task routes. */
    public void register(RoutesConfig r) {
        r.get(BASE, this::poll);
        r.post(BASE + "/{id}/result", this::answer);
    }

    private void poll(Context ctx) throws InterruptedException {
        Query.allow(ctx, "app", "wait");
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        String app = ctx.queryParam("app");
        if (app == null || app.isBlank()) {
            throw ApiException.badRequest("query parameter 'app' (the Python app's name) is required");
        }
        PythonApp registered = pythonApp(p, app);
        Optional<PythonTaskBroker.Lease> lease = broker.poll(p, app, Duration.ofSeconds(waitSeconds(ctx)),
                registered.lease());
        if (lease.isEmpty()) {
            ctx.status(204);
            return;
        }
        Responses.json(ctx, 200, lease.get().payload());
    }

    private PythonApp pythonApp(String project, String app) {
        AppRegistration reg = backend.apps().list(project).stream().filter(a -> a.name().equals(app)).findFirst()
                .orElseThrow(() -> ApiException.notFound("monitoring function '" + app + "' is not registered in project '"
                        + project + "'"));
        if (!reg.className().equals(PythonApp.class.getName())) {
            throw ApiException.badRequest("monitoring function '" + app + "' is not a Python app (runtime \"python\")");
        }
        return new PythonApp(reg.params());
    }

    private static int waitSeconds(Context ctx) {
        String w = ctx.queryParam("wait");
        if (w == null || w.isBlank()) {
            return 20;
        }
        try {
            int s = Integer.parseInt(w.strip());
            if (s < 0 || s > MAX_WAIT_SECONDS) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter 'wait' must be whole seconds 0.." + MAX_WAIT_SECONDS
                    + ", got '" + w + "'");
        }
    }

    private void answer(Context ctx) {
        backend.requireProject(ctx.pathParam("p"));
        JsonNode body = Json.parseObject(RequestBodies.read(ctx, 64L << 20));
        String lease = body.path("lease_id").asText(null);
        if (lease == null) {
            throw ApiException.badRequest("field 'lease_id' is required");
        }
        try {
            broker.complete(ctx.pathParam("id"), lease, body);
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
        Responses.json(ctx, 200, Json.object().put("accepted", true));
    }
}
