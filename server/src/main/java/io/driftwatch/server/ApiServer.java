package io.driftwatch.server;

import io.driftwatch.server.pyapps.PythonTaskRoutes;
import io.driftwatch.engine.port.StreamBackpressureException;
import io.driftwatch.server.api.AlertRoutes;
import io.driftwatch.server.api.DriftRoutes;
import io.driftwatch.server.api.EndpointRoutes;
import io.driftwatch.server.api.ModelRoutes;
import io.driftwatch.server.api.MonitoringRoutes;
import io.driftwatch.server.api.ProjectDeletion;
import io.driftwatch.server.api.ProjectRoutes;
import io.driftwatch.server.api.ResultRoutes;
import io.driftwatch.server.api.StreamPaths;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.server.auth.AccessGuard;
import io.driftwatch.server.auth.AccessKeyRoutes;
import io.driftwatch.server.auth.AdminKey;
import io.driftwatch.server.auth.AdminKeySource;
import io.driftwatch.server.auth.AuditRecorder;
import io.driftwatch.server.auth.AuditRoutes;
import io.driftwatch.server.auth.AuthThrottle;
import io.driftwatch.server.auth.Authenticator;
import io.driftwatch.server.auth.PemKeyStore;
import io.driftwatch.server.auth.RoutePolicy;
import io.driftwatch.server.auth.SecuritySettings;
import io.driftwatch.server.auth.SessionRoutes;
import io.driftwatch.server.grafana.GrafanaRoutes;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Multiparts;
import io.driftwatch.server.http.Responses;
import io.driftwatch.server.ingest.IngestHandler;
import io.driftwatch.server.ingest.IngestRoutes;
import io.driftwatch.server.ingest.LabelRoutes;
import io.driftwatch.server.metrics.MetricsRoutes;
import io.driftwatch.server.metrics.ServerMetrics;
import io.driftwatch.server.ui.UiRoutes;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final List<String> routes;

    private ApiServer(Javalin app, IngestHandler ingestHandler, List<String> routes) {
        this.app = app;
        this.ingestHandler = ingestHandler;
        this.routes = routes;
    }

    /** Starts the API on {@code port} (0 = any free port) over the backend. */
    public static ApiServer start(Backend backend, ServerConfig config) {
        return start(backend, config, ServerMetrics.create());
    }

    /** Starts the API over the backend, with {@code metrics} served at {@code /metrics}. */
    public static ApiServer start(Backend backend, ServerConfig config, ServerMetrics metrics) {
        return start(backend, config, metrics, List.of());
    }

    /** As above, plus {@code extraRoutes} registered after the built-in ones; access keys kept in memory. */
    public static ApiServer start(Backend backend, ServerConfig config, ServerMetrics metrics,
                                  List<Consumer<RoutesConfig>> extraRoutes) {
        return start(backend, config, metrics, extraRoutes, MemoryStores.accessKeyStore());
    }

    /** As above, with the access keys of {@code accessKeys}; a project deletion polls the stream to drain. */
    public static ApiServer start(Backend backend, ServerConfig config, ServerMetrics metrics,
                                  List<Consumer<RoutesConfig>> extraRoutes, AccessKeyStore accessKeys) {
        return start(backend, config, metrics, extraRoutes, ProjectDeletion.Drain.polling(backend.stream()),
                ProjectDeletion.Sources.NONE, accessKeys);
    }

    /** As below, with an audit log in memory. */
    public static ApiServer start(Backend backend, ServerConfig config, ServerMetrics metrics,
                                  List<Consumer<RoutesConfig>> extraRoutes, ProjectDeletion.Drain drain,
                                  ProjectDeletion.Sources sources, AccessKeyStore accessKeys) {
        return start(backend, config, metrics, extraRoutes, drain, sources, accessKeys, MemoryStores.auditLog());
    }

    /**
     * As above, plus {@code extraRoutes} registered after the built-in ones (serving, CloudEvents, batch upload),
     * with the access keys of {@code accessKeys}; a project deletion first stops the project's {@code sources}
     * (serving functions), then waits on {@code drain} (the stream processor caught up); state-changing calls are
     * recorded in {@code audit}.
     *
     * @throws IllegalStateException when bound to a non-loopback address with auth off and not insecure
     */
    public static ApiServer start(Backend backend, ServerConfig config, ServerMetrics metrics,
                                  List<Consumer<RoutesConfig>> extraRoutes, ProjectDeletion.Drain drain,
                                  ProjectDeletion.Sources sources, AccessKeyStore accessKeys, AuditLog audit) {
        SecuritySettings security = config.security();
        security.requireSafe();
        Responses.hide(config.dataDir(), "<data-dir>");
        Authenticator auth = new Authenticator(security.authRequired(), accessKeys,
                AdminKeySource.of(security, config.dataDir(), System.getenv(), System.out),
                AdminKey.fingerprint(security, config.dataDir(), System.getenv()), backend.clock(),
                AuthThrottle.Limits.fromSystemProperties());
        metrics.bindAuth(auth.throttle()::failures, auth.throttle()::throttled);
        RoutePolicy policy = new RoutePolicy(security.openMetrics(), security.closedHealth());
        PemKeyStore tls = security.tls() ? PemKeyStore.load(security.tlsCert(), security.tlsKey()) : null;
        IngestRoutes ingest = new IngestRoutes(backend, config.maxBodyBytes());
        LabelRoutes labels = new LabelRoutes(backend, config.maxBodyBytes(), drain::await);
        metrics.bindLabels(labels::acceptedTotal, labels::unmatchedTotal);
        AuditRecorder recorder = new AuditRecorder(audit, policy, backend.clock());
        IngestHandler ingestHandler = new IngestHandler(ingest, policy, auth, recorder);
        List<String> routeList = new CopyOnWriteArrayList<>();
        List<Consumer<RoutesConfig>> routes = List.of(
                r -> r.get(PREFIX + "/healthz", ctx -> Responses.json(ctx, 200, Json.object().put("status", "ok"))),
                r -> r.get("/health/live", ApiServer::live),
                r -> r.get(PREFIX + "/health/live", ApiServer::live),
                new ProjectRoutes(backend, new ProjectDeletion(backend, config.dataDir(), drain, sources))::register,
                ingest::register,
                labels::register,
                new ModelRoutes(backend, config.dataDir())::register,
                new EndpointRoutes(backend, new StreamPaths(backend,
                        StreamPaths.serverStream(config.backends(), config.dataDir())))::register,
                new ResultRoutes(backend)::register,
                new DriftRoutes(backend)::register,
                new MonitoringRoutes(backend, config.basePeriod())::register,
                new PythonTaskRoutes(backend)::register,
                new AlertRoutes(backend)::register,
                new GrafanaRoutes(backend)::register,
                new MetricsRoutes(backend, metrics)::register,
                new UiRoutes(backend)::register,
                new AccessKeyRoutes(backend, auth)::register,
                new SessionRoutes(auth)::register,
                new AuditRoutes(backend, audit)::register);
        Javalin app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.jetty.port = config.port();
            cfg.jetty.host = config.security().bind();
            if (tls != null) {
                cfg.jetty.addConnector((server, http) -> httpsConnector(server, http, tls, config));
            }
            // training sets may be far larger than events: parts above 1 MiB are spooled to disk, each up to
            // driftwatch.multipart.max-part-bytes (default 1 GiB; over it: 413 naming the limit), 2 GiB in all
            long maxPart = Multiparts.maxPartBytes();
            cfg.jetty.multipartConfig.maxTotalRequestSize(Math.max(2L << 30, maxPart), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxFileSize(maxPart, SizeUnit.BYTES);
            cfg.routes.before(ctx -> ctx.attribute(Multiparts.LIMIT_ATTRIBUTE, maxPart));
            cfg.jetty.multipartConfig.maxInMemoryFileSize(1 << 20, SizeUnit.BYTES);
            cfg.router.ignoreTrailingSlashes = true;
            // ingest is served by Jetty in front of Javalin (IngestHandler); Javalin nests itself inside it
            cfg.jetty.modifyServer(server -> server.setHandler(ingestHandler));
            cfg.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    routeList.add(h.getHttpMethod().name() + " " + h.getPath());
                }
            });
            cfg.routes.beforeMatched(new AccessGuard(policy, auth));
            cfg.routes.afterMatched(recorder);
            registerErrors(cfg.routes);
            routes.forEach(r -> r.accept(cfg.routes));
            extraRoutes.forEach(r -> r.accept(cfg.routes));
        });
        app.start();
        LOG.info("REST API listening on {} port {} ({}, auth {})", config.security().bind(), app.port(),
                tls != null ? "https only" : "http", config.security().auth().value());
        return new ApiServer(app, ingestHandler, List.copyOf(routeList));
    }

    /**
     * Every HTTP route of the router as {@code METHOD pattern} (from Javalin's handler events, in registration
     * order), plus {@code POST} of the ingest fast path, which Jetty serves in front of the router.
     */
    public List<String> routes() {
        return routes;
    }

    /** Ingest requests answered by {@link IngestHandler} rather than by the Javalin route. */
    long ingestFastPathRequests() {
        return ingestHandler.served();
    }

    /** {@code /health/live}: the process answers HTTP (readiness of the backends is {@code /health/ready}). */
    private static void live(io.javalin.http.Context ctx) {
        Responses.json(ctx, 200, Json.object().put("status", "live"));
    }

    /** The bound port. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The only connector when TLS is configured: HTTPS on the configured address and port, no plain HTTP. */
    private static ServerConnector httpsConnector(Server server, HttpConfiguration http,
                                                  PemKeyStore tls, ServerConfig config) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(new String(tls.password()));
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        c.setHost(config.security().bind());
        c.setPort(config.port());
        return c;
    }

    private static void registerErrors(RoutesConfig r) {
        r.exception(ApiException.class, (e, ctx) -> {
            if (e.retryAfterSeconds() >= 0) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            Responses.error(ctx, e.status(), e.code(), e.getMessage());
        });
        r.exception(HttpResponseException.class, (e, ctx) -> Responses.error(ctx, e.getStatus(),
                e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus(),
                e.getStatus() == 404 ? "no route " + ctx.method() + " " + ctx.path() : e.getMessage()));
        r.exception(StreamBackpressureException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            Responses.json(ctx, 429, Responses.backpressureBody(e));
        });
        r.exception(io.driftwatch.engine.port.StreamUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(Responses.STREAM_RETRY_AFTER_SECONDS));
            Responses.json(ctx, 503, Responses.unavailableBody(e));
        });
        r.exception(Exception.class, (e, ctx) -> {
            if (io.driftwatch.engine.backend.BackendUnavailableException.isTransient(e)) {
                // a store that did not answer (database restarting, connection refused): retryable, like the stream
                LOG.warn("{} {} unavailable: {}", ctx.method(), ctx.path(), BackendUri.mask(e.getMessage()));
                ctx.header("Retry-After", Long.toString(Responses.STREAM_RETRY_AFTER_SECONDS));
                Responses.error(ctx, 503, "unavailable", "a backend is not answering, retry later: "
                        + BackendUri.mask(e.getMessage()));
                return;
            }
            LOG.error("{} {} failed: {}: {}", ctx.method(), ctx.path(), e.getClass().getName(),
                    BackendUri.mask(e.getMessage()));
            LOG.debug("{} {} failed", ctx.method(), ctx.path(), e);
            Responses.error(ctx, 500, "internal_error", e.getClass().getSimpleName() + ": "
                    + BackendUri.mask(e.getMessage()));
        });
        r.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                Responses.error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
            }
        });
        r.error(405, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                Responses.error(ctx, 405, "method_not_allowed",
                        "method " + ctx.method() + " not allowed on " + ctx.path());
            }
        });
    }
}
