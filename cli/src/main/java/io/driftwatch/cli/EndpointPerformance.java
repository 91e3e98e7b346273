package io.driftwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ResultStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch endpoints performance UID -p P [--metric accuracy]}: per analysed window of the
 * {@code model-performance} app, the realized value of the metric and its status, the estimate (CBPE) with its band,
 * and the label coverage (issue 20). A window without labels shows no realized value; a backfilled window shows its
 * latest values.
 */
@Command(name = "performance", description = "Per window: realized and estimated performance, and label coverage.")
final class EndpointPerformance implements Runnable {
    @Mixin
    ClientOptions opts;
    @Mixin
    ProjectOption project;
    @Parameters(index = "0", description = "endpoint uid")
    String uid;
    @Option(names = "--metric", defaultValue = "accuracy", description = "the metric (accuracy, f1_macro, roc_auc, "
            + "mae, ...; default accuracy)")
    String metric;
    @Option(names = "--app", defaultValue = "model-performance", description = "the app's registered name")
    String app;
    @Option(names = "--start", description = "from (ISO time; default the server's: the last 24 hours)")
    String start;
    @Option(names = "--end", description = "until (ISO time; default now)")
    String end;

    @Override
    public void run() {
        Map<String, ObjectNode> byWindow = new TreeMap<>();
        for (JsonNode v : series("result." + metric)) {
            row(byWindow, v).put("realized", v.get(1).asDouble()).put("status", status(v.get(2).asInt()));
        }
        for (JsonNode v : series("result.estimated_" + metric)) {
            ObjectNode r = row(byWindow, v).put("estimated", v.get(1).asDouble());
            JsonNode extra = v.path(3);
            if (extra.has("lower")) {
                r.put("lower", extra.get("lower").asDouble()).put("upper", extra.get("upper").asDouble());
            }
        }
        for (JsonNode v : series("metric.label_coverage")) {
            row(byWindow, v).put("coverage", v.get(1).asDouble());
        }
        ArrayNode out = Output.MAPPER.createArrayNode();
        byWindow.values().forEach(out::add);
        opts.print(out, "window_end", "realized", "status", "estimated", "lower", "upper", "coverage");
    }

    private JsonNode series(String name) {
        StringBuilder q = new StringBuilder("?extra_data=true&name=")
                .append(enc(project.project + "." + app + "." + name));
        if (start != null) {
            q.append("&start=").append(enc(start));
        }
        if (end != null) {
            q.append("&end=").append(enc(end));
        }
        JsonNode all = opts.client().get("/projects/" + project.project + "/model-endpoints/" + uid
                + "/metrics-values" + q);
        return all.isArray() && !all.isEmpty() ? all.get(0).path("values") : Output.MAPPER.createArrayNode();
    }

    private static ObjectNode row(Map<String, ObjectNode> rows, JsonNode v) {
        return rows.computeIfAbsent(v.get(0).asText(), k -> Output.MAPPER.createObjectNode().put("window_end", k));
    }

    private static String status(int code) {
        for (ResultStatus s : ResultStatus.values()) {
            if (s.code() == code) {
                return s.name().toLowerCase(Locale.ROOT);
            }
        }
        return Integer.toString(code);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
