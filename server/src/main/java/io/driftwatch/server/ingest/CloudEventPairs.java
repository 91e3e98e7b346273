package io.driftwatch.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pairs the request and response halves KServe's payload logger sends as two CloudEvents sharing {@code ce-id}
 * into one MLRun-format tracking event (DESIGN.md §3). A half waits at most {@code timeout} (default 60 s, by the
 * injected clock) for its other half; then it expires, is counted, and becomes an error event of its endpoint when
 * it can be attributed (KServe logs a response only for HTTP 200, so a lone request is a failed inference). Memory:
 * one entry per waiting half (its body and a few strings), bounded by {@link Limits}: at most {@code maxHalves}
 * halves and {@code maxBytes} body bytes wait; beyond either, the oldest halves are evicted first (counted by reason
 * {@code count} or {@code bytes}, expiries by {@code age}) and become error events like expired ones; a single body
 * above {@code maxBytes} is refused (413). Thread-safe (one lock over the waiting halves; events are built outside
 * it).
 */
public final class CloudEventPairs {
    /** Default wait for the other half. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * One logged half: the CloudEvent's attributes, its JSON body (null if the body did not parse), its size, and the
     * ground truth of its label header (null without one; a label or an array with one per row).
     */
    record Half(String project, String id, boolean request, String service, String namespace, String component,
                String endpoint, Instant time, Instant arrived, JsonNode body, String bodyError, long bytes,
                JsonNode label) {
        Half(String project, String id, boolean request, String service, String namespace, String component,
             String endpoint, Instant time, Instant arrived, JsonNode body, String bodyError, long bytes) {
            this(project, id, request, service, namespace, component, endpoint, time, arrived, body, bodyError, bytes,
                    null);
        }
    }

    /**
     * The most unpaired halves that may wait, and the most body bytes they may hold together.
     *
     * @param maxHalves at least 1
     * @param maxBytes at least 1
     */
    public record Limits(int maxHalves, long maxBytes) {
        /** 10,000 halves, 64 MiB. */
        public static final Limits DEFAULT = new Limits(10_000, 64L << 20);

        /** Checks the bounds. */
        public Limits {
            if (maxHalves < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("CloudEvent limits must be positive, got " + maxHalves + " halves, "
                        + maxBytes + " bytes");
            }
        }
    }

    /** Why waiting halves were dropped: {@code age} (the timeout), {@code count} or {@code bytes} (the limits). */
    public enum Eviction { AGE, COUNT, BYTES }

    /** Counters of one project. */
    record Stats(long received, long paired, long pending, long expiredRequests, long expiredResponses) {
    }

    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Half> waiting = new LinkedHashMap<>();
    private final Map<String, long[]> counters = new ConcurrentHashMap<>();
    private final Map<String, String[]> lastModel = new ConcurrentHashMap<>();
    private final Limits limits;
    private final long[] evictions = new long[Eviction.values().length];
    private long waitingBytes;

    /** Pairs by {@code clock}; a half waits at most {@code timeout} for its other half; {@link Limits#DEFAULT}. */
    public CloudEventPairs(Clock clock, Duration timeout) {
        this(clock, timeout, Limits.DEFAULT);
    }

    /** As above, with at most {@code limits} waiting (see the class comment). */
    public CloudEventPairs(Clock clock, Duration timeout, Limits limits) {
        this.limits = limits;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("CloudEvent pair timeout must be positive, got " + timeout);
        }
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Takes one half: returns the tracking events now due (the pair if this half completes one, plus error events of
     * halves that expired), each with {@code "project"}.
     */
    List<ObjectNode> accept(Half half) {
        if (half.body() != null && half.body().hasNonNull("model_name")) {
            JsonNode v = half.body().get("model_version");
            lastModel.put(half.project() + "/" + half.service(), new String[] {half.body().get("model_name").asText(),
                    v == null || v.isNull() ? null : v.asText()});
        }
        if (half.bytes() > limits.maxBytes()) {
            throw ApiException.tooLarge("a CloudEvent body of " + half.bytes() + " bytes is over the " + limits.maxBytes()
                    + " bytes unpaired halves may hold");
        }
        List<Half> expired;
        List<Half> evicted = List.of();
        Half other;
        synchronized (this) {
            String key = half.project() + "\u0000" + half.id();
            Half same = waiting.get(key);
            if (same != null && same.request() == half.request()
                    && same.arrived().isAfter(clock.instant().minus(timeout))) {
                throw ApiException.conflict("a " + (half.request() ? "request" : "response") + " with ce-id '"
                        + half.id() + "' is already waiting for its pair");
            }
            expired = expire();
            other = remove(key);
            if (other == null) {
                waiting.put(key, half);
                waitingBytes += half.bytes();
                evicted = evictOverLimits();
            }
        }
        count(half.project(), 0, 1);
        List<ObjectNode> out = new ArrayList<>(expiredEvents(expired));
        out.addAll(errorEvents(evicted, "dropped unpaired: more than " + limits.maxHalves() + " halves or "
                + limits.maxBytes() + " bytes were waiting for their pairs (the oldest go first)"));
        if (other != null) {
            count(half.project(), 1, 1);
            Half req = half.request() ? half : other;
            Half resp = half.request() ? other : half;
            out.add(pair(req, resp));
        }
        return out;
    }

    /** Halves evicted so far for {@code reason}. */
    public synchronized long evicted(Eviction reason) {
        return evictions[reason.ordinal()];
    }

    /** Halves waiting now (all projects). */
    public synchronized int waitingHalves() {
        return waiting.size();
    }

    /** Body bytes of the halves waiting now (all projects). */
    public synchronized long waitingBytes() {
        return waitingBytes;
    }

    private Half remove(String key) {
        Half h = waiting.remove(key);
        if (h != null) {
            waitingBytes -= h.bytes();
        }
        return h;
    }

    /** Drops the oldest halves while over a limit; returns them. */
    private List<Half> evictOverLimits() {
        List<Half> out = new ArrayList<>();
        for (Iterator<Half> it = waiting.values().iterator(); it.hasNext()
                && (waiting.size() > limits.maxHalves() || waitingBytes > limits.maxBytes()); ) {
            Half h = it.next();
            evictions[(waiting.size() > limits.maxHalves() ? Eviction.COUNT : Eviction.BYTES).ordinal()]++;
            it.remove();
            waitingBytes -= h.bytes();
            out.add(h);
        }
        return out;
    }

    /** Expires what waited too long; returns their error events. */
    List<ObjectNode> sweep() {
        List<Half> expired;
        synchronized (this) {
            expired = expire();
        }
        return expiredEvents(expired);
    }

    /** The project's counters. */
    synchronized Stats stats(String project) {
        long[] c = counters.getOrDefault(project, new long[4]).clone();
        long pending = waiting.values().stream().filter(h -> h.project().equals(project)).count();
        return new Stats(c[0], c[1], pending, c[2], c[3]);
    }

    private List<Half> expire() {
        Instant limit = clock.instant().minus(timeout);
        List<Half> out = new ArrayList<>();
        for (Iterator<Half> it = waiting.values().iterator(); it.hasNext(); ) {
            Half h = it.next();
            if (!h.arrived().isAfter(limit)) {
                it.remove();
                waitingBytes -= h.bytes();
                evictions[Eviction.AGE.ordinal()]++;
                out.add(h);
            }
        }
        return out;
    }

    private List<ObjectNode> expiredEvents(List<Half> expired) {
        return errorEvents(expired, null);
    }

    /** Error events of halves that will never pair: expired ({@code reason} null) or evicted for {@code reason}. */
    private List<ObjectNode> errorEvents(List<Half> halves, String reason) {
        List<ObjectNode> out = new ArrayList<>();
        for (Half h : halves) {
            count(h.project(), h.request() ? 2 : 3, 1);
            ObjectNode e = base(h.request() ? h : null, h.request() ? null : h);
            e.put("error", reason != null ? reason : h.request()
                    ? "no response was logged within " + timeout.toSeconds() + " s (KServe logs responses of HTTP 200 only)"
                    : "the request of this response was not logged within " + timeout.toSeconds() + " s");
            inputsInto(e.putObject("request").put("id", h.id()), h.request() ? h : null);
            out.add(e);
        }
        return out;
    }

    /** One tracking event from a request and its response; body problems leave fields out (counted as errors). */
    private ObjectNode pair(Half req, Half resp) {
        ObjectNode e = base(req, resp);
        inputsInto(e.putObject("request").put("id", req.id()), req);
        ObjectNode r = e.putObject("resp").put("id", resp.id());
        r.put("model_name", e.path("model").asText());
        if (resp.body() != null) {
            try {
                r.set("outputs", KServePayloads.outputs(resp.body()));
            } catch (IllegalArgumentException ex) {
                r.put("outputs_error", ex.getMessage());
            }
        } else {
            r.put("outputs_error", resp.bodyError());
        }
        if (e.hasNonNull("version")) {
            r.put("model_version", e.get("version").asText());
        }
        r.put("timestamp", resp.time().toString());
        e.put("microsec", Math.max(0, Duration.between(req.time(), resp.time()).toNanos() / 1_000));
        JsonNode label = req.label() != null ? req.label() : resp.label();
        if (label != null) {
            e.set("y_true", label);
        }
        return e;
    }

    private static void inputsInto(ObjectNode request, Half req) {
        if (req == null) {
            return;
        }
        if (req.body() == null) {
            request.put("inputs_error", req.bodyError());
            return;
        }
        try {
            request.set("inputs", KServePayloads.inputs(req.body()));
        } catch (IllegalArgumentException ex) {
            request.put("inputs_error", ex.getMessage());
        }
    }

    /** Fields shared by pairs and error events; the model comes from the response body, else the last seen. */
    private ObjectNode base(Half req, Half resp) {
        Half any = req != null ? req : resp;
        String service = any.service();
        String model = null;
        String version = null;
        for (Half h : new Half[] {resp, req}) {
            if (h != null && h.body() != null && model == null && h.body().hasNonNull("model_name")) {
                model = h.body().get("model_name").asText();
                version = h.body().hasNonNull("model_version") ? h.body().get("model_version").asText() : null;
            }
        }
        String[] last = lastModel.get(any.project() + "/" + service);
        if (model == null && last != null) {
            model = last[0];
            version = last[1];
        }
        ObjectNode e = Json.object().put("project", any.project()).put("class", "kserve").put("worker", "0")
                .put("model", model == null ? service : model).put("version", version)
                .put("host", any.namespace() == null ? "kserve" : any.namespace())
                .put("function_uri", any.project() + "/" + service).put("op", "infer")
                .put("when", (req != null ? req.time() : resp.time()).toString());
        Map<String, String> labels = new HashMap<>();
        labels.put("endpoint", any.endpoint() == null ? "default" : any.endpoint());
        if (any.namespace() != null) {
            labels.put("namespace", any.namespace());
        }
        if (any.component() != null) {
            labels.put("component", any.component());
        }
        labels.forEach(e.putObject("labels")::put);
        return e;
    }

    private synchronized void count(String project, int index, long n) {
        counters.computeIfAbsent(project, p -> new long[4])[index] += n;
    }
}
