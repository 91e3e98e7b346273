package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.Result;
import io.driftwatch.Window;
import io.driftwatch.engine.drift.DriftSettings;
import io.driftwatch.engine.drift.MergedRange;
import io.driftwatch.engine.drift.RangeDriftReport;
import io.driftwatch.server.http.Json;
import io.driftwatch.stats.DriftReport;
import io.driftwatch.stats.FeatureDrift;
import java.util.List;

/** The JSON of {@link DriftRoutes} (docs/api.md "Drift over a range"); NaN (no comparable feature) is null. */
final class DriftJson {
    private DriftJson() {
    }

    /** A range's report: its span, the baseline, the drift, the tests, the settings used and the notes. */
    static ObjectNode report(RangeDriftReport r, DriftSettings settings) {
        ObjectNode o = Json.object();
        span(o, r.current());
        ObjectNode b = o.putObject("baseline").put("kind", r.baseline().kind().name().toLowerCase(java.util.Locale.ROOT));
        r.baselineRange().ifPresent(m -> span(b, m));
        drift(o, r);
        ArrayNode features = o.putArray("features");
        r.drift().features().forEach((name, d) -> feature(features.addObject().put("name", name), d));
        ObjectNode skipped = o.putObject("skipped_features");
        r.drift().skipped().forEach((k, v) -> skipped.put(k, v.wireName()));
        if (r.tests().isPresent()) {
            tests(o.putArray("drift_tests"), r.tests().get());
        } else {
            o.putNull("drift_tests");
        }
        o.putObject("thresholds").put("potential", settings.thresholds().potential())
                .put("detected", settings.thresholds().detected()).put("min_rows", settings.minRows());
        ArrayNode notes = o.putArray("notes");
        r.notes().forEach(notes::add);
        return o;
    }

    /** A series point: its bucket, span and drift, per feature {tvd, hellinger, kld}. */
    static ObjectNode point(RangeDriftReport r) {
        ObjectNode o = Json.object();
        span(o, r.current());
        drift(o, r);
        ObjectNode features = o.putObject("features");
        r.drift().features().forEach((name, d) -> feature(features.putObject(name), d));
        r.baselineRange().ifPresent(m -> o.put("baseline_rows", m.rows()));
        return o;
    }

    private static void span(ObjectNode o, MergedRange m) {
        o.put("start", Json.time(m.requested().start())).put("end", Json.time(m.requested().end()));
        if (m.covered().isPresent()) {
            Window c = m.covered().get();
            o.putObject("covered").put("start", Json.time(c.start())).put("end", Json.time(c.end()));
        } else {
            o.putNull("covered");
        }
        o.put("rows", m.rows()).put("cells", m.cells()).put("excluded_cells", m.excludedCells());
    }

    private static void drift(ObjectNode o, RangeDriftReport r) {
        DriftReport d = r.drift();
        number(o, "general_drift", d.generalDrift());
        o.put("status", r.status().wireName()).put("status_code", r.status().code());
        number(o, "tvd_mean", d.tvdMean());
        number(o, "hellinger_mean", d.hellingerMean());
        number(o, "kld_mean", d.kldMean());
    }

    private static void feature(ObjectNode f, FeatureDrift d) {
        number(f, "tvd", d.tvd());
        number(f, "hellinger", d.hellinger());
        number(f, "kld", d.kld());
        number(f, "drift", d.drift());
        f.put("type", d.categorical() ? "categorical" : "numeric");
    }

    private static void tests(ArrayNode out, List<Result> results) {
        for (Result t : results) {
            ObjectNode o = out.addObject().put("name", t.name());
            number(o, "value", t.value());
            o.put("status", t.status().wireName()).put("status_code", t.status().code());
            o.set("extra_data", Json.MAPPER.valueToTree(t.extraData()));
        }
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
