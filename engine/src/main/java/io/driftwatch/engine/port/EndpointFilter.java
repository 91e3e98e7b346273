package io.driftwatch.engine.port;

import java.time.Instant;
import java.util.Map;

/**
 * Filters of the endpoint list (MLRun's list_model_endpoints): null fields match everything.
 *
 * @param model    model name
 * @param function function name or uri
 * @param labels   every given label must match
 * @param start    last_request at or after
 * @param end      first_request before
 */
public record EndpointFilter(String model, String function, Map<String, String> labels, Instant start, Instant end) {
    public static final EndpointFilter ALL = new EndpointFilter(null, null, Map.of(), null, null);

    public EndpointFilter {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
