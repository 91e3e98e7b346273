package io.driftwatch.engine.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.AppOutput;
import io.driftwatch.Metric;
import io.driftwatch.Result;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks an app's output before it reaches the writer: not null, no duplicate result or metric names, and
 * extra_data that serialises to JSON. Names and finite values are already enforced by {@link Result} and
 * {@link Metric}. A violation is an app failure ({@code mm-app-failed}), never a crash of the pipeline.
 */
public final class OutputValidation {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Deeper values are left to Jackson (which also reports cycles). */
    private static final int MAX_DEPTH = 64;

    private OutputValidation() {
    }

    /**
     * @return null if the output is valid, else a message naming the problem
     */
    public static String problem(AppOutput output) {
        if (output == null) {
            return "doTracking returned null (return AppOutput.none() for no output)";
        }
        Set<String> names = new HashSet<>();
        for (Result r : output.results()) {
            if (!names.add(r.name())) {
                return "duplicate result name '" + r.name() + "'";
            }
            if (plainJson(r.extraData(), 0)) {
                continue;
            }
            try {
                JSON.writeValue(Writer.nullWriter(), r.extraData()); // as the writer serialises it
            } catch (IOException | RuntimeException e) {
                return "extra_data of result '" + r.name() + "' is not JSON-serialisable: " + e.getMessage();
            }
        }
        names.clear();
        for (Metric m : output.metrics()) {
            if (!names.add(m.name())) {
                return "duplicate metric name '" + m.name() + "'";
            }
        }
        return null;
    }

    /**
     * Whether {@code value} is made only of what Jackson writes without a serializer lookup that could fail: null,
     * strings, booleans, the JDK's numbers, collections of those and maps with non-null string keys, at most
     * {@link #MAX_DEPTH} deep. True means serialisable for certain (the built-in apps' extra_data always is: this walk
     * costs ~1 µs where writing the JSON cost ~80 µs per window, issue 17); false means ask Jackson.
     */
    static boolean plainJson(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Double
                || value instanceof Integer || value instanceof Long || value instanceof Float || value instanceof Short
                || value instanceof Byte || value instanceof BigDecimal || value instanceof BigInteger) {
            return true;
        }
        if (depth >= MAX_DEPTH) {
            return false;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String) || !plainJson(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (!plainJson(o, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
