package io.driftwatch.engine.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.FeatureStats;
import io.driftwatch.LiveMetrics;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.ResultStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads one endpoint record from a JSON tree, collecting unknown fields (strict mode) and naming bad ones. */
final class EndpointReader {
    private static final Set<String> ROOT = Set.of("metadata", "spec", "status");
    private static final Set<String> METADATA = Set.of("project", "uid", "labels");
    private static final Set<String> SPEC = Set.of("function_uri", "model", "model_version", "model_class",
            "model_uri", "feature_names", "label_names", "stream_path", "monitoring_mode", "active");
    private static final Set<String> STATUS = Set.of("feature_stats", "current_stats", "first_request",
            "last_request", "error_count", "late_rows", "pending_late", "drift_status", "drift_measures", "metrics");
    private static final Set<String> METRICS = Set.of("generic");
    private static final Set<String> GENERIC = Set.of("predictions_per_second", "latency_avg_5m",
            "latency_avg_1h", "predictions_count_5m", "predictions_count_1h");

    private final EndpointJson.Mode mode;
    private final List<String> unknown = new ArrayList<>();

    EndpointReader(EndpointJson.Mode mode) {
        this.mode = mode;
    }

    ModelEndpoint read(JsonNode root) {
        JsonNode r = object(root, "model endpoint", ROOT, "");
        ModelEndpoint.Metadata metadata = metadata(object(r.path("metadata"), "metadata", METADATA, "metadata."));
        ModelEndpoint.Spec spec = spec(object(r.path("spec"), "spec", SPEC, "spec."));
        ModelEndpoint.Status status = status(object(r.path("status"), "status", STATUS, "status."));
        if (mode == EndpointJson.Mode.STRICT && !unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown field(s) in model endpoint: " + String.join(", ", unknown));
        }
        return new ModelEndpoint(metadata, spec, status);
    }

    /** The node as an object (missing → empty), recording unknown field names under {@code prefix}. */
    private JsonNode object(JsonNode node, String what, Set<String> known, String prefix) {
        if (node.isMissingNode() || node.isNull()) {
            return EndpointJson.MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("model endpoint field '" + what + "' must be an object, got "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                unknown.add(prefix + f);
            }
        }
        return node;
    }

    private ModelEndpoint.Metadata metadata(JsonNode md) {
        String project = text(md, "project", "metadata.project");
        String uid = text(md, "uid", "metadata.uid");
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("model endpoint field 'metadata.project' is required");
        }
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("model endpoint field 'metadata.uid' is required");
        }
        return new ModelEndpoint.Metadata(project, uid, stringMap(md.path("labels"), "metadata.labels"));
    }

    private ModelEndpoint.Spec spec(JsonNode s) {
        String mode = text(s, "monitoring_mode", "spec.monitoring_mode");
        JsonNode active = s.path("active");
        if (!active.isMissingNode() && !active.isNull() && !active.isBoolean()) {
            throw new IllegalArgumentException("model endpoint field 'spec.active' must be true or false, got "
                    + active);
        }
        return ModelEndpoint.Spec.builder().functionUri(text(s, "function_uri", "spec.function_uri"))
                .model(text(s, "model", "spec.model")).modelVersion(text(s, "model_version", "spec.model_version"))
                .modelClass(text(s, "model_class", "spec.model_class"))
                .modelUri(text(s, "model_uri", "spec.model_uri"))
                .featureNames(stringList(s.path("feature_names"), "spec.feature_names"))
                .labelNames(stringList(s.path("label_names"), "spec.label_names"))
                .streamPath(text(s, "stream_path", "spec.stream_path"))
                .monitoringMode(mode == null ? null : MonitoringMode.parse(mode))
                .active(active.isMissingNode() || active.asBoolean(true)).build();
    }

    private ModelEndpoint.Status status(JsonNode s) {
        FeatureStats featureStats = StatsJson.read(s.path("feature_stats"), "status.feature_stats");
        FeatureStats currentStats = StatsJson.read(s.path("current_stats"), "status.current_stats");
        long errors = number(s.path("error_count"), "status.error_count", 0).longValue();
        if (errors < 0) {
            throw new IllegalArgumentException("model endpoint field 'status.error_count' must be >= 0, got "
                    + errors);
        }
        return ModelEndpoint.Status.builder().featureStats(featureStats).currentStats(currentStats)
                .firstRequest(time(s, "first_request")).lastRequest(time(s, "last_request")).errorCount(errors)
                .driftStatus(driftStatus(s.path("drift_status"))).driftMeasures(measures(s.path("drift_measures")))
                .metrics(metrics(s.path("metrics")))
                .lateRows(Math.max(0, number(s.path("late_rows"), "status.late_rows", 0).longValue()))
                .pendingLate(times(s.path("pending_late"))).build();
    }

    /** A list of ISO instants ({@code status.pending_late}); missing or null is empty. */
    private static List<Instant> times(JsonNode node) {
        List<Instant> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode t : node) {
                try {
                    out.add(Instant.parse(t.asText()));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("model endpoint field 'status.pending_late' holds a bad time: "
                            + t.asText(), e);
                }
            }
        }
        return out;
    }

    private LiveMetrics metrics(JsonNode node) {
        JsonNode m = object(node, "status.metrics", METRICS, "status.metrics.");
        JsonNode g = object(m.path("generic"), "status.metrics.generic", GENERIC, "status.metrics.generic.");
        String p = "status.metrics.generic.";
        return new LiveMetrics(number(g.path("predictions_per_second"), p + "predictions_per_second", 0).doubleValue(),
                number(g.path("latency_avg_5m"), p + "latency_avg_5m", 0).doubleValue(),
                number(g.path("latency_avg_1h"), p + "latency_avg_1h", 0).doubleValue(),
                number(g.path("predictions_count_5m"), p + "predictions_count_5m", 0).longValue(),
                number(g.path("predictions_count_1h"), p + "predictions_count_1h", 0).longValue());
    }

    private static Map<String, Object> measures(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("model endpoint field 'status.drift_measures' must be an object");
        }
        return EndpointJson.MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private static ResultStatus driftStatus(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            return null;
        }
        try {
            if (node.isIntegralNumber()) {
                return ResultStatus.ofCode(node.intValue());
            }
            if (node.isTextual()) {
                String t = node.asText().trim();
                for (ResultStatus st : ResultStatus.values()) {
                    if (st.wireName().equalsIgnoreCase(t)) {
                        return st;
                    }
                }
                return ResultStatus.ofCode(Integer.parseInt(t));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model endpoint field 'status.drift_status' is invalid: "
                    + node + " (expected \"-1\", \"0\", \"1\", \"2\" or null)", e);
        }
        throw new IllegalArgumentException("model endpoint field 'status.drift_status' must be a string, got "
                + node);
    }

    static Number number(JsonNode node, String path, Number dflt) {
        if (node.isMissingNode() || node.isNull()) {
            return dflt;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("model endpoint field '" + path + "' must be a number, got " + node);
        }
        return node.numberValue();
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("model endpoint field '" + path + "' must be a string, got " + n);
        }
        return n.asText();
    }

    private static Instant time(JsonNode parent, String field) {
        String t = text(parent, field, "status." + field);
        if (t == null || t.isEmpty()) {
            return null;
        }
        return parseTime(t, "status." + field);
    }

    /** Parses ISO-8601 with Z or an offset, a space separator, or no zone (UTC). */
    static Instant parseTime(String text, String path) {
        String t = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("model endpoint field '" + path + "' is not an ISO-8601 time: '"
                        + text + "'", e2);
            }
        }
    }

    private static List<String> stringList(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("model endpoint field '" + path + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : node) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException("model endpoint field '" + path
                        + "' must be a list of strings, got element " + e);
            }
            out.add(e.asText());
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("model endpoint field '" + path + "' must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw new IllegalArgumentException("model endpoint field '" + path + "." + e.getKey()
                        + "' must be a string, got " + v);
            }
            out.put(e.getKey(), v.asText());
        }
        return out;
    }
}
