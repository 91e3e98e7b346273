package io.driftwatch.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ResultKind;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.server.http.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The windows of the built-in {@code model-performance} app as the web UI's Performance tab shows them (pure: built
 * from the stored results and metrics of the app, no store access). Per window, oldest first: {@code window_start},
 * {@code window_end}, {@code rows} (labelled rows / coverage, else the estimate's rows, else null),
 * {@code label_coverage} and {@code labelled_rows} (null when the app wrote none), {@code realized}
 * {metric: {value, status, reason?, reference?, relative_drop?}}, {@code estimated} {metric: {value, lower, upper,
 * status, reason?, realized_within_band?}} (the {@code estimated_} prefix removed), {@code drift}
 * {label_drift|prediction_drift: {value, status}} and {@code confusion_matrix} (true when the window has the
 * artifact), and the primary metric flat ({@code primary_realized}, {@code primary_estimated},
 * {@code primary_estimated_lower|upper}). {@code metrics} lists the metrics that occur, in {@link #ORDER};
 * {@code primary} is the first of them.
 */
final class PerformanceView {
    /** The display order of the metrics (scores first, then losses, then regression). */
    static final List<String> ORDER = List.of("accuracy", "precision_macro", "recall_macro", "f1_macro", "f1_weighted",
            "roc_auc", "log_loss", "r2", "mae", "rmse", "mape");
    static final String ESTIMATED = "estimated_";
    static final String COVERAGE = "label_coverage";
    static final String LABELLED = "labelled_rows";

    private PerformanceView() {
    }

    /** Everything the app wrote for one window. */
    private static final class Window {
        Instant start;
        final List<TimeSeriesRecords.AppResult> results = new ArrayList<>();
        final List<TimeSeriesRecords.AppMetric> metrics = new ArrayList<>();
    }

    /**
     * @param results  the app's results of the range
     * @param metrics  the app's metrics of the range
     * @param matrices window ends that have a confusion-matrix artifact
     */
    static ObjectNode windows(List<TimeSeriesRecords.AppResult> results, List<TimeSeriesRecords.AppMetric> metrics,
                              Set<Instant> matrices) {
        TreeMap<Instant, Window> byEnd = new TreeMap<>();
        for (TimeSeriesRecords.AppResult r : results) {
            Window w = byEnd.computeIfAbsent(r.windowEnd(), k -> new Window());
            w.start = r.windowStart();
            w.results.add(r);
        }
        for (TimeSeriesRecords.AppMetric m : metrics) {
            Window w = byEnd.computeIfAbsent(m.windowEnd(), k -> new Window());
            w.start = m.windowStart();
            w.metrics.add(m);
        }
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("windows");
        Set<String> seen = new LinkedHashSet<>();
        byEnd.forEach((end, w) -> list.add(window(end, w, matrices.contains(end), seen)));
        ArrayNode names = out.putArray("metrics");
        ORDER.stream().filter(seen::contains).forEach(names::add);
        String primary = names.isEmpty() ? null : names.get(0).asText();
        out.put("primary", primary);
        list.forEach(w -> flat((ObjectNode) w, primary));
        out.put("task", names.isEmpty() ? null : seen.contains("accuracy") || seen.contains("f1_macro")
                ? "classification" : "regression");
        return out;
    }

    private static ObjectNode window(Instant end, Window w, boolean matrix, Set<String> seen) {
        ObjectNode o = Json.object().put("window_start", Json.time(w.start)).put("window_end", Json.time(end));
        Double coverage = metric(w, COVERAGE);
        Double labelled = metric(w, LABELLED);
        ObjectNode realized = Json.object();
        ObjectNode estimated = Json.object();
        ObjectNode drift = Json.object();
        long estimatedRows = -1;
        for (TimeSeriesRecords.AppResult r : w.results) {
            JsonNode extra = extra(r.extraDataJson());
            if (r.kind() == ResultKind.CONCEPT_DRIFT) {
                drift.set(r.name(), entry(r, extra));
            } else if (r.kind() == ResultKind.MODEL_PERFORMANCE && r.name().startsWith(ESTIMATED)) {
                String name = r.name().substring(ESTIMATED.length());
                estimated.set(name, band(entry(r, extra), extra));
                seen.add(name);
                estimatedRows = Math.max(estimatedRows, extra.path("estimated_rows").asLong(-1));
            } else if (r.kind() == ResultKind.MODEL_PERFORMANCE) {
                realized.set(r.name(), entry(r, extra));
                seen.add(r.name());
            }
        }
        putNullable(o, "rows", rows(coverage, labelled, estimatedRows));
        putNullable(o, COVERAGE, coverage);
        putNullable(o, LABELLED, labelled);
        o.set("realized", realized);
        o.set("estimated", estimated);
        o.set("drift", drift);
        return o.put("confusion_matrix", matrix);
    }

    /** The primary metric flat, for table readers (Grafana's Infinity): {@code realized}, {@code estimated},
     * {@code estimated_lower}, {@code estimated_upper} with the {@code primary_} prefix, null when absent. */
    private static void flat(ObjectNode w, String primary) {
        JsonNode r = primary == null ? Json.object() : w.path("realized").path(primary);
        JsonNode e = primary == null ? Json.object() : w.path("estimated").path(primary);
        w.set("primary_realized", r.path("value").isNumber() ? r.get("value") : Json.MAPPER.nullNode());
        w.set("primary_estimated", e.path("value").isNumber() ? e.get("value") : Json.MAPPER.nullNode());
        w.set("primary_estimated_lower", e.path("lower").isNumber() ? e.get("lower") : Json.MAPPER.nullNode());
        w.set("primary_estimated_upper", e.path("upper").isNumber() ? e.get("upper") : Json.MAPPER.nullNode());
    }

    private static Double rows(Double coverage, Double labelled, long estimatedRows) {
        if (coverage != null && labelled != null && coverage > 0) {
            return (double) Math.round(labelled / coverage);
        }
        return estimatedRows >= 0 ? (double) estimatedRows : null;
    }

    private static ObjectNode entry(TimeSeriesRecords.AppResult r, JsonNode extra) {
        ObjectNode e = Json.object().put("value", r.value()).put("status", r.status().code());
        for (String k : List.of("reason", "reference", "relative_drop")) {
            if (extra.hasNonNull(k)) {
                e.set(k, extra.get(k));
            }
        }
        return e;
    }

    private static ObjectNode band(ObjectNode e, JsonNode extra) {
        for (String k : List.of("lower", "upper", "sampling_error", "realized", "realized_within_band")) {
            if (extra.hasNonNull(k)) {
                e.set(k, extra.get(k));
            }
        }
        return e;
    }

    private static Double metric(Window w, String name) {
        return w.metrics.stream().filter(m -> m.name().equals(name)).map(TimeSeriesRecords.AppMetric::value)
                .reduce((a, b) -> b).orElse(null);
    }

    private static void putNullable(ObjectNode o, String k, Double v) {
        if (v == null) {
            o.putNull(k);
        } else if (k.equals("rows") || k.equals(LABELLED)) {
            o.put(k, v.longValue());
        } else {
            o.put(k, v);
        }
    }

    static JsonNode extra(String json) {
        if (json == null || json.isEmpty()) {
            return Json.object();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.object();
        }
    }
}
