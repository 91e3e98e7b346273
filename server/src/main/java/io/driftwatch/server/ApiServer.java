package io.driftwatch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api/v1} (DESIGN.md §10) on Javalin with virtual threads. Every error is
 * {@code {"error": {"code", "message"}}} with a 4xx/5xx status; an unexpected failure of one request is logged and
 * answered 500 without affecting the others.
 */
public final class ApiServer implements AutoCloseable {
    /** The path prefix of every route. */
    public static final String PREFIX = "/api/v1";
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;
    private final IngestHandler ingestHandler;

    private ApiServer(Javalin app, IngestHandler ingestHandler) {
        this.app = app;
        this.ingestHandler = ingestHandler;
    }

    /** Starts the API on {@code port} (0 = any free port) over the backend. */
    public static ApiServer start(Backend backend, ServerConfig config) {
        return start(backend, config, ServerMetrics.create());
    }

    /** Starts the API over the backend, with {@code metrics} served at {@code /metrics}. */
    public static ApiServer start(Backend backend, ServerConfig config, ServerMetrics metrics) {
        return start(backend, config, metrics, List.of());
    }

    /** As above, plus {@code extraRoutes} registered after the built-in ones (serving, CloudEvents, batch upload). */
    public static ApiServer start(Backend backend, ServerConfig config, ServerMetrics metrics,
                                  List<Consumer<RoutesConfig>> extraRoutes) {
        IngestRoutes ingest = new IngestRoutes(backend, config.maxBodyBytes());
        IngestHandler ingestHandler = new IngestHandler(ingest);
        List<Consumer<RoutesConfig>> routes = List.of(
                r -> r.get(PREFIX + "/healthz", ctx -> ApiServer.json(ctx, 200, Json.object().put("status", "ok"))),
                new ProjectRoutes(backend)::register,
                ingest::register,
                new ModelRoutes(backend, config.dataDir())::register,
                new EndpointRoutes(backend)::register,
                new ResultRoutes(backend)::register,
                new MonitoringRoutes(backend, config.basePeriod())::register,
                new PythonTaskRoutes(backend)::register,
                new AlertRoutes(backend)::register,
                new GrafanaRoutes(backend)::register,
                new MetricsRoutes(backend, metrics)::register,
                new UiRoutes(backend)::register);
        Javalin app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.jetty.port = config.port();
            // training sets may be far larger than events: parts above 1 MiB are spooled to disk, up to 2 GiB
            cfg.jetty.multipartConfig.maxTotalRequestSize(2L << 30, io.javalin.config.SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxFileSize(2L << 30, io.javalin.config.SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(1 << 20, io.javalin.config.SizeUnit.BYTES);
            cfg.router.ignoreTrailingSlashes = true;
            // ingest is served by Jetty in front of Javalin (IngestHandler); Javalin nests itself inside it
            cfg.jetty.modifyServer(server -> server.setHandler(ingestHandler));
            registerErrors(cfg.routes);
            routes.forEach(r -> r.accept(cfg.routes));
            extraRoutes.forEach(r -> r.accept(cfg.routes));
        });
        app.start();
        LOG.info("REST API listening on port {}", app.port());
        return new ApiServer(app, ingestHandler);
    }

    /** Ingest requests answered by {@link IngestHandler} rather than by the Javalin route. */
    long ingestFastPathRequests() {
        return ingestHandler.served();
    }

    /** The bound port. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void registerErrors(RoutesConfig r) {
        r.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
        r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus(),
                e.getStatus() == 404 ? "no route " + ctx.method() + " " + ctx.path() : e.getMessage()));
        r.exception(io.driftwatch.engine.port.StreamBackpressureException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            json(ctx, 429, backpressureBody(e));
        });
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal_error", e.getClass().getSimpleName() + ": " + e.getMessage());
        });
        r.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
            }
        });
        r.error(405, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 405, "method_not_allowed", "method " + ctx.method() + " not allowed on " + ctx.path());
            }
        });
    }

    /** Writes {@code {"error": {"code", "message"}}}. */
    static void error(Context ctx, int status, String code, String message) {
        json(ctx, status, errorBody(code, message));
    }

    /** {@code {"error": {"code", "message"}}}. */
    static ObjectNode errorBody(String code, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", code).put("message", message);
        return body;
    }

    /** The 429 body of a lagging stream processor (send with {@code Retry-After}). */
    static ObjectNode backpressureBody(io.driftwatch.engine.port.StreamBackpressureException e) {
        return errorBody("backpressure", "the stream processor is behind (" + e.getMessage() + "); retry after "
                + e.retryAfterSeconds() + " s");
    }

    /** Writes a JSON body with the status. */
    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the response", e);
        }
    }
}
