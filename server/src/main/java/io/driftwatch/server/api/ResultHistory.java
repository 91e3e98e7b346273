package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.server.http.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every version of an app result ({@code metrics-values?history=true}): a window analysed again for late rows has
 * its earlier results marked {@code superseded}. Rows: {@code [window_start, window_end, value, status, superseded]}.
 */
final class ResultHistory {
    private ResultHistory() {
    }

    /** The versions in write order; all but the last of each window start are superseded. */
    static ArrayNode json(List<AppResult> versions) {
        Map<Instant, Integer> last = new HashMap<>();
        for (int i = 0; i < versions.size(); i++) {
            last.put(versions.get(i).windowStart(), i);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < versions.size(); i++) {
            AppResult r = versions.get(i);
            out.addArray().add(r.windowStart().toString()).add(r.windowEnd().toString()).add(r.value())
                    .add(r.status().code()).add(last.get(r.windowStart()) != i);
        }
        return out;
    }
}
