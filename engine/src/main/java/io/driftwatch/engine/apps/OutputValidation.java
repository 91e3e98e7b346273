package io.driftwatch.engine.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.AppOutput;
import io.driftwatch.Metric;
import io.driftwatch.Result;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks an app's output before it reaches the writer: not null, no duplicate result or metric names, and
 * extra_data that serialises to JSON. Names and finite values are already enforced by {@link Result} and
 * {@link Metric}. A violation is an app failure ({@code mm-app-failed}), never a crash of the pipeline.
 */
public final class OutputValidation {
    private static final ObjectMapper JSON = new ObjectMapper();

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
            try {
                JSON.writeValueAsString(r.extraData());
            } catch (JsonProcessingException | RuntimeException e) {
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
}
