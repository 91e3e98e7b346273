package io.driftwatch.server.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.driftwatch.EndpointId;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.server.http.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How ingest appends: to a single-partition stream (the embedded log) one append of the whole request, as before
 * (atomic, its first offset in the answer); to a partitioned stream (Kafka) one keyed append per endpoint, key = the
 * endpoint uid, so an endpoint's events stay in order on one partition. The records of one request for one endpoint
 * keep their order; groups are appended in order of their first record. Each append returns only after its records
 * are durable; a failure ({@link io.driftwatch.engine.port.StreamUnavailableException}) leaves the request
 * unacknowledged (groups appended before it stay in the stream: the client's retry makes them at-least-once).
 */
final class KeyedAppends {
    /** The answer's offset when a request went to several partitions: there is no one first offset. */
    static final long NO_OFFSET = -1;

    private KeyedAppends() {
    }

    /** The endpoint a record belongs to. */
    record Key(String project, String uid) {
    }

    /** True for a stream with one partition (the keyed appends of a request are then one plain append). */
    static boolean singlePartition(EventStream stream) {
        return !stream.keyed();
    }

    /** Appends {@code records} of {@code project} keyed by their endpoint; see the class comment. */
    static long append(EventStream stream, String project, List<byte[]> records) {
        return append(stream, records, r -> keyOf(r, project));
    }

    /** Appends {@code records} keyed by {@code keyOf}; returns the first offset, or {@link #NO_OFFSET}. */
    static long append(EventStream stream, List<byte[]> records, Function<byte[], Key> keyOf) {
        if (singlePartition(stream)) {
            return stream.append(records);
        }
        Map<Key, List<byte[]>> groups = new LinkedHashMap<>();
        for (byte[] r : records) {
            groups.computeIfAbsent(keyOf.apply(r), k -> new ArrayList<>()).add(r);
        }
        groups.forEach((k, group) -> stream.append(k.project(), k.uid(), group));
        return NO_OFFSET;
    }

    /**
     * The endpoint of a tracking event (its top-level {@code project}, {@code function_uri}, {@code model},
     * {@code version}; other fields only tokenised): {@link EndpointId#of}; {@code project} when the event has none.
     */
    static Key keyOf(byte[] event, String project) {
        String p = project;
        String fn = null;
        String model = null;
        String version = null;
        try (JsonParser in = Json.MAPPER.createParser(event)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return new Key(p, "");
            }
            for (JsonToken t = in.nextToken(); t == JsonToken.FIELD_NAME; t = in.nextToken()) {
                String name = in.currentName();
                JsonToken v = in.nextToken();
                String text = v == JsonToken.VALUE_STRING ? in.getText() : null;
                switch (name) {
                    case "project" -> p = text != null ? text : p;
                    case "function_uri" -> fn = text;
                    case "model" -> model = text;
                    case "version" -> version = text;
                    default -> in.skipChildren();
                }
            }
        } catch (IOException e) {
            return new Key(p, "");
        }
        return new Key(p, fn == null || model == null ? "" : EndpointId.of(p, fn, model, version));
    }
}
