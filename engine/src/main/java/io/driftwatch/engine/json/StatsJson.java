package io.driftwatch.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.FeatureStats;
import io.driftwatch.stats.json.FeatureStatsJson;

/**
 * The §5 statistics JSON ({@code feature_stats}, {@code current_stats}) inside an endpoint record: delegates to the
 * stats module's {@link FeatureStatsJson} and names the record field in errors.
 */
final class StatsJson {
    private StatsJson() {
    }

    static ObjectNode write(FeatureStats stats) {
        return FeatureStatsJson.toTree(stats);
    }

    static FeatureStats read(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return FeatureStats.empty();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("model endpoint field '" + path + "' must be an object");
        }
        try {
            return FeatureStatsJson.read(node);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model endpoint field '" + path + "': " + e.getMessage(), e);
        }
    }
}
