package io.driftwatch.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.EndpointState;
import io.driftwatch.engine.port.ReferenceVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How an endpoint record is split over its two rows, and put together again:
 * <ul>
 *   <li>{@code endpoints}: the filter columns (model, function, labels, first/last request), the processor's
 *       counters (error_count, late_rows, pending_late, metrics), the spec as JSON and the hash of the
 *       reference statistics, {@code stats_hash} (written when the endpoint is created or its reference changes;
 *       the statistics themselves once per distinct content in {@code reference_stats}, {@link ReferenceStats};
 *       {@code feature_stats} holds them only in rows written before schema version 8);</li>
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
            "metrics", "spec", "feature_stats", "stats_hash", "active", "monitoring_mode", "reference_version",
            "updated");
    /** stats_seq (version 9): the history row holding current_stats instead of the row ({@link HistoryExtra}). */
    static final List<String> DRIFT = List.of("project", "uid", "drift_status", "drift_measures", "current_stats",
            "stats_seq", "updated");
    /** The columns read back, endpoint then drift (drift columns NULL when the row is missing). */
    static final String SELECT = "SELECT e.project, e.uid, e.labels, e.first_request, e.last_request, e.error_count,"
            + " e.late_rows, e.pending_late, e.metrics, e.spec, e.feature_stats, d.drift_status, d.drift_measures,"
            + " d.current_stats, e.stats_hash, d.stats_seq FROM endpoints e"
            + " LEFT JOIN endpoint_drift d ON d.project = e.project AND d.uid = e.uid";
    private static final Jdbc.Null NULL_TIME = new Jdbc.Null(Types.TIMESTAMP);
    private static final Jdbc.Null NULL_INT = new Jdbc.Null(Types.INTEGER);
    private static final Jdbc.Null NULL_TEXT = new Jdbc.Null(Types.VARCHAR);
    private static final Jdbc.Null NULL_SEQ = new Jdbc.Null(Types.BIGINT);
    /** What {@code feature_stats} holds since version 8: the statistics are in {@code reference_stats}. */
    private static final String NO_STATS = EndpointJson.writeStats(io.driftwatch.FeatureStats.empty());

    private EndpointRows() {
    }

    /** One column: the record component it stores (compared to find changes) and its stored value. */
    private record Column(String name, Function<ModelEndpoint, Object> component,
                          Function<ModelEndpoint, Object> value) {
    }

    private static final List<Column> MAIN_COLUMNS = List.of(
            new Column("model", e -> e.spec().model(), e -> e.spec().model()),
            new Column("function_uri", e -> e.spec().functionUri(), e -> e.spec().functionUri()),
            new Column("function_tagged", e -> e.spec().functionUri(), e -> tagged(e.spec().functionUri())),
            new Column("function_name", e -> e.spec().functionUri(), e -> bare(tagged(e.spec().functionUri()))),
            new Column("labels", e -> e.metadata().labels(), e -> EndpointJson.labelsJson(e.metadata().labels())),
            new Column("first_request", e -> e.status().firstRequest(), e -> time(e.status().firstRequest())),
            new Column("last_request", e -> e.status().lastRequest(), e -> time(e.status().lastRequest())),
            new Column("error_count", e -> e.status().errorCount(), e -> e.status().errorCount()),
            new Column("late_rows", e -> e.status().lateRows(), e -> e.status().lateRows()),
            new Column("pending_late", e -> e.status().pendingLate(),
                    e -> Jdbc.json(e.status().pendingLate().stream().map(Instant::toString).toList())),
            new Column("metrics", e -> e.status().metrics(), e -> statusPart(e, "metrics")),
            new Column("spec", ModelEndpoint::spec, e -> specJson(e)),
            // since version 8 the statistics are in reference_stats, named by stats_hash (ReferenceStats)
            new Column("feature_stats", e -> e.status().featureStats(), e -> NO_STATS),
            new Column("stats_hash", e -> e.status().featureStats(), e -> statsHash(e)),
            new Column("active", e -> e.spec().active(), e -> e.spec().active()),
            new Column("monitoring_mode", e -> e.spec().monitoringMode(), e -> e.spec().monitoringMode().wireName()),
            // compared on the parts it hashes, computed only when one of them changed
            new Column("reference_version", e -> List.of(e.metadata(), e.spec(), e.status().featureStats()),
                    ReferenceVersion::of));
    private static final List<Column> DRIFT_COLUMNS = List.of(
            new Column("drift_status", e -> e.status().driftStatus(),
                    e -> e.status().driftStatus() == null ? NULL_INT : e.status().driftStatus().code()),
            new Column("drift_measures", e -> e.status().driftMeasures(), e -> Jdbc.json(e.status().driftMeasures())),
            new Column("current_stats", e -> e.status().currentStats(),
                    e -> EndpointJson.writeStats(e.status().currentStats())),
            // a record's statistics are written inline; only the writer's drift rows reference a history row
            new Column("stats_seq", e -> e.status().currentStats(), e -> NULL_SEQ));

    /** The values of every column of one of the two rows, key first. */
    static Map<String, Object> mainRow(ModelEndpoint e) {
        return row(e, MAIN_COLUMNS);
    }

    static Map<String, Object> driftRow(ModelEndpoint e) {
        return row(e, DRIFT_COLUMNS);
    }

    /**
     * The drift row of a writer's update, as {@link #driftRow(ModelEndpoint)} of the updated record; with
     * {@code statsSeq} (not null) the statistics are not serialised again: the row names the history row that holds
     * them ({@link HistoryExtra}).
     */
    static Map<String, Object> driftRow(io.driftwatch.engine.port.EndpointStore.DriftUpdate u, Long statsSeq) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", u.project());
        out.put("uid", u.uid());
        out.put("drift_status", u.driftStatus() == null ? NULL_INT : u.driftStatus().code());
        out.put("drift_measures", Jdbc.json(u.driftMeasures()));
        out.put("current_stats", statsSeq != null ? NULL_TEXT : EndpointJson.writeStats(u.currentStats()));
        out.put("stats_seq", statsSeq != null ? statsSeq : NULL_SEQ);
        return out;
    }

    private static Map<String, Object> row(ModelEndpoint e, List<Column> columns) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", e.project());
        out.put("uid", e.uid());
        columns.forEach(c -> out.put(c.name(), c.value().apply(e)));
        return out;
    }

    /** The changed columns of the endpoint row and their new values (compared on the record, serialised if changed). */
    static Map<String, Object> changedMain(ModelEndpoint before, ModelEndpoint after) {
        return changed(before, after, MAIN_COLUMNS);
    }

    /** Whether any column of the drift row changed. */
    static boolean driftChanged(ModelEndpoint before, ModelEndpoint after) {
        return !changed(before, after, DRIFT_COLUMNS).isEmpty();
    }

    private static Map<String, Object> changed(ModelEndpoint before, ModelEndpoint after, List<Column> columns) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Column c : columns) {
            if (!Objects.equals(c.component().apply(before), c.component().apply(after))) {
                out.put(c.name(), c.value().apply(after));
            }
        }
        return out;
    }

    private static String tagged(String fn) {
        return fn == null ? null : fn.substring(fn.indexOf('/') + 1);
    }

    private static String bare(String tagged) {
        return tagged == null || tagged.indexOf(':') < 0 ? tagged : tagged.substring(0, tagged.indexOf(':'));
    }

    /** The spec as JSON: the codec's tree of the record without its (large) status. */
    private static String specJson(ModelEndpoint e) {
        ModelEndpoint bare = new ModelEndpoint(e.metadata(), e.spec(), ModelEndpoint.Status.builder().build());
        return EndpointJson.toTree(bare).get("spec").toString();
    }

    /** One small field of the status as JSON (the statistics left out before encoding). */
    private static String statusPart(ModelEndpoint e, String field) {
        ModelEndpoint.Status small = ModelEndpoint.Status.builder().metrics(e.status().metrics()).build();
        return EndpointJson.toTree(new ModelEndpoint(e.metadata(), e.spec(), small)).get("status").get(field)
                .toString();
    }

    private static Object statsHash(ModelEndpoint e) {
        String hash = ReferenceStats.hash(e.status().featureStats());
        return hash == null ? NULL_TEXT : hash;
    }

    private static Object time(Instant t) {
        return t == null ? NULL_TIME : t;
    }

    /** The columns of {@link #state}: the controller's small state of each endpoint, no JSON but a flag. */
    static final String STATES = "SELECT uid, active, monitoring_mode, first_request, last_request,"
            + " pending_late <> '[]', reference_version FROM endpoints WHERE project = ? ORDER BY uid";

    /** The state of a row of {@link #STATES}. */
    static EndpointState state(Dialect d, String project, ResultSet rs) throws SQLException {
        boolean active = rs.getBoolean(2) || rs.wasNull();
        String mode = rs.getString(3);
        return new EndpointState(project, rs.getString(1), active, mode == null ? null : MonitoringMode.parse(mode),
                d.time(rs, 4), d.time(rs, 5), rs.getBoolean(6), rs.getString(7));
    }

    /**
     * The record of a row of {@link #SELECT} and its {@code stats_hash}: with a hash, the record's statistics are
     * empty until {@link ReferenceStats#resolve} gives them; without, they are the {@code feature_stats} column's.
     */
    static ReferenceStats.Row read(Dialect d, ResultSet rs) throws SQLException {
        long seq = rs.getLong(16);
        Long statsSeq = rs.wasNull() ? null : seq;
        return new ReferenceStats.Row(record(d, rs), rs.getString(15), statsSeq);
    }

    private static ModelEndpoint record(Dialect d, ResultSet rs) throws SQLException {
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
            String stats = rs.getString(14); // NULL: in the history row of stats_seq (HistoryExtra)
            if (stats != null) {
                st.set("current_stats", tree(stats));
            }
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
