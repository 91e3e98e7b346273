package io.driftwatch.server.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.labels.LabelDelay;
import io.driftwatch.engine.labels.LabelStreamRecords;
import io.driftwatch.engine.port.LabelRecord;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /projects/{p}/model-endpoints/{uid}/labels}: ground truth in (issue 20). The body ({@link LabelBodies})
 * is validated whole (400 naming the problem); each label is matched to its prediction row — the {@code row}-th row
 * (0-based) with that request id among the endpoint's rows of the last {@code label_delay} (the endpoint label
 * {@code label_delay}, e.g. {@code 3d}; default 7 days) — and the matched ones are appended to the event stream as one
 * label record keyed by the endpoint uid (durable before the 202, like events). A label with no such prediction row
 * (unknown request id, a row beyond the request's rows, or a prediction older than {@code label_delay}) is not
 * stored: it is counted in the answer ({@code unmatched}, with up to {@value #MAX_REPORTED} of their request ids) and
 * in {@link #unmatchedTotal()}. Before matching, the route waits up to {@link #STORED_WAIT} until the events appended
 * before it are stored, so labels sent right after their predictions find them.
 *
 * <p>Answer 202: {@code {"accepted": n, "unmatched": k, "unmatched_request_ids": […], "label_delay": "PT168H",
 * "offset": first|null}}. A later label for the same (request id, row) replaces the stored one.
 */
public final class LabelRoutes {
    /** The endpoint label that sets how long after a prediction its label may arrive. */
    public static final String LABEL_DELAY = LabelDelay.LABEL;
    /** The default {@code label_delay}. */
    public static final Duration DEFAULT_LABEL_DELAY = LabelDelay.DEFAULT;
    static final int MAX_REPORTED = 20;
    static final Duration STORED_WAIT = Duration.ofSeconds(10);
    private final AtomicLong unmatchedTotal = new AtomicLong();
    private final AtomicLong acceptedTotal = new AtomicLong();

    private final Backend backend;
    private final long maxBody;
    private final Drain drain;

    /** Routes over {@code backend}; {@code drain} waits for appended events to be stored. */
    public LabelRoutes(Backend backend, long maxBody, Drain drain) {
        this.backend = backend;
        this.maxBody = maxBody;
        this.drain = drain;
    }

    /** Labels that matched no prediction row since this server started (the /metrics counter). */
    public long unmatchedTotal() {
        return unmatchedTotal.get();
    }

    /** Labels accepted since this server started (the /metrics counter). */
    public long acceptedTotal() {
        return acceptedTotal.get();
    }

    /** Mounts the route. */
    public void register(RoutesConfig r) {
        r.post(ApiServer.PREFIX + "/projects/{p}/model-endpoints/{uid}/labels", this::post);
    }

    private void post(Context ctx) throws InterruptedException {
        ModelEndpoint ep = backend.requireEndpoint(ctx.pathParam("p"), ctx.pathParam("uid"));
        boolean ndjson = IngestRoutes.ndjson(ctx.header("Content-Type"));
        List<LabelBodies.Item> items = LabelBodies.parse(RequestBodies.read(ctx, maxBody), ndjson);
        if (drain != null) {
            drain.await(ep.project(), STORED_WAIT);
        }
        Responses.json(ctx, 202, accept(ep, items));
    }

    /** Matches, appends and answers (see the class comment). */
    ObjectNode accept(ModelEndpoint ep, List<LabelBodies.Item> items) {
        Instant now = backend.clock().instant();
        Duration delay = labelDelay(ep);
        Map<String, List<Instant>> times = predictionTimes(ep, new Window(now.minus(delay), now.plus(Duration.ofDays(1))));
        List<LabelRecord> matched = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (LabelBodies.Item item : items) {
            List<Instant> rows = times.get(item.requestId());
            if (rows == null || item.row() >= rows.size()) {
                unmatched.add(item.requestId());
            } else {
                matched.add(new LabelRecord(ep.project(), ep.uid(), item.requestId(), item.row(),
                        rows.get(item.row()), item.labelJson(), now));
            }
        }
        long offset = append(ep, matched, now);
        unmatchedTotal.addAndGet(unmatched.size());
        acceptedTotal.addAndGet(matched.size());
        ObjectNode out = Json.object().put("accepted", matched.size()).put("unmatched", unmatched.size());
        ArrayNode ids = out.putArray("unmatched_request_ids");
        unmatched.stream().distinct().limit(MAX_REPORTED).forEach(ids::add);
        out.put(LABEL_DELAY, delay.toString());
        return offset == KeyedAppends.NO_OFFSET ? out.putNull("offset") : out.put("offset", offset);
    }

    private long append(ModelEndpoint ep, List<LabelRecord> matched, Instant now) {
        if (matched.isEmpty()) {
            return KeyedAppends.NO_OFFSET;
        }
        byte[] record = LabelStreamRecords.encode(ep.project(), ep.uid(), now, matched);
        try {
            return KeyedAppends.append(backend.stream(), List.of(record),
                    r -> new KeyedAppends.Key(ep.project(), ep.uid()));
        } catch (IllegalArgumentException e) {
            throw ApiException.tooLarge("the labels do not fit the stream's bounds: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(503, "unavailable", "the event stream is not accepting labels: " + e.getMessage());
        }
    }

    /** The endpoint's {@code label_delay} label, else {@link #DEFAULT_LABEL_DELAY}. */
    static Duration labelDelay(ModelEndpoint ep) {
        return LabelDelay.of(ep);
    }

    /** Per request id, the event time of each of its rows in stored order (the row index is the list index). */
    private Map<String, List<Instant>> predictionTimes(ModelEndpoint ep, Window window) {
        SampleFrame frame = backend.samples().read(ep.project(), ep.uid(), window);
        List<String> ids;
        try {
            ids = frame.requestIds();
        } catch (UnsupportedOperationException e) {
            throw new ApiException(501, "not_implemented", "the sample store keeps no request ids, so labels cannot "
                    + "be matched to predictions: " + e.getMessage());
        }
        List<Instant> ts = frame.timestamps();
        Map<String, List<Instant>> out = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != null) {
                out.computeIfAbsent(ids.get(i), k -> new ArrayList<>()).add(ts.get(i));
            }
        }
        return out;
    }

    /** Waits until the project's events appended so far are applied and stored (the server's drain). */
    @FunctionalInterface
    public interface Drain {
        boolean await(String project, Duration timeout) throws InterruptedException;
    }
}
