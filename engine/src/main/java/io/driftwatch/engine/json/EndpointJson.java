package io.driftwatch.engine.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.FeatureStats;
import io.driftwatch.LiveMetrics;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model endpoint record as JSON in MLRun's REST shape (DESIGN.md §4), used by the REST server and by the
 * endpoint stores:
 *
 * <pre>
 * {"metadata": {"project", "uid", "labels"},
 *  "spec": {"function_uri", "model", "model_version", "model_class", "model_uri", "feature_names",
 *           "label_names", "stream_path", "monitoring_mode": "enabled|disabled", "active"},
 *  "status": {"feature_stats", "current_stats", "first_request", "last_request", "error_count", "late_rows", "pending_late",
 *             "drift_status": "0|1|2|-1" or null, "drift_measures",
 *             "metrics": {"generic": {"predictions_per_second", "latency_avg_5m", "latency_avg_1h",
 *                                     "predictions_count_5m", "predictions_count_1h"}}}}
 * </pre>
 *
 * Times are written as ISO-8601 instants ({@code 2024-05-01T12:00:00.123456Z}); on read, an offset
 * ({@code +00:00}), a space instead of {@code T} (MLRun's {@code str(datetime)}) and a missing zone (UTC) are
 * accepted too. {@code feature_stats}/{@code current_stats} use the §5 statistics JSON of
 * {@link io.driftwatch.stats.json.FeatureStatsJson} ({@code count, mean, std, min, 25%, 50%, 75%, max,
 * hist: [[counts], [edges]]}; categorical columns {@code count, unique, top, freq, categories}); NaN is written as
 * null. Writing then reading gives an equal record.
 *
 * <p>Reading is {@link Mode#STRICT} by default: unknown fields are rejected with an
 * {@link IllegalArgumentException} naming every one of them by path (e.g. {@code spec.algorithm}), so a
 * misspelt PATCH/POST field is an error, not silently ignored. {@link Mode#LENIENT} ignores them (for records
 * written by MLRun or a newer Driftwatch). Only {@code metadata.project} and {@code metadata.uid} are
 * required; missing sections and fields take the record defaults. Thread-safe; ~20 µs per 10-feature record.
 */
public final class EndpointJson {
    /** How unknown fields are treated on read. */
    public enum Mode {
        /** Unknown fields are an error naming them. */
        STRICT,
        /** Unknown fields are ignored. */
        LENIENT
    }

    /**
     * Reads decimals with Jackson's fast double parser (FastDoubleParser: the correctly rounded double, as
     * {@link Double#parseDouble} gives, in about a third of its time; the statistics' numbers are most of a record's
     * parse, issue 17); writes as a default mapper.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private EndpointJson() {
    }

    /** The record as compact JSON text. */
    public static String write(ModelEndpoint endpoint) {
        try {
            return MAPPER.writeValueAsString(toTree(endpoint));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise endpoint " + endpoint.uid(), e);
        }
    }

    /** The record as indented JSON text (stable field order). */
    public static String writePretty(ModelEndpoint endpoint) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(endpoint));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise endpoint " + endpoint.uid(), e);
        }
    }

    /** The record as a JSON tree (for callers that add fields, e.g. {@code features} on read). */
    public static ObjectNode toTree(ModelEndpoint endpoint) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode md = root.putObject("metadata");
        md.put("project", endpoint.metadata().project());
        md.put("uid", endpoint.metadata().uid());
        md.set("labels", MAPPER.valueToTree(new TreeMap<>(endpoint.metadata().labels())));
        writeSpec(root.putObject("spec"), endpoint.spec());
        writeStatus(root.putObject("status"), endpoint.status());
        return root;
    }

    /** Parses a record strictly (unknown fields rejected). */
    public static ModelEndpoint read(String json) {
        return read(json, Mode.STRICT);
    }

    /** Parses a record; malformed JSON or a bad field is an {@link IllegalArgumentException} naming it. */
    public static ModelEndpoint read(String json, Mode mode) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model endpoint is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return fromTree(node, mode);
    }

    /** Converts a parsed JSON tree to a record. */
    public static ModelEndpoint fromTree(JsonNode node, Mode mode) {
        return new EndpointReader(mode).read(node);
    }

    /** The wire form of a drift status: its code as a string ("2"), or null. */
    public static String driftStatusText(ResultStatus status) {
        return status == null ? null : Integer.toString(status.code());
    }

    private static void writeSpec(ObjectNode spec, ModelEndpoint.Spec s) {
        spec.put("function_uri", s.functionUri());
        spec.put("model", s.model());
        spec.put("model_version", s.modelVersion());
        spec.put("model_class", s.modelClass());
        spec.put("model_uri", s.modelUri());
        spec.set("feature_names", strings(s.featureNames()));
        spec.set("label_names", strings(s.labelNames()));
        spec.put("stream_path", s.streamPath());
        spec.put("monitoring_mode", s.monitoringMode().wireName());
        spec.put("active", s.active());
    }

    private static void writeStatus(ObjectNode status, ModelEndpoint.Status s) {
        status.set("feature_stats", StatsJson.write(s.featureStats()));
        status.set("current_stats", StatsJson.write(s.currentStats()));
        status.put("first_request", time(s.firstRequest()));
        status.put("last_request", time(s.lastRequest()));
        status.put("error_count", s.errorCount());
        status.put("late_rows", s.lateRows());
        status.set("pending_late", strings(s.pendingLate().stream().map(Instant::toString).toList()));
        status.put("drift_status", driftStatusText(s.driftStatus()));
        status.set("drift_measures", MAPPER.valueToTree(s.driftMeasures()));
        ObjectNode generic = status.putObject("metrics").putObject("generic");
        LiveMetrics m = s.metrics();
        generic.put("predictions_per_second", m.predictionsPerSecond());
        generic.put("latency_avg_5m", m.latencyAvg5m());
        generic.put("latency_avg_1h", m.latencyAvg1h());
        generic.put("predictions_count_5m", m.predictionsCount5m());
        generic.put("predictions_count_1h", m.predictionsCount1h());
    }

    private static JsonNode strings(List<String> values) {
        return MAPPER.valueToTree(values);
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /** Feature statistics as §5 JSON text (the {@code feature_stats} value). */
    public static String writeStats(FeatureStats stats) {
        try {
            return MAPPER.writeValueAsString(StatsJson.write(stats));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise feature statistics", e);
        }
    }

    /** Parses §5 statistics from a JSON tree (e.g. the {@code current_stats} of an app result's extra_data). */
    public static FeatureStats readStats(com.fasterxml.jackson.databind.JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? FeatureStats.empty()
                : StatsJson.read(node, "current_stats");
    }

    /**
     * The {@code current_stats} of an app result's extra_data (the drift app's {@code general_drift}, which the stores
     * keep once in the history row and read back for an endpoint's drift fields); empty when there is none.
     */
    public static FeatureStats currentStatsOf(String extraDataJson) {
        if (extraDataJson == null) {
            return FeatureStats.empty();
        }
        try {
            return readStats(MAPPER.readTree(extraDataJson).get("current_stats"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("extra_data is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses §5 statistics JSON text; null or blank is empty; a bad column is an error naming it. */
    public static FeatureStats readStats(String json) {
        if (json == null || json.isBlank()) {
            return FeatureStats.empty();
        }
        try {
            return StatsJson.read(MAPPER.readTree(json), "feature_stats");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("feature_stats is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Labels as a JSON object string, keys sorted (used for indexed label columns). */
    public static String labelsJson(Map<String, String> labels) {
        try {
            return MAPPER.writeValueAsString(new TreeMap<>(labels));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise labels", e);
        }
    }
}
