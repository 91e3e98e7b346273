package io.driftwatch.server.ingest;

import io.driftwatch.engine.port.StreamBackpressureException;
import io.driftwatch.engine.backend.BackendUnavailableException;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.port.StreamUnavailableException;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.auth.Access;
import io.driftwatch.server.auth.AuditRecorder;
import io.driftwatch.server.auth.Authenticator;
import io.driftwatch.server.auth.Principal;
import io.driftwatch.server.auth.RoutePolicy;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.Responses;
import io.driftwatch.server.http.SecurityHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/projects/{p}/model-monitoring/stream} served by Jetty directly, in front of Javalin (which
 * serves every other request, and this one too when the path needs decoding). Same validation, answers and errors as
 * the Javalin route ({@link IngestRoutes#accept}); it only skips the servlet layer and Javalin's routing and context,
 * which were ~20 % of the server's CPU for single-event requests (async-profiler, wrk at 256 connections on 2
 * cores: Javalin and servlet frames 22 % of the request threads' samples). Blocking is fine here: Javalin runs Jetty
 * on virtual threads, and the answer waits for the log's group commit. Every answer, this handler's and
 * Javalin's, gets the {@link SecurityHeaders}.
 */
public final class IngestHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);
    private static final String PREFIX = ApiServer.PREFIX + "/projects/";
    private static final String SUFFIX = "/model-monitoring/stream";
    /** The most of a rejected body read and discarded so that the client, still sending it, gets the answer. */
    private static final long DRAIN_LIMIT = 32L << 20;

    /** The route pattern served here, as registered with Javalin (for {@link RoutePolicy}). */
    public static final String PATTERN = ApiServer.PREFIX + "/projects/{p}" + SUFFIX;
    private final IngestRoutes ingest;
    private final RoutePolicy policy;
    private final Access access;
    private final Authenticator auth;
    private final AuditRecorder audit;
    private final LongAdder served = new LongAdder();

    /**
     * Serves the plain ingest requests of {@code ingest} before Javalin sees them, after the same key and
     * Content-Type checks as every Javalin route ({@code policy}, {@code auth}); rejected requests (status 400 and
     * above) are recorded in {@code audit}.
     */
    public IngestHandler(IngestRoutes ingest, RoutePolicy policy, Authenticator auth, AuditRecorder audit) {
        this.ingest = ingest;
        this.policy = policy;
        this.access = policy.access("POST", PATTERN);
        this.auth = auth;
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Requests answered here (not by Javalin) so far. */
    public long served() {
        return served.sum();
    }

    /** The project of an ingest path ({@code /api/v1/projects/{p}/model-monitoring/stream[/]}), else null. */
    public static String project(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        int end = path.endsWith("/") ? path.length() - 1 : path.length();
        if (end - SUFFIX.length() <= PREFIX.length() || !path.startsWith(SUFFIX, end - SUFFIX.length())) {
            return null;
        }
        String project = path.substring(PREFIX.length(), end - SUFFIX.length());
        return project.indexOf('/') >= 0 || project.indexOf('%') >= 0 ? null : project;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SecurityHeaders.apply(response.getHeaders());
        String project = "POST".equals(request.getMethod()) ? project(request.getHttpURI().getPath()) : null;
        if (project == null || request.getHttpURI().getQuery() != null) {
            return super.handle(request, response, callback);
        }
        served.increment();
        int status;
        byte[] body;
        boolean bodyRead = false;
        Principal caller = null;
        try {
            caller = authorize(request, response, project);
            String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            policy.requireBodyType("POST", PATTERN, contentType);
            ingest.requireProject(project);
            boolean ndjson = IngestRoutes.ndjson(contentType);
            byte[] events = RequestBodies.read(request.getLength(), request.getHeaders().get(HttpHeader.CONTENT_ENCODING),
                    Content.Source.asInputStream(request), ingest.maxBody());
            bodyRead = true;
            body = ingest.accept(project, ndjson, events);
            status = 202;
        } catch (ApiException e) {
            status = e.status();
            if (e.retryAfterSeconds() >= 0) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            }
            body = Json.MAPPER.writeValueAsBytes(Responses.errorBody(e.code(), e.getMessage()));
        } catch (StreamBackpressureException e) {
            status = 429;
            body = Json.MAPPER.writeValueAsBytes(Responses.backpressureBody(e));
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        } catch (StreamUnavailableException e) {
            status = 503;
            body = Json.MAPPER.writeValueAsBytes(Responses.unavailableBody(e));
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Responses.STREAM_RETRY_AFTER_SECONDS));
        } catch (RuntimeException e) {
            if (BackendUnavailableException.isTransient(e)) {
                // a store that did not answer (e.g. the database restarting): nothing appended, retryable
                LOG.warn("POST {} unavailable: {}", request.getHttpURI().getPath(), BackendUri.mask(e.getMessage()));
                status = 503;
                body = Json.MAPPER.writeValueAsBytes(Responses.errorBody("unavailable",
                        "a backend is not answering, retry later: " + BackendUri.mask(e.getMessage())));
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Responses.STREAM_RETRY_AFTER_SECONDS));
            } else {
                LOG.error("POST {} failed", request.getHttpURI().getPath(), e);
                status = 500;
                body = Json.MAPPER.writeValueAsBytes(Responses.errorBody("internal_error",
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        if (status >= 400) {
            recordFailure(caller, project, status, request);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (!bodyRead && !drained(request)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** Audits a refused request; an audit log that is down itself (503 above) does not turn the answer into a 500. */
    private void recordFailure(Principal caller, String project, int status, Request request) {
        try {
            audit.record(caller, "POST", PATTERN, project, status, Request.getRemoteAddr(request));
        } catch (RuntimeException e) {
            if (!BackendUnavailableException.isTransient(e)) {
                throw e;
            }
            LOG.warn("audit of POST {} ({}) skipped: {}", PATTERN, status, BackendUri.mask(e.getMessage()));
        }
    }

    private Principal authorize(Request request, Response response, String project) {
        try {
            return auth.check(access, project, new Authenticator.Call(request.getHeaders().get(HttpHeader.AUTHORIZATION),
                    request.getHeaders().get(Authenticator.SESSION_KEY_HEADER), null, null, true,
                    Request.getRemoteAddr(request)));
        } catch (ApiException e) {
            if (e.status() == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            }
            throw e;
        }
    }

    /**
     * Reads and discards what is left of a body the answer did not need (413, 404, 415 before or while reading):
     * a client that sends the whole body before reading the answer (java.net.http does) would otherwise find the
     * connection closed under it and lose the answer (a "lingering close"). True when the body ended within
     * {@link #DRAIN_LIMIT}; false (the connection is then closed after the answer) when it did not or failed.
     */
    private static boolean drained(Request request) {
        long declared = request.getLength();
        if (declared > DRAIN_LIMIT) {
            return false;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            long left = DRAIN_LIMIT;
            byte[] skip = new byte[16384];
            for (int n; (n = in.read(skip)) >= 0; ) {
                left -= n;
                if (left < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
