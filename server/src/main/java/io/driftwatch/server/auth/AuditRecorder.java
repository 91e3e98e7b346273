package io.driftwatch.server.auth;

import io.driftwatch.engine.port.AuditLog;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin after-handler of every matched route that appends state-changing calls (POST, PUT, PATCH, DELETE) to
 * the {@link AuditLog} once the answer's status is known: who ({@link AuditRecorder#actor}), the method, the route
 * pattern, the project, the status, the caller's address and the time of the backend's clock. Not recorded: reads
 * sent as POST ({@link Access#VIEWER} routes such as Grafana's queries) and accepted ingest ({@link Access#INGEST}
 * routes answering below 400: the stream, CloudEvents, batch uploads, served functions); rejected ingest is recorded.
 * Failed logins — a wrong or revoked key, an ended session: 401 with a key presented — are recorded on every route,
 * reads included.
 * A failing log is logged and never fails the request.
 */
public final class AuditRecorder implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);
    private static final String PROJECT_ATTRIBUTE = "driftwatch.audit.project";
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private final AuditLog log;
    private final RoutePolicy policy;
    private final Clock clock;

    /** Records into {@code log} with the times of {@code clock}, skipping routes as {@code policy} classifies them. */
    public AuditRecorder(AuditLog log, RoutePolicy policy, Clock clock) {
        this.log = log;
        this.policy = policy;
        this.clock = clock;
    }

    /** Names the project of this call when its path has none (a project creation names it in the body). */
    public static void project(Context ctx, String project) {
        ctx.attribute(PROJECT_ATTRIBUTE, project);
    }

    @Override
    public void handle(Context ctx) {
        Endpoint e = ctx.endpoints().matchedHttpEndpoint();
        if (e == null) {
            return;
        }
        String method = e.method.name();
        int status = ctx.statusCode();
        boolean failedLogin = AccessGuard.failedLogin(ctx);
        if (!failedLogin && (!CHANGING.contains(method) || !recorded(policy.access(method, e.path), status))) {
            return;
        }
        String project = RoutePolicy.project(e.path, ctx.path());
        if (project == null && ctx.attribute(PROJECT_ATTRIBUTE) instanceof String named) {
            project = named;
        }
        record(AccessGuard.principal(ctx), method, e.path, project, status, ctx.ip());
    }

    /** True when a call to a route needing {@code access} answered {@code status} goes into the log. */
    static boolean recorded(Access access, int status) {
        return access != Access.VIEWER && (access != Access.INGEST || status >= 400);
    }

    /** Appends one entry now; {@code principal} null: the caller had no valid key. */
    public void record(Principal principal, String method, String route, String project, int status, String remote) {
        try {
            log.append(new AuditLog.Entry(clock.instant(), actor(principal), role(principal), method, route, project,
                    status, remote == null ? "unknown" : remote));
        } catch (RuntimeException x) {
            LOG.warn("audit: cannot record {} {} ({})", method, route, status, x);
        }
    }

    /** {@code dw_<id>} of a project key, {@code admin}, {@code anonymous} (auth off) or {@code unauthenticated}. */
    static String actor(Principal p) {
        if (p == null) {
            return "unauthenticated";
        }
        if (p == Principal.LOCAL) {
            return "anonymous";
        }
        return p.allProjects() ? "admin" : KeyHasher.KEY_PREFIX + p.keyId();
    }

    private static String role(Principal p) {
        if (p == null || p == Principal.LOCAL) {
            return null;
        }
        return p.allProjects() ? "server-admin" : p.role().value();
    }
}
