package io.driftwatch.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /projects/{p}/model-monitoring/stream}: tracking events in (DESIGN.md §3). The whole body is
 * validated before anything is appended; the answer 202 {@code {"accepted": n, "offset": first}} is sent only after
 * the events are durable in the log.
 *
 * <p>Projects seen to exist are remembered: projects are never deleted (there is no route nor port method for it),
 * and the project-store lookup costs ~3 ms of CPU per request on the embedded DuckDB store (measured with wrk, see
 * docs/benchmarks.md "Pipeline"), more than the rest of a single-event request. A project created by another process
 * is looked up until it is found. If project deletion is ever added, it must clear {@link #knownProjects}.
 */
final class IngestRoutes {
    /** Bound of {@link #knownProjects}; when full it is cleared (and refilled by lookups). */
    private static final int MAX_KNOWN_PROJECTS = 10_000;
    private final Backend backend;
    private final long maxBody;
    private final Set<String> knownProjects = ConcurrentHashMap.newKeySet();

    IngestRoutes(Backend backend, long maxBody) {
        this.backend = backend;
        this.maxBody = maxBody;
    }

    void register(RoutesConfig r) {
        r.post(ApiServer.PREFIX + "/projects/{p}/model-monitoring/stream", this::ingest);
    }

    private void ingest(Context ctx) {
        String project = ctx.pathParam("p");
        requireProject(project);
        boolean ndjson = ndjson(ctx.header("Content-Type"));
        ctx.status(202).contentType("application/json").result(accept(project, ndjson, RequestBodies.read(ctx, maxBody)));
    }

    /** The limit of an ingest body (decompressed), in bytes. */
    long maxBody() {
        return maxBody;
    }

    /**
     * Validates the body and appends its events durably: the 202 answer {@code {"accepted": n, "offset": first}}
     * (written without Jackson: two numbers).
     * Shared by this route and {@link IngestHandler}; the caller has checked the project ({@link #requireProject}).
     *
     * @throws ApiException 400/413/503 naming the problem
     * @throws io.driftwatch.engine.port.StreamBackpressureException when the processor is too far behind (429)
     */
    byte[] accept(String project, boolean ndjson, byte[] body) {
        List<byte[]> events = ndjson ? EventBatch.fromNdjson(body, project) : EventBatch.fromJson(body, project);
        long first;
        try {
            first = backend.stream().append(events);
        } catch (IllegalArgumentException e) {
            throw ApiException.tooLarge("the events do not fit the stream's bounds: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(503, "unavailable", "the event stream is not accepting events: " + e.getMessage());
        }
        return ("{\"accepted\":" + events.size() + ",\"offset\":" + first + "}")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** 404 for an unknown project; a project found once is not looked up again. */
    void requireProject(String project) {
        if (knownProjects.contains(project)) {
            return;
        }
        backend.requireProject(project);
        if (knownProjects.size() >= MAX_KNOWN_PROJECTS) {
            knownProjects.clear();
        }
        knownProjects.add(project);
    }

    /** True for NDJSON, false for JSON; 415 for anything else. A missing type is taken as JSON. */
    static boolean ndjson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json", "text/json" -> false;
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines" -> true;
            default -> throw ApiException.unsupportedMediaType("unsupported Content-Type '" + contentType
                    + "': send application/json (one event or an array) or application/x-ndjson (one event per line)");
        };
    }
}
