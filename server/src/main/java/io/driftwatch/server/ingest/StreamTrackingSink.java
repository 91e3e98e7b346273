package io.driftwatch.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamBackpressureException;
import io.driftwatch.server.http.Json;
import io.driftwatch.serving.tracking.TrackingSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Delivers the serving layer's tracking events to the event stream, each with {@code "project"} added (the
 * {@code project/} prefix of its {@code function_uri}, as HTTP ingest adds the URL's project), so served traffic
 * flows through the same stream processor as ingested events. Runs on the tracker's single background thread: a
 * lagging processor ({@link StreamBackpressureException}) makes it wait and retry (up to {@code maxWait}); meanwhile
 * the tracker's bounded queue absorbs requests and counts what it must drop. The serving codec's events already
 * start with {@code project} and pass unchanged; compact JSON without it gets it spliced in without a parse; other
 * JSON is parsed and re-written.
 */
public final class StreamTrackingSink implements TrackingSink {
    private final EventStream stream;
    private final Duration maxWait;

    /** Delivers into {@code stream}, waiting out a lagging processor for at most {@code maxWait}. */
    public StreamTrackingSink(EventStream stream, Duration maxWait) {
        this.stream = stream;
        this.maxWait = maxWait;
    }

    @Override
    public void accept(List<byte[]> events) {
        List<byte[]> out = new ArrayList<>(events.size());
        for (byte[] e : events) {
            out.add(withProject(e));
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            try {
                KeyedAppends.append(stream, out, r -> KeyedAppends.keyOf(r, null));
                return;
            } catch (StreamBackpressureException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(Math.min(1000, Math.max(50, e.retryAfterSeconds() * 1000)));
            }
        }
    }

    private static final byte[] FUNCTION_URI = "\"function_uri\":\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * The event with {@code "project"} set from its {@code function_uri}: spliced in after the opening brace when the
     * event is the serving codec's compact JSON (≈0.1 µs), else by a parse and re-write.
     */
    static byte[] withProject(byte[] event) {
        if (startsWith(event, PROJECT_FIRST)) {
            return event; // the serving codec's events name their project first
        }
        int at = indexOf(event, FUNCTION_URI);
        if (event.length > 0 && event[0] == '{' && at > 0) {
            int start = at + FUNCTION_URI.length;
            int end = start;
            while (end < event.length && event[end] != '/' && event[end] != '"' && event[end] != '\\') {
                end++;
            }
            if (end < event.length && event[end] == '/' && end > start && indexOf(event, PROJECT_FIELD) < 0) {
                byte[] head = ("{\"project\":\"" + new String(event, start, end - start, StandardCharsets.UTF_8) + "\"")
                        .getBytes(StandardCharsets.UTF_8);
                boolean empty = event.length > 1 && event[1] == '}';
                byte[] out = new byte[head.length + (empty ? 0 : 1) + event.length - 1];
                System.arraycopy(head, 0, out, 0, head.length);
                int pos = head.length;
                if (!empty) {
                    out[pos++] = ',';
                }
                System.arraycopy(event, 1, out, pos, event.length - 1);
                return out;
            }
        }
        return reparsed(event);
    }

    private static final byte[] PROJECT_FIELD = "\"project\":".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] PROJECT_FIRST = "{\"project\":\"".getBytes(StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length > prefix.length
                && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] reparsed(byte[] event) {
        try {
            JsonNode n = Json.MAPPER.readTree(event);
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalArgumentException("a tracking event is not a JSON object");
            }
            String uri = o.path("function_uri").asText("");
            int slash = uri.indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("tracking event without a project/function function_uri: '" + uri
                        + "'");
            }
            o.put("project", uri.substring(0, slash));
            return Json.MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable tracking event", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the stream was throttling", e);
        }
    }
}
