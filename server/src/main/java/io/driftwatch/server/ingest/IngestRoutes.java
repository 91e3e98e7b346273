package io.driftwatch.server.ingest;

import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.RequestBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /projects/{p}/model-monitoring/stream}: tracking events in (DESIGN.md §3). The whole body is
 * validated before anything is appended; the answer 202 {@code {"accepted": n, "offset": first}} is sent only after
 * the events are durable in the log.
 *
 * <p>The project check is the store's {@code projectExists}; the embedded store answers it from a cache of project
 * names (it cost ~3 ms of CPU per request as a DuckDB query, more than the rest of a single-event request).
 */
public final class IngestRoutes {
    private final Backend backend;
    private final long maxBody;

    /** Routes over the stores of {@code backend}. */
    public IngestRoutes(Backend backend, long maxBody) {
        this.backend = backend;
        this.maxBody = maxBody;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
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
     * @throws io.driftwatch.engine.port.StreamUnavailableException when the stream could not make the events durable
     *                                                               (503 + Retry-After; nothing acknowledged)
     */
    byte[] accept(String project, boolean ndjson, byte[] body) {
        List<byte[]> events = ndjson ? EventBatch.fromNdjson(body, project) : EventBatch.fromJson(body, project);
        long first;
        try {
            first = KeyedAppends.append(backend.stream(), project, events);
        } catch (IllegalArgumentException e) {
            throw ApiException.tooLarge("the events do not fit the stream's bounds: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(503, "unavailable", "the event stream is not accepting events: " + e.getMessage());
        }
        return ("{\"accepted\":" + events.size() + ",\"offset\":"
                + (first == KeyedAppends.NO_OFFSET ? "null" : Long.toString(first)) + "}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** 404 for an unknown project. */
    void requireProject(String project) {
        backend.requireProject(project);
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
