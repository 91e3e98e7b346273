package io.driftwatch.engine.writer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A result's {@code extra_data} as JSON text, the text {@code mapper.writeValueAsString(extra)} gives: maps with
 * string keys, lists, strings, booleans, nulls and {@code Double}/{@code Float}/{@code Integer}/{@code Long}
 * numbers (what the built-in apps and {@code FeatureStatsJson.toMap} put there) are written straight to a
 * generator, as Jackson's default serializers write them, without its per-value serializer lookups (issue 17: the
 * extra_data of every result is written once per window; ~10–20 % less time than the mapper for the statistics'
 * maps); a value of any other class, or nesting deeper than {@value #MAX_DEPTH}, is left to the mapper. Thread-safe.
 */
final class ExtraDataJson {
    private static final int MAX_DEPTH = 64;

    private ExtraDataJson() {
    }

    static String write(ObjectMapper mapper, Map<String, Object> extra) throws JsonProcessingException {
        if (!plain(extra, 0)) {
            return mapper.writeValueAsString(extra);
        }
        StringWriter text = new StringWriter(256);
        try (JsonGenerator g = mapper.createGenerator(text)) {
            value(g, extra);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static boolean plain(Object v, int depth) {
        return switch (v) {
            case null -> true;
            case String _, Double _, Integer _, Long _, Float _, Boolean _ -> true;
            case Map<?, ?> m -> depth < MAX_DEPTH && plainEntries(m, depth + 1);
            case List<?> l -> depth < MAX_DEPTH && plainItems(l, depth + 1);
            default -> false;
        };
    }

    private static boolean plainEntries(Map<?, ?> m, int depth) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String) || !plain(e.getValue(), depth)) {
                return false;
            }
        }
        return true;
    }

    private static boolean plainItems(List<?> l, int depth) {
        for (Object x : l) {
            if (!plain(x, depth)) {
                return false;
            }
        }
        return true;
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Double d -> g.writeNumber(d.doubleValue());
            case Integer i -> g.writeNumber(i.intValue());
            case Long l -> g.writeNumber(l.longValue());
            case Float f -> g.writeNumber(f.floatValue());
            case Boolean b -> g.writeBoolean(b);
            case Map<?, ?> m -> {
                g.writeStartObject(m);
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    value(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray(l, l.size());
                for (Object x : l) {
                    value(g, x);
                }
                g.writeEndArray();
            }
            default -> throw new IllegalStateException("not plain: " + v.getClass());
        }
    }
}
