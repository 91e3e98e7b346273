package io.driftwatch.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Names;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of KServe's payload logger (DESIGN.md §3, §10): {@code POST /projects/{p}/model-monitoring/cloudevents}
 * takes CloudEvents 1.0 in HTTP binary mode — {@code ce-type} {@code org.kubeflow.serving.inference.request} or
 * {@code …response}, {@code ce-id} pairing the two, {@code ce-time}, and KServe's extensions
 * {@code ce-inferenceservicename} (the function), {@code ce-namespace}, {@code ce-component}, {@code ce-endpoint}
 * (default|canary, kept as the label {@code endpoint}) — with the raw OIP v2 or v1 JSON payload as the body. Pairs
 * become tracking events in the event stream ({@link CloudEventPairs}); the answer is 202
 * {@code {"paired": bool, "appended": n}} once they are durable. {@code GET …/cloudevents/stats} gives the counters
 * (received, paired, pending, expired requests/responses). Missing or bad CloudEvent attributes → 400 naming the
 * header; a body that is not JSON is accepted and its pair counted as an endpoint error. Ground truth (issue 20): a
 * label header {@value #LABEL_HEADER} (a CloudEvents extension attribute; alias {@value #LABEL_HEADER_ALIAS}) on either
 * half holds JSON — a label (number, string, boolean) or an array with one label (or null) per row — and becomes the
 * tracking event's inline {@code y_true}, stored by (request id = {@code ce-id}, row); a bare word is a string label.
 */
public final class CloudEventRoutes implements AutoCloseable {
    /** The CloudEvent type of a KServe request payload. */
    public static final String REQUEST = "org.kubeflow.serving.inference.request";
    /** The CloudEvent type of a KServe response payload. */
    public static final String RESPONSE = "org.kubeflow.serving.inference.response";
    /** The header of the ground truth of a logged inference (a CloudEvents extension attribute). */
    public static final String LABEL_HEADER = "ce-label";
    /** Another name of {@link #LABEL_HEADER}, for callers that cannot set {@code ce-} headers. */
    public static final String LABEL_HEADER_ALIAS = "X-Driftwatch-Label";
    private static final Logger LOG = LoggerFactory.getLogger(CloudEventRoutes.class);
    private final Backend backend;
    private final CloudEventPairs pairs;
    private final long maxBody;
    private final ScheduledExecutorService sweeper;

    /** Starts the sweeper that expires lone halves every {@code sweepMillis} even without new traffic. */
    public CloudEventRoutes(Backend backend, CloudEventPairs pairs, long maxBody, long sweepMillis) {
        this.backend = backend;
        this.pairs = pairs;
        this.maxBody = maxBody;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("cloudevents-sweeper").factory());
        sweeper.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /** The pairing state (for its counters in {@code /metrics}). */
    public CloudEventPairs pairs() {
        return pairs;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        String base = ApiServer.PREFIX + "/projects/{p}/model-monitoring/cloudevents";
        r.post(base, this::receive);
        r.get(base + "/stats", this::stats);
    }

    private void receive(Context ctx) {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        String type = ctx.header("ce-type");
        if (type == null) {
            String ct = ctx.contentType();
            throw ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/cloudevents")
                    ? ApiException.unsupportedMediaType("structured-mode CloudEvents are not accepted: send binary mode "
                    + "(ce-* headers, the payload as the body), as KServe's logger does")
                    : ApiException.badRequest("missing header 'ce-type' (" + REQUEST + " or " + RESPONSE + ")");
        }
        boolean request = switch (type) {
            case REQUEST -> true;
            case RESPONSE -> false;
            default -> throw ApiException.badRequest("header 'ce-type' is '" + type + "': expected " + REQUEST + " or "
                    + RESPONSE);
        };
        String id = required(ctx, "ce-id");
        String service = required(ctx, "ce-inferenceservicename");
        byte[] body = RequestBodies.read(ctx, maxBody);
        JsonNode json = null;
        String bodyError = null;
        try {
            json = Json.parse(body);
        } catch (ApiException e) {
            bodyError = (request ? "request" : "response") + " payload: " + e.getMessage();
        }
        Instant now = backend.clock().instant();
        var half = new CloudEventPairs.Half(p, id, request, service, ctx.header("ce-namespace"),
                ctx.header("ce-component"), ctx.header("ce-endpoint"), time(ctx.header("ce-time"), now), now, json,
                bodyError, body.length, label(ctx));
        List<ObjectNode> events = pairs.accept(half);
        append(events);
        boolean paired = events.stream().anyMatch(e -> e.has("resp"));
        Responses.json(ctx, 202, Json.object().put("paired", paired).put("appended", events.size()));
    }

    private void stats(Context ctx) {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        append(pairs.sweep());
        CloudEventPairs.Stats s = pairs.stats(p);
        Responses.json(ctx, 200, Json.object().put("received", s.received()).put("paired", s.paired())
                .put("pending", s.pending()).put("expired", s.expiredRequests() + s.expiredResponses())
                .put("expired_requests", s.expiredRequests()).put("expired_responses", s.expiredResponses()));
    }

    private void sweep() {
        try {
            append(pairs.sweep());
        } catch (RuntimeException e) {
            LOG.warn("expiring lone CloudEvent halves failed (retried next sweep)", e);
        }
    }

    private void append(List<ObjectNode> events) {
        if (events.isEmpty()) {
            return;
        }
        List<byte[]> records = new ArrayList<>(events.size());
        for (ObjectNode e : events) {
            try {
                records.add(Json.MAPPER.writeValueAsBytes(e));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("cannot serialise a tracking event", ex);
            }
        }
        KeyedAppends.append(backend.stream(), records, r -> KeyedAppends.keyOf(r, null));
    }

    private static String required(Context ctx, String header) {
        String v = ctx.header(header);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("missing header '" + header + "'");
        }
        if (v.trim().length() > Names.MAX) {
            throw ApiException.badRequest("header '" + header + "' is " + v.trim().length()
                    + " characters long; at most " + Names.MAX);
        }
        return v.trim();
    }

    /** The label header as a label or an array of labels (null without one); 400 naming the header otherwise. */
    static JsonNode label(Context ctx) {
        String name = ctx.header(LABEL_HEADER) != null ? LABEL_HEADER : LABEL_HEADER_ALIAS;
        String v = ctx.header(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        JsonNode label;
        try {
            label = Json.MAPPER.readTree(v.trim());
        } catch (JsonProcessingException e) {
            label = Json.MAPPER.getNodeFactory().textNode(v.trim());
        }
        boolean ok = isLabel(label) || label.isArray();
        for (int i = 0; label.isArray() && i < label.size(); i++) {
            ok &= label.get(i).isNull() || isLabel(label.get(i));
        }
        if (!ok) {
            throw ApiException.badRequest("header '" + name + "' must hold a label (number, string, boolean) or an "
                    + "array of labels (or nulls), one per row; got " + label.getNodeType());
        }
        return label;
    }

    private static boolean isLabel(JsonNode n) {
        return n.isNumber() || n.isTextual() || n.isBoolean();
    }

    private static Instant time(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return now;
        }
        try {
            return OffsetDateTime.parse(header.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("header 'ce-time' is not an RFC 3339 time: '" + header + "'");
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
