package io.driftwatch.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.json.EndpointJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an endpoint record is split over its two rows, and put together again:
 * <ul>
 *   <li>{@code endpoints}: the filter columns (model, function, labels, first/last request), the processor's
 *       counters (error_count, late_rows, pending_late, metrics), the spec as JSON and the reference
 *       {@code feature_stats} (written once, when the endpoint is created or its reference changes);</li>
 *   <li>{@code endpoint_drift}: what the writer changes per analysed window ({@code drift_status},
 *       {@code drift_measures}, {@code current_stats}).</li>
 * </ul>
 * A change writes only the columns whose value changed ({@link #changed}), by primary key: a window's drift is one
 * small row, the processor's counters a few columns, never the whole record.
 */
final class EndpointRows {
    static final List<String> KEY = List.of("project", "uid");
    static final List<String> MAIN = List.of("project", "uid", "model", "function_uri", "function_tagged",
            "function_name", "labels", "first_request", "last_request", "error_count", "late_rows", "pending_late",
            "metrics", "spec", "feature_stats", "updated");
    static final List<String> DRIFT = List.of("project", "uid", "drift_status", "drift_measures", "current_stats",
            "updated");
    /** The columns read back, endpoint then drift (drift columns NULL when the row is missing). */
    static final String SELECT = "SELECT e.project, e.uid, e.labels, e.first_request, e.last_request, e.error_count,"
            + " e.late_rows, e.pending_late, e.metrics, e.spec, e.feature_stats, d.drift_status, d.drift_measures,"
            + " d.current_stats FROM endpoints e LEFT JOIN endpoint_drift d ON d.project = e.project AND d.uid = e.uid";
    private static final Jdbc.Null NULL_TIME = new Jdbc.Null(Types.TIMESTAMP);
    private static final Jdbc.Null NULL_INT = new Jdbc.Null(Types.INTEGER);

    private EndpointRows() {
    }

    /** The two rows of a record: column name to value (without {@code updated}). */
    record Split(Map<String, Object> main, Map<String, Object> drift) {
    }

    static Split split(ModelEndpoint e) {
        ObjectNode tree = EndpointJson.toTree(e);
        JsonNode status = tree.get("status");
        String fn = e.spec().functionUri();
        String tagged = fn == null ? null : fn.substring(fn.indexOf('/') + 1);
        String bare = tagged == null || tagged.indexOf(':') < 0 ? tagged : tagged.substring(0, tagged.indexOf(':'));
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("project", e.project());
        main.put("uid", e.uid());
        main.put("model", e.spec().model());
        main.put("function_uri", fn);
        main.put("function_tagged", tagged);
        main.put("function_name", bare);
        main.put("labels", EndpointJson.labelsJson(e.metadata().labels()));
        main.put("first_request", time(e.status().firstRequest()));
        main.put("last_request", time(e.status().lastRequest()));
        main.put("error_count", e.status().errorCount());
        main.put("late_rows", e.status().lateRows());
        main.put("pending_late", status.get("pending_late").toString());
        main.put("metrics", status.get("metrics").toString());
        main.put("spec", tree.get("spec").toString());
        main.put("feature_stats", status.get("feature_stats").toString());
        Map<String, Object> drift = new LinkedHashMap<>();
        drift.put("project", e.project());
        drift.put("uid", e.uid());
        drift.put("drift_status", e.status().driftStatus() == null ? NULL_INT : e.status().driftStatus().code());
        drift.put("drift_measures", status.get("drift_measures").toString());
        drift.put("current_stats", status.get("current_stats").toString());
        return new Split(main, drift);
    }

    private static Object time(Instant t) {
        return t == null ? NULL_TIME : t;
    }

    /** The non-key columns whose value differs between {@code before} and {@code after}. */
    static List<String> changed(Map<String, Object> before, Map<String, Object> after) {
        return after.keySet().stream().filter(k -> !KEY.contains(k))
                .filter(k -> !Objects.equals(before.get(k), after.get(k))).toList();
    }

    /** The record of a row of {@link #SELECT}. */
    static ModelEndpoint read(Dialect d, ResultSet rs) throws SQLException {
        ObjectNode root = Jdbc.JSON.createObjectNode();
        ObjectNode md = root.putObject("metadata");
        md.put("project", rs.getString(1));
        md.put("uid", rs.getString(2));
        md.set("labels", tree(rs.getString(3)));
        root.set("spec", tree(rs.getString(10)));
        ObjectNode st = root.putObject("status");
        st.set("feature_stats", tree(rs.getString(11)));
        Instant first = d.time(rs, 4);
        Instant last = d.time(rs, 5);
        st.put("first_request", first == null ? null : first.toString());
        st.put("last_request", last == null ? null : last.toString());
        st.put("error_count", rs.getLong(6));
        st.put("late_rows", rs.getLong(7));
        st.set("pending_late", tree(rs.getString(8)));
        st.set("metrics", tree(rs.getString(9)));
        int drift = rs.getInt(12);
        st.put("drift_status", rs.wasNull() ? null : Integer.toString(drift));
        String measures = rs.getString(13);
        if (measures != null) {
            st.set("drift_measures", tree(measures));
            st.set("current_stats", tree(rs.getString(14)));
        }
        return EndpointJson.fromTree(root, EndpointJson.Mode.LENIENT);
    }

    private static JsonNode tree(String json) {
        try {
            return Jdbc.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored endpoint JSON is damaged: " + e.getOriginalMessage(), e);
        }
    }
}
