package io.driftwatch.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendUnavailableException;
import io.driftwatch.engine.backend.BackendUris;
import io.driftwatch.engine.backend.HealthCheck;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness of the four backends, served at {@code GET /health/ready} and {@code GET /api/v1/health/ready}: 200
 * {@code {"status": "ready", "backends": {...}}} when every backend answers, else 503 with {@code "starting"} (a
 * backend did not answer at start: the server retries opening it) or {@code "down"} (a {@link HealthCheck} failed
 * since), each backend with its state, masked URI, reason and since when. Probes run every {@code health-interval}
 * (default 5 s) on one daemon thread, each bounded to 10 s; a state change is logged once (URI masked).
 */
public final class BackendHealth implements AutoCloseable {
    /** The longest a probe may take before its backend counts as down. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(BackendHealth.class);

    /** One backend's state: {@code ready}, {@code starting} or {@code down}. */
    public record Status(String state, String uri, String reason, Instant since) {
    }

    private final Clock clock;
    private final BackendUris uris;
    private final Map<BackendKind, Status> states = new EnumMap<>(BackendKind.class);
    private ScheduledExecutorService probes;

    BackendHealth(Clock clock, BackendUris uris) {
        this.clock = clock;
        this.uris = uris;
        for (BackendKind k : BackendKind.values()) {
            states.put(k, new Status("starting", uris.uri(k).toString(), "not opened yet", clock.instant()));
        }
    }

    /** A backend did not answer while the server was opening them. */
    synchronized void notOpened(BackendUnavailableException e) {
        set(e.kind(), "starting", e.reason());
    }

    /** Every backend opened: ready until a probe says otherwise. */
    synchronized void opened() {
        for (BackendKind k : BackendKind.values()) {
            set(k, "ready", null);
        }
    }

    /** Probes {@code checks} (by backend) every {@code interval}, first after one interval. */
    synchronized void probe(Map<BackendKind, HealthCheck> checks, Duration interval) {
        if (checks.isEmpty() || probes != null) {
            return;
        }
        probes = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("driftwatch-health").unstarted(r));
        probes.scheduleWithFixedDelay(() -> checks.forEach(this::probeOne), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Runs one probe now (also what the schedule runs). */
    void probeOne(BackendKind kind, HealthCheck check) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            check.ping();
            return null;
        });
        Thread.ofVirtual().name("driftwatch-health-" + kind.key()).start(task);
        try {
            task.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            update(kind, "ready", null);
        } catch (ExecutionException e) {
            update(kind, "down", BackendUnavailableException.reason(e.getCause()));
        } catch (TimeoutException e) {
            task.cancel(true);
            update(kind, "down", "no answer within " + PROBE_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when every backend is ready. */
    public synchronized boolean ready() {
        return states.values().stream().allMatch(s -> s.state().equals("ready"));
    }

    /** The state of each backend. */
    public synchronized Map<BackendKind, Status> states() {
        return Map.copyOf(states);
    }

    /** The answer of {@code /health/ready}. */
    public synchronized ObjectNode json() {
        ObjectNode o = Json.object();
        boolean starting = states.values().stream().anyMatch(s -> s.state().equals("starting"));
        o.put("status", ready() ? "ready" : starting ? "starting" : "down");
        ObjectNode b = o.putObject("backends");
        states.forEach((k, s) -> {
            ObjectNode n = b.putObject(k.key()).put("state", s.state()).put("uri", s.uri())
                    .put("since", s.since().toString());
            if (s.reason() != null) {
                n.put("reason", s.reason());
            }
        });
        return o;
    }

    /** One line naming what is not ready, e.g. {@code starting: endpoint-store-connection postgresql://…: …}. */
    public synchronized String summary() {
        StringBuilder sb = new StringBuilder();
        states.forEach((k, s) -> {
            if (!s.state().equals("ready") && s.reason() != null && !s.reason().equals("not opened yet")) {
                sb.append(sb.isEmpty() ? "" : "; ").append(s.state()).append(": ").append(k.key()).append(' ')
                        .append(s.uri()).append(": ").append(s.reason());
            }
        });
        return sb.isEmpty() ? (ready() ? "ready" : "starting") : sb.toString();
    }

    /** Registers the two readiness routes. */
    void register(RoutesConfig r) {
        r.get("/health/ready", this::answer);
        r.get(ApiServer.PREFIX + "/health/ready", this::answer);
    }

    private void answer(Context ctx) {
        boolean ok = ready();
        if (!ok) {
            ctx.header("Retry-After", "5");
        }
        Responses.json(ctx, ok ? 200 : 503, json());
    }

    private synchronized void update(BackendKind kind, String state, String reason) {
        Status old = states.get(kind);
        if (old.state().equals(state) && java.util.Objects.equals(old.reason(), reason)) {
            return;
        }
        set(kind, state, reason);
        if (state.equals("ready")) {
            LOG.info("{} {} answers again", kind.key(), old.uri());
        } else {
            LOG.warn("{} {} is {}: {}", kind.key(), old.uri(), state, reason);
        }
    }

    private void set(BackendKind kind, String state, String reason) {
        states.put(kind, new Status(state, uris.uri(kind).toString(), reason, clock.instant()));
    }

    @Override
    public synchronized void close() {
        if (probes != null) {
            probes.shutdownNow();
        }
    }
}
