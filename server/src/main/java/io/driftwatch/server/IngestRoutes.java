package io.driftwatch.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /projects/{p}/model-monitoring/stream}: tracking events in (DESIGN.md §3). The whole body is
 * validated before anything is appended; the answer 202 {@code {"accepted": n, "offset": first}} is sent only after
 * the events are durable in the log.
 */
final class IngestRoutes {
    private final Backend backend;
    private final long maxBody;

    IngestRoutes(Backend backend, long maxBody) {
        this.backend = backend;
        this.maxBody = maxBody;
    }

    void register(RoutesConfig r) {
        r.post(ApiServer.PREFIX + "/projects/{p}/model-monitoring/stream", this::ingest);
    }

    private void ingest(Context ctx) {
        String project = ctx.pathParam("p");
        backend.requireProject(project);
        boolean ndjson = ndjson(ctx.header("Content-Type"));
        byte[] body = RequestBodies.read(ctx, maxBody);
        List<byte[]> events = ndjson ? EventBatch.fromNdjson(body, project) : EventBatch.fromJson(body, project);
        long first;
        try {
            first = backend.stream().append(events);
        } catch (IllegalArgumentException e) {
            throw ApiException.tooLarge("the events do not fit the stream's bounds: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(503, "unavailable", "the event stream is not accepting events: " + e.getMessage());
        }
        ApiServer.json(ctx, 202, Json.object().put("accepted", events.size()).put("offset", first));
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
